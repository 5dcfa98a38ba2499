// `npm run docs` output, opened the way a reader would: headless Chromium on a file: URL with the
// network cut off. Every field the spec defines for the operation must be on screen, with its
// constraints, and the page must not even try to load anything from outside. The field names come
// from spec/openapi.yaml at test time, so a spec change is checked without editing this file.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/chromium.mjs";

const root = resolve(import.meta.dirname, "../..");
const SCREENSHOT = join(root, "build/docs-screenshot.png");

// ---- the spec, as the source of what must be shown --------------------------------------------
interface Schema {
  type?: string | string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  $ref?: string;
}
interface Parameter {
  name: string;
  in: string;
  schema: Schema;
  $ref?: string;
}

const spec = parse(await readFile(join(root, "spec/openapi.yaml"), "utf8")) as Record<string, any>;
/** Follows a local `$ref` (the spec only uses `#/components/...`). */
function deref<T>(node: T & { $ref?: string }): T {
  if (!node.$ref) return node;
  const target = node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((at: any, key) => at?.[key], spec);
  if (!target) throw new Error(`unresolved ${node.$ref}`);
  return deref(target as T & { $ref?: string });
}
// The create: the first operation with a request body (the spec also has reads before it).
const [path, method, operation] = Object.entries(spec.paths as Record<string, Record<string, any>>)
  .flatMap(([p, item]) => Object.entries(item).map(([m, op]) => [p, m, op] as [string, string, any]))
  .find(([, m, op]) => ["post", "put", "patch"].includes(m) && op.requestBody)!;
const parameters = (operation.parameters as Parameter[]).map((p) => deref(p));
const requestSchema = deref<Schema>(operation.requestBody.content["application/x-www-form-urlencoded"].schema);
const responses = Object.entries(operation.responses as Record<string, any>).map(([code, r]) => {
  const response = deref<Record<string, any>>(r);
  return { code, schema: deref<Schema>(response.content["application/json"].schema) };
});
const created = responses.find((r) => r.code === "201")!;
const errors = responses.filter((r) => !r.code.startsWith("2"));

/** The constraint texts Redoc prints next to a field for its schema. */
function constraintTexts(schema: Schema): string[] {
  const texts: string[] = [];
  if (schema.pattern) texts.push(schema.pattern);
  if (schema.maxLength !== undefined) {
    texts.push(
      schema.minLength === schema.maxLength ? `= ${schema.maxLength} characters` : `<= ${schema.maxLength} characters`,
    );
  }
  for (const value of schema.enum ?? []) texts.push(JSON.stringify(value));
  return texts;
}

// ---- the page --------------------------------------------------------------------------------
interface Row {
  /** Redoc's anchor for the row: t=request|response, in=path|headers (request), c=<status> (response). */
  where: Record<string, string>;
  name: string;
  text: string;
  visible: boolean;
}

let workDir: string;
let context: BrowserContext;
let page: Page;
/** Every non-file: request the page attempted (each one was aborted). */
const external: string[] = [];
/**
 * Loads the page's Content-Security-Policy refused before they reached the network layer. Refused
 * `eval` is not a load: Redoc's search probes `Function()` to run in a Worker and, refused, searches
 * on the page instead (checked below).
 */
const refusedLoads = async (): Promise<string[]> =>
  (await page.evaluate(() => (window as unknown as { __refused: string[] }).__refused)).filter(
    (v) => !/ eval$/.test(v),
  );

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/install-runtimes.sh does it)`);
  }
  workDir = await mkdtemp(join(tmpdir(), "tcp-docs-"));
  const html = join(workDir, "docs/index.html");
  await promisify(execFile)(process.execPath, [join(root, "scripts/docs.mjs"), "--output", html], { cwd: root });

  context = await chromium.launchPersistentContext(join(workDir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    external.push(url);
    return route.abort("blockedbyclient");
  });
  context.on("request", (request) => {
    const url = request.url();
    if (!/^(file|data|blob):/.test(url) && !external.includes(url)) external.push(url);
  });
  await context.addInitScript(() => {
    const refused: string[] = ((window as unknown as { __refused: string[] }).__refused = []);
    document.addEventListener("securitypolicyviolation", (e) =>
      refused.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("websocket", (ws) => external.push(ws.url()));
  await page.goto(pathToFileURL(html).href);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  // Open the operation from the overview, as a reader would.
  await page
    .locator(`a[href*="${String(operation.operationId).toLowerCase()}"]`)
    .first()
    .click();
  await page.getByRole("heading", { name: operation.summary }).first().waitFor();
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function rows(): Promise<Row[]> {
  return page.locator(".schema-property-item").evaluateAll((elements) =>
    elements.map((el) => {
      const header = el.firstElementChild as HTMLElement | null;
      const rect = el.getBoundingClientRect();
      return {
        where: Object.fromEntries(new URLSearchParams(el.id.slice(el.id.indexOf("/t=") + 1))),
        name: header?.querySelector(".schema-name")?.textContent?.trim() ?? "",
        text: (el as HTMLElement).innerText,
        visible:
          el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && rect.width > 0 && rect.height > 0,
      };
    }),
  );
}

/** The one visible row for `name` in the part of the page `where` selects. */
function rowFor(all: Row[], name: string, where: Record<string, string | undefined>): Row {
  const matches = all.filter(
    (r) => r.name === name && r.visible && Object.entries(where).every(([k, v]) => r.where[k] === v),
  );
  expect(
    matches.map((r) => r.where),
    `${name} ${JSON.stringify(where)}; visible rows: ${all
      .filter((r) => r.visible)
      .map((r) => r.name)
      .join(", ")}`,
  ).toHaveLength(1);
  return matches[0]!;
}

function expectField(row: Row, schema: Schema) {
  for (const text of constraintTexts(schema)) expect(row.text, `${row.name} shows ${text}`).toContain(text);
}

describe("offline API docs (npm run docs) in headless Chromium, network blocked", () => {
  it("shows the operation: summary, method and path", async () => {
    await expect(page.getByRole("heading", { name: operation.summary }).first().isVisible()).resolves.toBe(true);
    const visiblePath = page.getByText(path, { exact: true }).filter({ visible: true });
    expect(await visiblePath.count()).toBeGreaterThan(0);
    expect(
      await page.getByText(method.toUpperCase(), { exact: true }).filter({ visible: true }).count(),
    ).toBeGreaterThan(0);
  });

  it("shows each path and header parameter with its pattern, length and enum", async () => {
    const all = await rows();
    expect(parameters.map((p) => p.in).sort()).toEqual(["header", "path", "path"]);
    for (const p of parameters) {
      expectField(rowFor(all, p.name, { t: "request", in: p.in === "header" ? "headers" : p.in }), p.schema);
    }
    // The ones the docs exist for, spelled out.
    expect(constraintTexts(parameters.find((p) => p.name === "ChatServiceSid")!.schema)).toContain(
      "^IS[0-9a-fA-F]{32}$",
    );
    expect(constraintTexts(parameters.find((p) => p.name === "X-Twilio-Webhook-Enabled")!.schema)).toEqual([
      '"true"',
      '"false"',
    ]);
  });

  it("shows each body field with its constraints", async () => {
    const all = await rows();
    const fields = Object.entries(requestSchema.properties!);
    expect(fields.length).toBeGreaterThanOrEqual(8);
    for (const [name, schema] of fields) expectField(rowFor(all, name, { t: "request", in: undefined }), schema);
    expect(constraintTexts(requestSchema.properties!.Identity!)).toEqual(["<= 256 characters"]);
    expect(constraintTexts(requestSchema.properties!.RoleSid!)).toContain("^RL[0-9a-fA-F]{32}$");
  });

  it("shows every field of the 201 response", async () => {
    const all = await rows();
    const fields = Object.entries(created.schema.properties!);
    expect(fields).toHaveLength(13);
    for (const [name, schema] of fields) expectField(rowFor(all, name, { t: "response", c: "201" }), schema);
  });

  it("shows the error schema (code, message, more_info, status) once each error response is opened", async () => {
    const tabs = page.getByRole("tablist", { name: "Response status" }).getByRole("tab");
    expect(errors.map((e) => e.code)).toEqual(
      expect.arrayContaining(["400", "401", "404", "409", "429", "503", "default"]),
    );
    for (const { code, schema } of errors) {
      await tabs.getByText(code, { exact: true }).click();
      await page.locator(`.schema-property-item[id*="c=${code}&"]`).first().waitFor();
      const all = await rows();
      const names = Object.keys(schema.properties!);
      expect(names).toEqual(expect.arrayContaining(["code", "message", "more_info", "status"]));
      for (const name of names) expectField(rowFor(all, name, { t: "response", c: code }), schema.properties![name]!);
    }
    // Back to the 201, for the screenshot.
    await tabs.getByText("201", { exact: true }).click();
    await page.locator('.schema-property-item[id*="c=201&"]').first().waitFor();
  });

  it("renders to a screenshot (build/docs-screenshot.png)", async () => {
    // Grow the viewport to the page instead of fullPage, which would paint the sticky sidebar mid-page.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1400, height: Math.min(height, 12_000) });
    await mkdir(join(root, "build"), { recursive: true });
    const png = await page.screenshot({ path: SCREENSHOT });
    expect(png.length).toBeGreaterThan(50_000);
  });

  it("finds a field with the search box, under its CSP", async () => {
    await page.getByText("Search", { exact: false }).first().click();
    await page.keyboard.type("RoleSid");
    // A hit reads "request fields → RoleSid".
    await page
      .getByText(/fields\s*→\s*RoleSid$/)
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.keyboard.press("Escape");
  });

  // Last, so it covers everything the tests above clicked open.
  it("attempted no request outside the file (none aborted, none refused by its CSP)", async () => {
    expect(external).toEqual([]);
    expect(await refusedLoads()).toEqual([]);
  });

  it("is one self-contained file: Redoc inlined, CSP forbids every network load, no CDN reference", async () => {
    const html = await readFile(join(workDir, "docs/index.html"), "utf8");
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*">/);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=/i);
    expect(html).not.toContain("cdn.redoc.ly");
    expect(html.length).toBeGreaterThan(1_000_000); // the inlined renderer
  });
});
