// A TCP listener on 127.0.0.1 that accepts connections and never says a word: a TLS client's
// handshake never completes (the connect phase hangs, as behind a black-holing firewall).
import { createServer, type AddressInfo, type Socket } from "node:net";

export interface StalledTls {
  baseUrl: string;
  /** Connections accepted (and left hanging). */
  connections: number;
  /** Bytes received: only ClientHellos, never a request. */
  received: Buffer[];
  close(): Promise<void>;
}

export async function startStalledTls(): Promise<StalledTls> {
  let connections = 0;
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("data", (chunk) => received.push(chunk));
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    received,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
