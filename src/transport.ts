/**
 * The one thing the client needs from a transport: `fetch(request)`. Global fetch is the default
 * everywhere; a custom one may be passed in options.
 */
export type TransportFetch = (input: Request) => Promise<Response>;
