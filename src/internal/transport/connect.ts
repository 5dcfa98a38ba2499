// Where one Node request stands: still connecting (nothing can have reached the server), or
// connected (the request may be on its way). Read from socket events, since an error says nothing
// of it: the same ECONNRESET comes from a TLS handshake and from a server that dropped the request.
// A pooled socket the server had closed before the request got it is never written to (see `reuse`).
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
  /**
   * The request was handed a pooled socket the server had already closed, and was destroyed before
   * node:http wrote a byte of it: it provably never left, whatever the method (see `reuse`).
   */
  readonly unwritten: boolean;
  /** How long the pooled socket had been idle when a guarded request got it (see `guard`). */
  readonly idleMs: number | undefined;
  /**
   * For a request that must not reach the server twice: `reuse` measures its pooled socket's idle
   * time, and refuses (destroys before writing, so provably unwritten) one idle for `maxIdleMs` or more.
   */
  guard(maxIdleMs: number): void;
  /** Whether an error with `code` is a pooled socket the server had already closed (see STALE_SOCKET_CODES). */
  stale(code: string | undefined): boolean;
  /** Drops the connect deadline (the exchange is over, or answered). */
  stop(): void;
  /** The request is given up: a tunnel still being made for it (see `onAbandon`) is closed. */
  abandon(): void;
}

/** When a socket's last answer arrived (performance.now()): its idle time in the pool counts from there. */
const ANSWERED_AT = Symbol("answeredAt");

/** @internal Notes that `socket` has just delivered an answer (see ANSWERED_AT). */
export function answered(socket: Socket | null): void {
  if (socket) (socket as Socket & { [ANSWERED_AT]?: number })[ANSWERED_AT] = performance.now();
}

/** Where `watchConnect` keeps each request's phase, for the shared listener below. */
const PHASE = Symbol("ConnectPhase");

type Watched = ClientRequest & { [PHASE]: Phase };

/** One request's connect phase (see ConnectPhase), and its connect deadline. */
class Phase implements ConnectPhase {
  connected = false;
  unwritten = false;
  idleMs: number | undefined;
  #maxIdleMs: number | undefined;
  /** The pooled socket the request went out on, and its bytes read before it did. */
  #reused: Socket | undefined;
  #bytesBefore = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Closes the proxy tunnel being made for this request (proxy.ts), if one is. */
  cancelTunnel: (() => void) | undefined;

  constructor(
    readonly outgoing: ClientRequest,
    readonly secure: boolean,
    readonly timeoutMs: number,
    readonly onTimeout: (error: Error) => void,
  ) {}

  arm(): void {
    if (this.#timer === undefined && this.timeoutMs > 0) this.#timer = setTimeout(expire, this.timeoutMs, this);
  }

  done(): void {
    this.connected = true;
    this.cancelTunnel = undefined; // made: destroying the request closes its socket from here on
    clearTimeout(this.#timer);
  }

  /**
   * A pooled socket, handed over in the `socket` event, which node:http emits just before it writes
   * the buffered request (`onSocketNT`: `tickOnSocket` emits it, `_flush` follows in the same
   * synchronous run, so no network event comes between). A socket whose server side has ended (its
   * FIN read: `readableEnded`), or that is no longer `writable` (ended, destroyed, errored), is one
   * the server closed as idle: the request is destroyed here, before a byte goes out (Node itself
   * would still write after reading a FIN until its own `end()` runs), and is provably unwritten.
   * So is a guarded request's socket idle for its `maxIdleMs` or more (a server seen closing sooner).
   */
  reuse(socket: Socket): void {
    this.#reused = socket;
    this.#bytesBefore = socket.bytesRead;
    this.done();
    let idleTooLong = false;
    if (this.#maxIdleMs !== undefined) {
      const answeredAt = (socket as Socket & { [ANSWERED_AT]?: number })[ANSWERED_AT];
      this.idleMs = answeredAt === undefined ? 0 : performance.now() - answeredAt;
      idleTooLong = this.idleMs >= this.#maxIdleMs;
    }
    if (idleTooLong || socket.readableEnded || !socket.writable) {
      this.unwritten = true;
      this.outgoing.destroy(
        Object.assign(new Error("the server had closed this idle connection: the request was not written"), {
          code: "ECONNRESET",
        }),
      );
    }
  }

  guard(maxIdleMs: number): void {
    this.#maxIdleMs = maxIdleMs;
  }

  stale(code: string | undefined): boolean {
    const reused = this.#reused;
    return (
      reused !== undefined &&
      reused.bytesRead === this.#bytesBefore &&
      code !== undefined &&
      STALE_SOCKET_CODES.has(code)
    );
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  abandon(): void {
    const cancel = this.cancelTunnel;
    this.cancelTunnel = undefined;
    cancel?.();
  }
}

function expire(phase: Phase): void {
  if (phase.connected) return;
  const error = Object.assign(new Error(`connecting took more than connectTimeoutMs (${phase.timeoutMs} ms)`), {
    code: "UND_ERR_CONNECT_TIMEOUT",
    requestSent: false,
  });
  phase.abandon();
  phase.outgoing.destroy(error);
  // Told directly: a request with no socket yet (a proxy that never answers CONNECT) emits no error.
  phase.onTimeout(error);
}

/**
 * One listener for every request, finding its phase on the request: a closure over the request
 * here kept each finished request's objects alive through the next scavenge, so all of them were
 * promoted and left for mark-compact (27% more client CPU per request: scripts/bench/README.md).
 */
function onSocket(this: Watched, socket: Socket): void {
  const phase = this[PHASE];
  if (this.reusedSocket) return phase.reuse(socket);
  if (phase.secure ? handshaken(socket as TLSSocket) : !socket.connecting) return phase.done();
  socket.once(phase.secure ? "secureConnect" : "connect", () => phase.done());
  phase.arm();
}

/**
 * Watches `outgoing` connect, destroying it and calling `onTimeout` with an error of code
 * UND_ERR_CONNECT_TIMEOUT (global fetch's code for the same case) and `requestSent: false` if
 * connecting takes more than `timeoutMs`. A reused pooled socket is connected at once, so the common
 * case sets no timer. `early`: the deadline starts now rather than at the socket, for agents that do
 * work before handing one over (a proxy's tunnel).
 */
export function watchConnect(
  outgoing: ClientRequest,
  secure: boolean,
  timeoutMs: number,
  early: boolean,
  onTimeout: (error: Error) => void,
): ConnectPhase {
  const phase = new Phase(outgoing, secure, timeoutMs, onTimeout);
  (outgoing as Watched)[PHASE] = phase;
  if (early) phase.arm();
  outgoing.once("socket", onSocket);
  return phase;
}

/**
 * @internal Has `cancel` called if `outgoing` is given up (its deadline, an abort) while an agent is
 * still making its connection: node:http tells the agent nothing until it hands a socket over.
 */
export function onAbandon(outgoing: ClientRequest, cancel: () => void): void {
  const phase = (outgoing as Partial<Watched>)[PHASE];
  if (phase) phase.cancelTunnel = cancel;
}

/**
 * A TLS socket that finished its handshake already (a caller's agent may hand one over). No public
 * API says so before the handshake (getProtocol() already names a version); `_secureEstablished`
 * is the flag node:tls itself sets on secureConnect.
 */
function handshaken(socket: TLSSocket): boolean {
  return (socket as TLSSocket & { _secureEstablished?: boolean })._secureEstablished === true;
}
