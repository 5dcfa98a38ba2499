// proxy-from-env ships no types; this is the one function the Node transport calls.
declare module "proxy-from-env" {
  /** The proxy URL the environment names for `url`, or "" (none, or NO_PROXY exempts it). */
  export function getProxyForUrl(url: string | URL): string;
}
