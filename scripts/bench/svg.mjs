// Hand-written SVG: two horizontal bar charts (throughput, client CPU per
// request) per contender, with the target lines drawn in. No chart library.
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "n/a");

const W = 820;
const LABEL_W = 230;
const VALUE_W = 90;
const BAR_H = 26;
const GAP = 10;
const PLOT_W = W - LABEL_W - VALUE_W - 20;

function niceStep(raw) {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= raw);
}

/** One horizontal bar chart at height `y0`: rows `{ label, value, color, note }`, dashed target lines `refs`. */
export function panel(y0, title, subtitle, rows, unit, digits, refs) {
  const top0 = Math.max(...rows.map((r) => r.value).filter(Number.isFinite), ...refs.map((r) => r.value).filter(Number.isFinite), 1) * 1.05;
  const step = niceStep(top0 / 4);
  const ticks = Math.ceil(top0 / step);
  const max = step * ticks;
  const x = (v) => LABEL_W + (v / max) * PLOT_W;
  let s = `<text x="20" y="${y0 + 20}" class="title">${esc(title)}</text>`;
  s += `<text x="20" y="${y0 + 38}" class="sub">${esc(subtitle)}</text>`;
  const top = y0 + 56;
  const plotH = rows.length * (BAR_H + GAP) - GAP;
  // gridlines
  for (let i = 0; i <= ticks; i++) {
    const v = step * i;
    s += `<line x1="${x(v)}" y1="${top - 4}" x2="${x(v)}" y2="${top + plotH + 4}" class="grid"/>`;
    s += `<text x="${x(v)}" y="${top + plotH + 18}" class="tick" text-anchor="middle">${fmt(v, step < 1 ? 1 : 0)}</text>`;
  }
  // target lines under the bars and labels
  refs.forEach((ref, i) => {
    if (!Number.isFinite(ref.value)) return;
    s += `<line x1="${x(ref.value)}" y1="${top - 8}" x2="${x(ref.value)}" y2="${top + plotH + 4}" class="ref"/>`;
    s += `<text x="${x(ref.value) + 3}" y="${top - 10 - i * 12}" class="reflabel">${esc(ref.label)}</text>`;
  });
  rows.forEach((r, i) => {
    const y = top + i * (BAR_H + GAP);
    s += `<text x="${LABEL_W - 10}" y="${y + BAR_H / 2 + 5}" class="label" text-anchor="end">${esc(r.label)}</text>`;
    if (Number.isFinite(r.value)) {
      s += `<rect x="${LABEL_W}" y="${y}" width="${Math.max(1, x(r.value) - LABEL_W)}" height="${BAR_H}" rx="3" fill="${r.color}"/>`;
      s += `<text x="${x(r.value) + 6}" y="${y + BAR_H / 2 + 5}" class="value">${fmt(r.value, digits)} ${esc(unit)}</text>`;
    } else {
      s += `<text x="${LABEL_W + 6}" y="${y + BAR_H / 2 + 5}" class="na">${esc(r.note || "n/a")}</text>`;
    }
  });
  return { svg: s, height: 56 + plotH + 30 + refs.length * 6 };
}

export function renderSvg(res) {
  const color = { this: "#e0284f", undici: "#4c6ef5", fetch: "#74c0fc", twilio: "#868e96" };
  const rows = (metric) => res.contenders.map((c) => ({
    label: c.label, value: c.skipped ? NaN : c[metric], color: color[c.key], note: c.skipped ? "skipped: " + c.skipped : "",
  }));
  const by = Object.fromEntries(res.contenders.map((c) => [c.key, c]));
  const meta = `Node ${res.env.node} · ${res.env.cpuModel} · ${res.env.cores} cores · N=${res.config.n}, ${res.config.concurrency} in flight, median of ${res.config.rounds} runs`;
  const p1 = panel(30, "Throughput (higher is better)", "requests/second against a loopback server", rows("reqPerSec"), "req/s", 0, [
    { label: "target: 50% of undici", value: by.undici?.reqPerSec * 0.5 },
    { label: "target: 3× twilio-node", value: by.twilio?.reqPerSec * 3 },
  ]);
  const p2 = panel(30, "Client CPU per request (lower is better)", "µs of user+system CPU in the client process", rows("cpuUsPerReq"), "µs", 1, [
    { label: "target ceiling: 2× undici", value: by.undici?.cpuUsPerReq * 2 },
  ]);
  const header = `${res.title}${res.clientEntry.standIn ? " — STAND-IN client" : ""}`;
  return svgDocument(header, [p1, p2], meta);
}

/** Stacks panels (each made with `panel` at y0 30) into one SVG with the shared style, a header and a footer. */
export function svgDocument(header, panels, footer) {
  let y = 30;
  const placed = panels.map((p) => {
    const at = y;
    y += p.height + 20;
    return `<g transform="translate(0 ${at - 30})">${p.svg}</g>`;
  });
  const H = y + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
<style>
.title{font-size:17px;font-weight:bold;fill:#212529}.sub{font-size:12px;fill:#495057}
.label{font-size:13px;fill:#212529}.value{font-size:12px;fill:#212529;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}.na{font-size:12px;fill:#868e96;font-style:italic}
.tick{font-size:10px;fill:#868e96}.grid{stroke:#e9ecef;stroke-width:1}
.ref{stroke:#212529;stroke-width:1.2;stroke-dasharray:5 4}.reflabel{font-size:10px;fill:#212529;paint-order:stroke;stroke:#fff;stroke-width:3px}
.meta{font-size:10px;fill:#868e96}
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="20" y="18" class="meta">${esc(header)}</text>
${placed.join("\n")}
<text x="20" y="${H - 10}" class="meta">${esc(footer)}</text>
</svg>
`;
}
