// Twilio's paged lists as one value: awaiting it gives the first page's body, iterating it gives
// every item across pages, fetched one page at a time as the iteration reaches it.
import { TwilioPagingError } from "../errors/paging-error.js";
import type { Scrubber } from "./scrub.js";
import { decodeComponent } from "./wire.js";

/** @internal How to reach the pages of one list call. */
export interface PageSource<Page> {
  /** The key of the page body's item array (`participants`, …). */
  itemsKey: string;
  /** The only origin a `next_page_url` may point to: credentials never go to another host. */
  origin: string;
  /**
   * The first request's URL, asked for once the first page has come (its input is valid by then).
   * Its path is the list's own: a next page elsewhere would be another resource's.
   */
  firstUrl(): URL;
  /** Scrubs the credentials from a refused URL before it goes into the error. */
  scrubber: Scrubber;
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
    let page = await this.#firstPage();
    const first = this.#source.firstUrl();
    // Every page read, under each URL it was known by: a next page among them means the list loops.
    const seen = new Set([pageKey(first)]);
    for (;;) {
      // The items array is there: send.ts refuses a list page without one.
      yield* (page as Record<string, unknown>)[this.#source.itemsKey] as Item[];
      const meta = (page as { meta?: { url?: unknown; next_page_url?: unknown } }).meta;
      const own = typeof meta?.url === "string" ? parse(meta.url, this.#source.origin) : undefined;
      if (own) seen.add(pageKey(own));
      const next = meta?.next_page_url;
      if (typeof next !== "string" || next === "") return;
      page = await this.#source.next(this.#checked(next, first.pathname, seen));
    }
  }

  /** The next page's URL, refused when it leaves the client's origin or comes back to a page already read. */
  #checked(next: string, listPath: string, seen: Set<string>): URL {
    const url = parse(next, this.#source.origin);
    if (!url) throw this.#refusal(next, "is not a URL");
    if (url.origin !== this.#source.origin)
      throw this.#refusal(
        next,
        `is not on the client's origin (${this.#source.origin}); credentials are never sent elsewhere`,
      );
    if (segments(url.pathname) !== segments(listPath))
      throw this.#refusal(next, `is not this list's path (${listPath})`);
    const key = pageKey(url);
    if (seen.has(key)) throw this.#refusal(next, "points to a page already read (the list loops)");
    seen.add(key);
    return url;
  }

  /** A client-side refusal, not an answer of Twilio's: a TwilioPagingError, nothing sent. */
  #refusal(next: string, why: string): TwilioPagingError {
    return new TwilioPagingError(this.#source.scrubber.text(next), why);
  }
}

function parse(url: string, base: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/** A path as its segments, percent-decoded: `%3A`, `%3a` and `:` spell the same segment (RFC 3986 6.2.2). */
function segments(pathname: string): string {
  return JSON.stringify(pathname.split("/").map(decodeComponent));
}

/** One key per page, however its URL is spelled: path segments decoded, query pairs in sorted order. */
function pageKey(url: URL): string {
  const query = new URLSearchParams(url.search);
  query.sort();
  return `${segments(url.pathname)}?${query}`;
}
