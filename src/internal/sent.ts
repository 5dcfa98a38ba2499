// Whether a failed request could have reached the server: the one question every retry decision
// of a non-idempotent call turns on.

/**
 * @internal Transport error codes raised before the request was written (refused, DNS, no route,
 * connect timeout). A reset or "socket closed" after writing is ambiguous and is not here.
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT", "ERR_NOT_SENT",
]);

/** @internal The transport's error code, looking through fetch's `cause` wrappers. */
export function errorCode(error: unknown): string | undefined {
  for (let e: any = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === "string") return e.code;
    const inner = e.errors?.[0]?.code; // AggregateError from happy-eyeballs connects
    if (typeof inner === "string") return inner;
  }
  return undefined;
}

/** @internal Whether a transport error happened before any byte of the request was sent. */
export function failedBeforeSending(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}
