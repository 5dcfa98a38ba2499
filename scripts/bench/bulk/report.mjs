// bench:bulk's table (Markdown) and chart (SVG, with svg.mjs's bar panel).
import { panel, svgDocument } from "../svg.mjs";

const f = (x, d = 2) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : String(x ?? "—"));
const COLORS = { library: "#e0284f", cli: "#f06595", "promise-all": "#868e96", pool: "#adb5bd", autoretry: "#495057" };

export function renderBulk(res) {
  const { env, config, contenders, crash, background, memory } = res;
  const lines = [
    `# bench:bulk — ${config.n.toLocaleString("en-US")} participants, ${config.conversations} conversations`,
    "",
    `${env.date} · Node ${env.node} · ${env.cpuModel} · ${env.cores} cores · ${env.platform}`,
    "",
    `Fake server in its own process: Twilio's ${config.ratePerConversation} creates/s per conversation (429, code 50063, beyond), ` +
      `${config.latencyMs} ms per request. Physical limit ${config.limitS} s.`,
    "",
    "| contender | wall time | × limit | 429s | failures | stored | duplicates | peak creates/s in one conversation | note |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...contenders.map(
      (c) =>
        `| ${c.label} | ${f(c.wallS)} s | ${f(c.ratio)} | ${c.limited} | ${f(c.failures, 0)} | ${c.stored} | ${c.duplicates} | ${c.peak} | ${c.note ?? ""} |`,
    ),
    "",
  ];
  if (crash) {
    lines.push(
      "## kill -9 at about half way, then the same command again with the same journal",
      "",
      "| stored at the kill | rerun exit | rerun wall time | stored at the end | duplicates | creates the rerun sent | reads the rerun sent |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      `| ${crash.storedAtKill} | ${crash.rerunExit} | ${f(crash.rerunWallS)} s | ${crash.stored} | ${crash.duplicates} | ${crash.rerunCreates} | ${crash.rerunReads} |`,
      "",
    );
    if (crash.rerunExit !== 0) lines.push(`Rerun's last words: ${crash.rerunStderr}`, "");
  }
  if (background) {
    lines.push(
      `## Shared budget: other traffic uses ${background.actionsPerSecond} of each conversation's ${config.ratePerConversation} actions/s`,
      "",
      "| run | wall time | budget left's limit | × that limit | creates sent | 429s | 429 share | stored | duplicates | exit |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...background.runs.map(
        (b) =>
          `| ${b.label} | ${f(b.wallS)} s | ${f(background.fairS)} s | ${f(b.ratio)} | ${b.creates} | ${b.limited} | ${f(100 * b.limitedShare, 1)}% | ${b.stored} | ${b.duplicates} | ${b.exit} |`,
      ),
      "",
    );
  }
  if (memory.dryRun || memory.realRun) {
    lines.push(
      "## Memory of the CLI",
      "",
      "| run | rows | rows/s | peak RSS | RSS at 25% / 50% / 100% | live heap after gc at 25% / 50% / end |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    const d = memory.dryRun,
      r = memory.realRun;
    if (d)
      lines.push(
        `| --dry-run | ${d.rows.toLocaleString("en-US")} | ${f(d.rowsPerSec, 0)} | ${f(d.peakRssMiB, 0)} MiB | — | — |`,
      );
    if (r)
      lines.push(
        `| real run, fake without limits | ${r.rows.toLocaleString("en-US")} (stored ${r.stored}) | ${f(r.rowsPerSec, 0)} | ${f(r.peakRssMiB, 0)} MiB | ${f(r.rssAt25MiB, 0)} / ${f(r.rssAt50MiB, 0)} / ${f(r.rssAt100MiB, 0)} MiB | ${f(r.heapAt25MiB, 1)} / ${f(r.heapAt50MiB, 1)} / ${f(r.heapAt100MiB, 1)} MiB |`,
      );
    lines.push("");
  }
  const rows = contenders.map((c) => ({ label: c.label, value: c.wallS, color: COLORS[c.key] ?? "#868e96" }));
  const chart = panel(
    30,
    "Wall time for 3,000 adds (lower is better)",
    `${config.conversations} conversations, ${config.latencyMs} ms latency, Twilio's limits on`,
    rows,
    "s",
    2,
    [
      { label: `physical limit ${config.limitS} s`, value: config.limitS },
      { label: "target 1.1×", value: config.limitS * 1.1 },
    ],
  );
  const svg = svgDocument(
    "npm run bench:bulk",
    [chart],
    `${env.date} · Node ${env.node} · ${env.cpuModel} · ${env.cores} cores`,
  );
  return { markdown: lines.join("\n"), svg };
}
