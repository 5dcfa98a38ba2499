// Wording the error classes share (private: the package does not export it).

/** `1 attempt`, `2 attempts`. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The note that ends a message (why a request was not resent), or nothing. */
export function noted(note: string | undefined): string {
  return note ? `; ${note}` : "";
}
