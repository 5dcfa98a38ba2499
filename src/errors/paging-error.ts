import { TwilioError } from "./twilio-error.js";

/**
 * Iterating a list stopped because the client refused the previous page's `meta.next_page_url`: it
 * is not a URL, leaves the client's origin (credentials are never sent elsewhere), is not the list's
 * own path, or points to a page already read (the list loops). Nothing was sent for it (`attempts`
 * 0); the items before it were delivered. `url` is that `next_page_url`, credentials scrubbed.
 */
export class TwilioPagingError extends TwilioError {
  override name = "TwilioPagingError" as const;
  /** The refused `next_page_url`, with the client's credentials scrubbed from it. */
  readonly url: string;

  constructor(url: string, why: string) {
    super(
      `GET ${url} was not sent: the previous page's meta.next_page_url ${why}; ` +
        "paging stopped; the items before this page were delivered",
      { attempts: 0 },
    );
    this.url = url;
  }
}
