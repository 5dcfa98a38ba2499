// Loopback Twilio stand-in, run in its own child process (forked by run.mjs).
// node:http, keep-alive, 127.0.0.1, ephemeral port. Answers the one endpoint
// with a fixed 201 JSON body, identical for every contender, and counts.
// Every request body is checked: each distinct body must decode to exactly the
// canonical fields (fixtures.mjs); field order and %20-vs-+ may differ.
// Control over IPC: {id, cmd:"stats"} -> counters since the last "reset".
import http from "node:http";
import { PATH, AUTH_HEADER, RESPONSE_BODY, CANONICAL_PAIRS, formPairs } from "./fixtures.mjs";

const CANONICAL = JSON.stringify(CANONICAL_PAIRS);

const body = Buffer.from(RESPONSE_BODY);
const okHeaders = {
  "Content-Type": "application/json; charset=utf-8",
  "Content-Length": String(body.length),
};

let s;
function reset() {
  // bodies: distinct raw body → whether it decodes to the canonical fields (decoded once each).
  s = {
    requests: 0,
    ok: 0,
    errors: 0,
    connections: 0,
    firstBody: null,
    firstError: null,
    bodies: new Map(),
    badBodies: 0,
    firstBadBody: null,
    cpu: process.cpuUsage(),
  };
}
reset();

function fail(res, status, why) {
  s.errors++;
  if (!s.firstError) s.firstError = why;
  const b = JSON.stringify({ code: 20000 + status, message: why, status });
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(b) });
  res.end(b);
}

const server = http.createServer({ keepAlive: true }, (req, res) => {
  s.requests++;
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    if (req.method !== "POST" || req.url !== PATH) return fail(res, 404, `unexpected ${req.method} ${req.url}`);
    if (req.headers.authorization !== AUTH_HEADER) return fail(res, 401, "missing/wrong Authorization");
    if (!String(req.headers["content-type"] || "").startsWith("application/x-www-form-urlencoded"))
      return fail(res, 415, `content-type ${req.headers["content-type"]}`);
    const text = Buffer.concat(chunks).toString("utf8");
    if (s.firstBody === null) s.firstBody = text;
    let canonical = s.bodies.get(text);
    if (canonical === undefined) s.bodies.set(text, (canonical = JSON.stringify(formPairs(text)) === CANONICAL));
    if (!canonical) {
      s.badBodies++;
      s.firstBadBody ??= text;
    }
    s.ok++;
    res.writeHead(201, okHeaders);
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.on("connection", () => s.connections++);

server.listen(0, "127.0.0.1", () => {
  process.send({ ready: true, port: server.address().port });
});

process.on("message", (m) => {
  if (m.cmd === "reset") {
    reset();
    process.send({ id: m.id });
  } else if (m.cmd === "stats") {
    const cpu = process.cpuUsage(s.cpu);
    process.send({
      id: m.id,
      stats: {
        ...s,
        bodies: undefined,
        distinctBodies: s.bodies.size,
        cpu: undefined,
        cpuMicros: cpu.user + cpu.system,
      },
    });
  } else if (m.cmd === "close") {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));
