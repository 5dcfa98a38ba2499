// Where one Node request stands: still connecting (nothing can have reached the server), or
// connected (the request may be on its way). Read from socket events, since an error says nothing
// of it: the same ECONNRESET comes from a TLS handshake and from a server that dropped the request.
import type { ClientRequest } from "node:http";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";

/**
 * Resets that, on a reused pooled socket before any byte of a response, mean the server had closed
 * the idle connection as the request went out ("socket hang up" is ECONNRESET too).
 */
const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/** @internal */
export interface ConnectPhase {
  /** The socket is connected (TCP, and TLS for https): from here the request may reach the server. */
  readonly connected: boolean;
  /** Whether an error with `code` is a pooled socket the server had already closed (see STALE_SOCKET_CODES). */
  stale(code: string | undefined): boolean;
  /** Drops the connect deadline (the exchange is over, or answered). */
  stop(): void;
}

/**
 * Watches `outgoing` connect, failing it with code UND_ERR_CONNECT_TIMEOUT (global fetch's code for
 * the same case) and `requestSent: false` if connecting takes more than `timeoutMs`. A reused pooled
 * socket is connected at once, so the common case sets no timer. `early`: the deadline starts now
 * rather than at the socket, for agents that do work before handing one over (a proxy's tunnel).
 */
export function watchConnect(
  outgoing: ClientRequest,
  secure: boolean,
  timeoutMs: number,
  early: boolean,
): ConnectPhase {
  let connected = false;
  let reused: Socket | undefined;
  let bytesBefore = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (timer === undefined && timeoutMs > 0) timer = setTimeout(expire, timeoutMs);
  };
  const expire = () => {
    if (connected) return;
    outgoing.destroy(
      Object.assign(new Error(`connecting took more than connectTimeoutMs (${timeoutMs} ms)`), {
        code: "UND_ERR_CONNECT_TIMEOUT",
        requestSent: false,
      }),
    );
  };
  const done = () => {
    connected = true;
    clearTimeout(timer);
  };
  if (early) arm();
  outgoing.once("socket", (socket: Socket) => {
    if (outgoing.reusedSocket) {
      reused = socket;
      bytesBefore = socket.bytesRead;
      return done();
    }
    if (secure ? handshaken(socket as TLSSocket) : !socket.connecting) return done();
    socket.once(secure ? "secureConnect" : "connect", done);
    arm();
  });
  return {
    get connected() {
      return connected;
    },
    stale: (code) =>
      reused !== undefined && reused.bytesRead === bytesBefore && code !== undefined && STALE_SOCKET_CODES.has(code),
    stop: () => clearTimeout(timer),
  };
}

/**
 * A TLS socket that finished its handshake already (a caller's agent may hand one over). No public
 * API says so before the handshake (getProtocol() already names a version); `_secureEstablished`
 * is the flag node:tls itself sets on secureConnect.
 */
function handshaken(socket: TLSSocket): boolean {
  return (socket as TLSSocket & { _secureEstablished?: boolean })._secureEstablished === true;
}
