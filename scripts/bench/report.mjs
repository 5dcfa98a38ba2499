// Renders the results object as Markdown (printed to the console and written
// to bench-results/latest.md). Pure formatting: no measuring here.
const f = (x, d = 0) =>
  Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "n/a";
const kb = (b) => (Number.isFinite(b) ? `${f(b / 1024, 2)} KB` : "n/a");
const mb = (b) => (Number.isFinite(b) ? `${b < 0 ? "−" : "+"}${f(Math.abs(b) / 1048576, 2)} MB` : "n/a");
const mbAbs = (b) => `${f(b / 1048576, 1)} MB`;
const ratio = (x) => (Number.isFinite(x) ? `${f(x, 2)}×` : "n/a");

function table(head, rows) {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

export function renderMarkdown(res) {
  const out = [];
  out.push(`# ${res.title}`, "");
  if (res.clientEntry.standIn)
    out.push(
      `> **STAND-IN**: "this client" is \`${res.clientEntry.file}\` (BENCH_CLIENT_ENTRY), not the package's build. Its figures prove the harness, not the product.`,
      "",
    );
  out.push(
    `- Date: ${res.env.date}`,
    `- Node: ${res.env.node} · CPU: ${res.env.cpuModel} · cores: ${res.env.cores} · ${res.env.platform}`,
    `- Client entry: \`${res.clientEntry.description ?? res.clientEntry.file}\`${res.clientEntry.exists ? "" : " (**not built**)"}`,
    `- Throughput runs: N=${f(res.config.n)} creates per run after ${f(res.config.warmup)} warm-up, ${res.config.concurrency} in flight, ${res.config.rounds} rounds interleaved (${res.contenders.map((c) => c.key).join(" ")} …), each run a fresh process; figures are medians`,
    `- Loopback server: separate process, node:http keep-alive on 127.0.0.1, fixed 201 JSON body; twilio-node ${res.versions.twilio}, undici ${res.versions.undici}`,
    "",
  );

  out.push("## Throughput and client CPU", "");
  out.push(
    table(
      [
        "contender",
        "req/s (median)",
        "req/s per run",
        "CPU µs/req (median)",
        "CPU µs/req per run",
        "server conns/run",
        "request bodies",
      ],
      res.contenders.map((c) =>
        c.skipped
          ? [c.label, `skipped: ${c.skipped}`, "", "", "", "", ""]
          : [
              c.label,
              f(c.reqPerSec),
              c.runs.map((r) => f(r.reqPerSec)).join(", "),
              f(c.cpuUsPerReq, 1),
              c.runs.map((r) => f(r.cpuUsPerReq, 1)).join(", "),
              [...new Set(c.runs.map((r) => r.serverConnections))].join("/"),
              c.runs.every((r) => r.bodyMatches) ? "all canonical" : "**MISMATCH**",
            ],
      ),
    ),
  );
  out.push(
    "",
    'Request bodies: the server decodes every distinct body it reads and compares its fields with the canonical request; "all canonical" means every request of every run carried exactly those fields and values (field order and `+`/`%20` may differ between clients).',
  );
  const r = res.ratios;
  out.push(
    "",
    `Ratios (this client): throughput vs undici ${ratio(r.thisOverUndici)}, vs twilio-node ${ratio(r.thisOverTwilio)}, vs fetch ${ratio(r.thisOverFetch)}; CPU/request vs undici ${ratio(r.cpuThisOverUndici)}, vs twilio-node ${ratio(r.cpuThisOverTwilio)}.`,
    "",
  );

  out.push("## Cold import", "");
  const ci = res.coldImport;
  if (ci.error) out.push(`Failed: ${ci.error}`);
  else {
    out.push(
      `Fresh processes, median of ${ci.runs}. Bare \`node -e ""\`: ${f(ci.bareMs, 1)} ms; bare \`node --input-type=module -e ""\`: ${f(ci.bareEsmMs, 1)} ms (subtracted: same ESM loader as the import).`,
      "",
    );
    out.push(
      table(
        ["package", "median wall ms", "over bare node (ms)"],
        Object.entries(ci.targets).map(([k, t]) => [
          k === "this" ? "this client" : "twilio-node",
          t.skipped ? `skipped: ${t.skipped}` : f(t.medianMs, 1),
          t.skipped ? "" : f(t.overBareMs, 1),
        ]),
      ),
    );
    const [ours, theirs] = [ci.targets.this?.overBareMs, ci.targets.twilio?.overBareMs];
    if (Number.isFinite(ours) && Number.isFinite(theirs))
      out.push("", `Import cost, this client over twilio-node's (both over bare node): ${ratio(ours / theirs)}.`);
  }
  out.push("");

  out.push("## Browser bundle (esbuild: bundle, minify, platform=browser, esm, splitting; gzip -9 per file)", "");
  const b = res.bundle;
  out.push(
    table(
      ["bundle", "min", "min+gzip"],
      [
        [
          `this client: main entry, loaded before the first call (${b.thisClient?.files ?? "?"} files, deps included)`,
          b.thisClient?.error
            ? `failed: ${b.thisClient.error}`
            : b.thisClient?.skipped
              ? `skipped: ${b.thisClient.skipped}`
              : kb(b.thisClient?.minBytes),
          kb(b.thisClient?.gzipBytes),
        ],
        ...(b.thisClient?.lazyGzipBytes
          ? [
              [
                "loaded on a first addParticipants run (the bulk engine's chunk)",
                kb(b.thisClient.lazyMinBytes),
                kb(b.thisClient.lazyGzipBytes),
              ],
              [
                "this client as one file (a bundler that inlines import(), as wrangler's esbuild does)",
                kb(b.thisClient.singleFileMinBytes),
                kb(b.thisClient.singleFileGzipBytes),
              ],
            ]
          : []),
        ...(b.core
          ? [
              [
                "the generated operations alone (createOperationsClient + table; no addParticipant(s))",
                kb(b.core.minBytes),
                kb(b.core.gzipBytes),
              ],
            ]
          : []),
        ["openapi-fetch alone", kb(b.openapiFetch?.minBytes), kb(b.openapiFetch?.gzipBytes)],
        ...(res.generateTwilio?.bundle?.gzipBytes
          ? [
              [
                `a client of Twilio's whole description (${res.generateTwilio.bundle.operations} operations; see below)`,
                kb(res.generateTwilio.bundle.minBytes),
                kb(res.generateTwilio.bundle.gzipBytes),
              ],
            ]
          : []),
      ],
    ),
    "",
  );
  if (b.thisClient?.nodeBuiltins)
    out.push(
      `Node built-ins in the browser bundle: ${b.thisClient.nodeBuiltins.length ? b.thisClient.nodeBuiltins.join(", ") : "none"}.`,
      "",
    );
  if (b.thisClient?.gzipBytesWithoutLiterals)
    out.push(
      `With every string literal emptied (messages, field names, patterns; openapi-fetch's too), this client's bundle would still be ${kb(b.thisClient.gzipBytesWithoutLiterals)} gzipped: no rewording goes below that.`,
      "",
    );
  if (b.bySource) {
    out.push("Minified bytes by source file (an esbuild bundle of src/index.ts, the same code):", "");
    out.push(
      table(
        ["source", "min"],
        b.bySource.map(([file, bytes]) => [file, f(bytes)]),
      ),
      "",
    );
  }

  out.push("## Full regeneration (`npm run generate`: lint, types, validators, docs)", "");
  const g = res.generate;
  out.push(
    g.skipped
      ? `Skipped: ${g.skipped}.`
      : g.failed
        ? `Failed after ${f(g.seconds, 2)} s: ${g.failed}`
        : `Wall time: ${f(g.seconds, 2)} s (\`${g.command}\`, into a temp folder: the repo's generated/ is never touched).`,
    "",
  );

  const t = res.generateTwilio;
  if (t) {
    out.push("## Twilio's own description (test/fixtures/twilio-oai: OpenAPI 3.0.1, 103 operations)", "");
    out.push(
      t.skipped
        ? `Skipped: ${t.skipped}.`
        : t.failed
          ? `Failed after ${f(t.seconds, 2)} s: ${t.failed}`
          : `Generation wall time: ${f(t.seconds, 2)} s (\`${t.command}\`: lint, types, validators, table, names; no docs page).`,
      "",
    );
    const tb = t.bundle;
    if (tb?.error) out.push(`Bundle failed: ${tb.error}`, "");
    else if (tb)
      out.push(
        `Browser bundle of the client generated from it (\`createOperationsClient\` + its table, as "the generated operations alone" above): ${kb(tb.minBytes)} min, ${kb(tb.gzipBytes)} min+gzip for ${tb.operations} operations, ${f(tb.gzipBytesPerOperation)} B min+gzip per operation; each operation beyond this spec's own adds ${f(tb.gzipBytesPerAddedOperation)} B.`,
        "",
      );
  }

  out.push(
    `## Client memory over ${f(res.config.memN)} requests (this client, every call given one shared AbortSignal; --expose-gc, gc() before each reading)`,
    "",
  );
  const m = res.memory;
  if (m.skipped) out.push(`Skipped: ${m.skipped}.`);
  else if (m.error) out.push(`Failed: ${m.error}`);
  else {
    out.push(
      table(
        ["after N requests", "heapUsed", "rss", "external"],
        m.samples.map((s) => [
          s.done === 0 ? `0 (after ${f(res.config.warmup)} warm-up)` : f(s.done),
          mbAbs(s.heapUsed),
          mbAbs(s.rss),
          mbAbs(s.external),
        ]),
      ),
    );
    out.push(
      "",
      `Growth: heapUsed ${mb(m.heapGrowth)}, RSS ${mb(m.rssGrowth)} (target applies to heapUsed; RSS shown for context).`,
    );
  }
  out.push("");

  out.push("## Targets", "");
  out.push(
    table(
      ["target", "measured", "status"],
      res.targets.map((t) => [t.name, t.measured, t.status]),
    ),
  );
  out.push("");
  if (res.warnings.length) out.push("## Warnings", "", ...res.warnings.map((w) => `- ${w}`), "");
  out.push(`Total bench wall time: ${f(res.wallSeconds, 1)} s.`, "");
  return out.join("\n");
}
