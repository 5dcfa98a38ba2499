// How the tests launch Chromium: Debian's build (Playwright's own browser download can't work
// here), headless, offline. Shared by the docs tests (TypeScript) and runtimes/run-matrix.mjs (plain
// Node), hence JavaScript with a declaration file beside it.

/** Debian's Chromium; scripts/install-runtimes.sh installs it. */
export const CHROMIUM = "/usr/bin/chromium";

/** Headless, no sandbox (root in a container), and nothing that would reach the network on its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
