// A keep-alive HTTP server on 127.0.0.1 that closes each connection after `idleMs` without a
// request, and says nothing of it (no `Keep-Alive: timeout=` hint): what many servers and load
// balancers do, and what races a client reusing the connection just then.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface IdleClosingServer {
  baseUrl: string;
  /** Requests read in full. */
  requests: number;
  /** Connections accepted. */
  connections: number;
  close(): Promise<void>;
}

/**
 * `idleMs` is the idle time after each answer, or a function drawing one per answer. `answer` gets
 * each request read in full (its body as text).
 */
export async function startIdleClosingServer(
  idleMs: number | (() => number),
  answer: (res: ServerResponse, req: IncomingMessage, body: string) => void,
): Promise<IdleClosingServer> {
  let requests = 0;
  let connections = 0;
  const sockets = new Set<Socket>();
  const timers = new WeakMap<Socket, ReturnType<typeof setTimeout>>();
  const idle = typeof idleMs === "number" ? () => idleMs : idleMs;
  // keepAliveTimeout 0: Node's own idle close (and its hint header) off; the timer below does it.
  const server: Server = createServer({ keepAliveTimeout: 0 }, (req, res) => {
    clearTimeout(timers.get(req.socket));
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests++;
      res.on("finish", () =>
        timers.set(
          req.socket,
          setTimeout(() => req.socket.destroy(), idle()),
        ),
      );
      answer(res, req, Buffer.concat(chunks).toString());
    });
  });
  server.on("connection", (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
