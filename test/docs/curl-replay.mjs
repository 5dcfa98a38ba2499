#!/usr/bin/env node
// A stand-in for curl, for machines without it: sends what the docs' curl samples ask for (-X, -G,
// -u, -H, --data-urlencode and the URL, as the shell split them) with fetch, and prints the body.
// test/docs/samples.test.ts puts it first on PATH as `curl`; it also runs it where curl exists.
const args = process.argv.slice(2);
let method;
let query = false;
let url;
const headers = new Headers();
const data = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === "-X") method = args[++i];
  else if (arg === "-G") query = true;
  else if (arg === "-u") headers.set("authorization", `Basic ${Buffer.from(args[++i]).toString("base64")}`);
  else if (arg === "-H") {
    const [name, ...value] = args[++i].split(":");
    headers.set(name.trim(), value.join(":").trim());
  } else if (arg === "--data-urlencode") {
    // curl's rule for `name=content`: the name as given, the content percent-encoded.
    const text = args[++i];
    const at = text.indexOf("=");
    const content = encodeURIComponent(text.slice(at + 1))
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    data.push(`${text.slice(0, at)}=${content}`);
  } else if (arg.startsWith("-")) throw new Error(`curl-replay: unsupported option ${arg}`);
  else url = arg;
}
const target = new URL(url);
if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) {
  throw new Error(`curl-replay: not a loopback URL: ${url}`);
}
let body;
if (data.length && query) target.search = (target.search ? `${target.search.slice(1)}&` : "") + data.join("&");
else if (data.length) {
  body = data.join("&");
  headers.set("content-type", "application/x-www-form-urlencoded");
}
const response = await fetch(target, { method: method ?? (body ? "POST" : "GET"), headers, body });
process.stdout.write(await response.text());
