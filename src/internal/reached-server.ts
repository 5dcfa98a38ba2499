// Whether a failed request could have reached the server: the one question every retry decision
// of a non-idempotent call turns on.

/**
 * @internal Transport error codes raised before the request was written: refused, DNS, no route,
 * connect timeout, a proxy that refused the tunnel, and TLS handshake failures (a certificate that
 * does not verify, TLS spoken to a plain port). Only codes a handshake or a connect can raise are
 * here: a reset or "socket closed" after writing is ambiguous. The Node transport also marks what
 * failed before writing with `requestSent: false`, whatever the code, and a failure after an earlier
 * send of the same request with `requestSent: true` (an own `requestSent` decides before any code).
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_NOT_SENT",
  "ERR_PROXY_TUNNEL",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_TLS_HANDSHAKE_TIMEOUT",
  // OpenSSL's certificate verdicts (Node's `code` for them)
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "HOSTNAME_MISMATCH",
  // OpenSSL's handshake failures (undici passes them on as they are)
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_SSL_PACKET_LENGTH_TOO_LONG",
  "ERR_SSL_UNSUPPORTED_PROTOCOL",
  "ERR_SSL_NO_PROTOCOLS_AVAILABLE",
  "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION",
  "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
  "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA",
  "ERR_SSL_TLSV1_UNRECOGNIZED_NAME",
]);

/** Node's words for a TLS connection that closed during its handshake (code ECONNRESET). */
const CLOSED_IN_HANDSHAKE = /before secure TLS connection was established/;
/** undici's ProxyAgent refusing a tunnel (code UND_ERR_ABORTED, which other aborts share). */
const TUNNEL_REFUSED = /^Proxy response \(\d+\) !== 200 when HTTP Tunneling$/;

/** The first error with a string `code` in `error`'s `cause` chain (fetch wraps them), or in an AggregateError's. */
function coded(error: unknown): { code: string; message?: unknown } | undefined {
  for (let e: any = error, depth = 0; e && typeof e === "object" && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === "string") return e;
    if (typeof e.errors?.[0]?.code === "string") return e.errors[0]; // happy-eyeballs connects
  }
  return undefined;
}

/** @internal The transport's error code, looking through fetch's `cause` wrappers. */
export function errorCode(error: unknown): string | undefined {
  return coded(error)?.code;
}

/** @internal Whether a transport error happened before any byte of the request was sent. */
export function failedBeforeSending(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && typeof e === "object" && depth < 5; e = e.cause, depth++) {
    if (Object.hasOwn(e, "requestSent")) return e.requestSent === false; // the transport knew
  }
  const { code, message } = coded(error) ?? {};
  if (code === undefined) return false;
  if (NOT_SENT_CODES.has(code)) return true;
  return (
    typeof message === "string" &&
    ((code === "ECONNRESET" && CLOSED_IN_HANDSHAKE.test(message)) ||
      (code === "UND_ERR_ABORTED" && TUNNEL_REFUSED.test(message)))
  );
}

/** @internal Marks a transport error as raised before the request was written (own `requestSent: false`). */
export function notSent<T>(error: T): T | Error {
  return marked(error, false);
}

/**
 * @internal Marks a transport error as following an earlier send of the same request (own
 * `requestSent: true`), so a code that alone means "never sent" (ECONNREFUSED) is not read so.
 */
export function maybeSent<T>(error: T): T | Error {
  return marked(error, true);
}

function marked<T>(error: T, requestSent: boolean): T | Error {
  if (typeof error === "object" && error !== null && Object.isExtensible(error)) {
    return Object.defineProperty(error, "requestSent", {
      value: requestSent,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  const message = requestSent ? "the request may have been sent" : "the request was not sent";
  return Object.assign(new Error(message, { cause: error }), { requestSent });
}
