// Twilio's paged lists as one value: awaiting it gives the first page's body, iterating it gives
// every item across pages, fetched one page at a time as the iteration reaches it.
import { TwilioApiError } from "../errors/api-error.js";
import { scrub } from "./scrub.js";

/** @internal How to reach the pages of one list call. */
export interface PageSource<Page> {
  /** The key of the page body's item array (`participants`, …). */
  itemsKey: string;
  /** The only origin a `next_page_url` may point to: credentials never go to another host. */
  origin: string;
  /** The list's own path: a next page elsewhere would be another resource's. */
  pathname: string;
  /** Credential forms, scrubbed from a refused URL before it goes into the error. */
  secrets: readonly string[];
  first(): Promise<Page>;
  /** The page at a `next_page_url` already checked to be on `origin`. */
  next(url: URL): Promise<Page>;
}

/** @internal A PagePromise: the first request starts when it is first awaited or iterated. */
export class Pages<Page extends object, Item> implements Promise<Page>, AsyncIterable<Item> {
  readonly [Symbol.toStringTag] = "PagePromise";
  readonly #source: PageSource<Page>;
  #first: Promise<Page> | undefined;

  constructor(source: PageSource<Page>) {
    this.#source = source;
  }

  #firstPage(): Promise<Page> {
    return (this.#first ??= this.#source.first());
  }

  then<A = Page, B = never>(
    onFulfilled?: ((page: Page) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page | B> {
    return this.#firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page> {
    return this.#firstPage().finally(onFinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    const seen = new Set<string>();
    for (let page = await this.#firstPage(); ;) {
      const items = (page as Record<string, unknown>)[this.#source.itemsKey];
      if (Array.isArray(items)) yield* items as Item[];
      const meta = (page as { meta?: { url?: unknown; next_page_url?: unknown } }).meta;
      if (typeof meta?.url === "string") seen.add(this.#resolve(meta.url)); // a page pointing to itself loops
      const next = meta?.next_page_url;
      if (typeof next !== "string" || next === "") return;
      page = await this.#source.next(this.#checked(next, seen));
    }
  }

  #resolve(url: string): string {
    try {
      return new URL(url, this.#source.origin).href;
    } catch {
      return url;
    }
  }

  /** The next page's URL, refused when it leaves the client's origin or comes back to a page already read. */
  #checked(next: string, seen: Set<string>): URL {
    let url: URL;
    try {
      url = new URL(next, this.#source.origin);
    } catch {
      throw this.#refusal(next, "is not a URL");
    }
    if (url.origin !== this.#source.origin)
      throw this.#refusal(
        next,
        `is not on the client's origin (${this.#source.origin}); credentials are never sent elsewhere`,
      );
    if (url.pathname !== this.#source.pathname)
      throw this.#refusal(next, `is not this list's path (${this.#source.pathname})`);
    if (seen.has(url.href)) throw this.#refusal(next, "points to a page already read (the list loops)");
    seen.add(url.href);
    return url;
  }

  #refusal(next: string, why: string): TwilioApiError {
    return new TwilioApiError({
      status: 200,
      message: `the previous page's meta.next_page_url ${why}`,
      method: "GET",
      url: scrub(next, this.#source.secrets),
      attempts: 0,
      note: "paging stopped; the items before this page were delivered",
    });
  }
}
