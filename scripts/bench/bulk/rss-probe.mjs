// Preloaded into the CLI (node --import, with --expose-gc) by the memory runs: every 500 ms samples
// RSS and, after a full gc(), the live heap; writes both and the peak RSS to BULK_RSS_FILE at exit.
import { writeFileSync } from "node:fs";
const samples = [];
const heap = [];
const timer = setInterval(() => {
  samples.push(process.memoryUsage.rss());
  if (globalThis.gc) (globalThis.gc(), heap.push(process.memoryUsage().heapUsed));
}, 500);
timer.unref();
process.on("exit", () => {
  samples.push(process.memoryUsage.rss());
  writeFileSync(process.env.BULK_RSS_FILE, JSON.stringify({ samples, heap, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
});
