// An HTTP CONNECT proxy on 127.0.0.1 for the transport's proxy tests: it counts the tunnels asked
// for and opens them only to loopback targets (anything else is refused and recorded), or refuses
// every one with a given status (403, 407) as a corporate proxy would.
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

export interface ConnectProxy {
  url: string;
  /** Every CONNECT target asked for (`host:port`), in order. */
  connects: string[];
  close(): Promise<void>;
}

const LOOPBACK_TARGET = /^(127(\.\d{1,3}){3}|localhost|\[::1\]):\d+$/;

/** `refuse`: the status every CONNECT gets instead of a tunnel; `reason`: its status text, if not the usual. */
export async function startConnectProxy(refuse?: 403 | 407, reason?: string): Promise<ConnectProxy> {
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end("this proxy only tunnels"));
  server.on("connect", (req, client: Socket, head: Buffer) => {
    const target = req.url ?? "";
    connects.push(target);
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (refuse || !LOOPBACK_TARGET.test(target)) {
      const text = reason ?? (refuse === 407 ? "Proxy Authentication Required" : "Forbidden");
      const challenge = refuse === 407 ? 'Proxy-Authenticate: Basic realm="test"\r\n' : "";
      client.end(`HTTP/1.1 ${refuse ?? 403} ${text}\r\n${challenge}Content-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const at = target.lastIndexOf(":");
    const upstream = connect(Number(target.slice(at + 1)), target.slice(0, at).replace(/^\[|\]$/g, ""), () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
