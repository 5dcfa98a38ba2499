// A DNS server on 127.0.0.1 that answers every query "no such name" (NXDOMAIN), and a lookup
// function resolving through it: a DNS failure without a packet leaving the machine.
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns";
import type { LookupFunction } from "node:net";

export interface NxdomainDns {
  /** A `lookup` for net/http options that asks only this server. */
  lookup: LookupFunction;
  /** Names asked for. */
  queries: number;
  close(): Promise<void>;
}

export async function startNxdomainDns(): Promise<NxdomainDns> {
  let queries = 0;
  const socket = createSocket("udp4");
  socket.on("message", (query, peer) => {
    queries++;
    // The query back, flagged as a response (QR), recursion available, RCODE 3 (NXDOMAIN), no answers.
    const answer = Buffer.from(query);
    answer[2] = 0x80 | (query[2]! & 0x79);
    answer[3] = 0x80 | 0x03;
    answer.writeUInt16BE(0, 6);
    answer.writeUInt16BE(0, 8);
    answer.writeUInt16BE(0, 10);
    socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const resolver = new Resolver({ tries: 1, timeout: 2_000 });
  resolver.setServers([`127.0.0.1:${socket.address().port}`]);
  // Node calls it with `all: true` (happy eyeballs) or without; it answers in the form asked for.
  const lookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolver.resolve4(hostname, (error, addresses) => {
      if (error) return callback(error);
      if (options.all)
        callback(
          null,
          addresses.map((address) => ({ address, family: 4 })),
        );
      else callback(null, addresses[0], 4);
    });
  }) as unknown as LookupFunction;
  return {
    lookup,
    get queries() {
      return queries;
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
