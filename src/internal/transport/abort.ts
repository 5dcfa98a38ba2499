// A per-attempt abort handle for requests only the Node transport sees. On Node 20 an
// AbortController/AbortSignal is a native-backed EventTarget: one per attempt, with its listener,
// measured at about a fifth of the client's CPU per request. The transport only needs `aborted`,
// `reason` and a listener.

/** @internal Both the controller and its signal (`handle.signal === handle`). */
export class AbortHandle {
  aborted = false;
  reason: unknown = undefined;
  /** The transport's listener; a second one (a middleware's) is rare enough for an array. */
  #first: (() => void) | undefined;
  #more: (() => void)[] | undefined;

  get signal(): AbortHandle {
    return this;
  }

  abort(reason: unknown = new DOMException("This operation was aborted", "AbortError")): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = [this.#first, ...(this.#more ?? [])];
    this.#first = this.#more = undefined;
    for (const listener of listeners) listener?.();
  }

  addEventListener(_type: "abort", listener: () => void): void {
    if (this.aborted) return;
    if (this.#first === undefined) this.#first = listener;
    else (this.#more ??= []).push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    if (this.#first === listener) this.#first = undefined;
    else if (this.#more) {
      const i = this.#more.indexOf(listener);
      if (i >= 0) this.#more.splice(i, 1);
    }
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }
}
