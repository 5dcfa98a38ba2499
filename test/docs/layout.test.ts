// How the docs page reads at 1,280 × 900 in headless Chromium, network blocked: it opens with how
// to install and call the package, each operation is one click from the top, and each request
// sample (every tab) is on screen whole: no code block scrolls sideways or runs off the window.
// Leaves build/docs-samples-1280.png (the first operation, TypeScript tab) for a person to look at.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPage, renderedOperations, renderedSpec, root, type RenderedOperation } from "./page.js";

const WIDTH = 1280;
const SCREENSHOT = join(root, "build/docs-samples-1280.png");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run"];

let built: { dir: string; html: string };
let operations: RenderedOperation[];
let context: BrowserContext;
let page: Page;
const external: string[] = [];

beforeAll(async () => {
  built = await buildPage();
  operations = renderedOperations(await renderedSpec(built.html));
  context = await chromium.launchPersistentContext(join(built.dir, "profile"), {
    executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS, viewport: { width: WIDTH, height: 900 },
  });
  await context.route("**/*", (route) => {
    if (route.request().url().startsWith("file:")) return route.continue();
    external.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  page = context.pages()[0] ?? (await context.newPage());
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (built) await rm(built.dir, { recursive: true, force: true });
});

async function openTop() {
  await page.goto(pathToFileURL(built.html).href);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
}

/** The text a sample's code block shows: its longest line, which is the one most likely cut off. */
const longestLine = (source: string) => source.split("\n").reduce((a, b) => (b.length > a.length ? b : a)).trim();

/** Every visible code block: clipped if it scrolls sideways, or if it runs past the window's edge. */
const codeBlocks = () => page.locator("pre").filter({ visible: true }).evaluateAll((blocks) => blocks.map((el) => {
  const rect = el.getBoundingClientRect();
  return {
    text: (el as HTMLElement).innerText,
    scrolls: el.scrollWidth > el.clientWidth,
    wraps: getComputedStyle(el).whiteSpace.startsWith("pre-wrap"),
    right: rect.right,
  };
}));

describe(`docs page at ${WIDTH} px`, () => {
  it("leads with how to install and call, in the first screen", async () => {
    await openTop();
    const install = page.getByText("npm install twilio-conversations-participants", { exact: true }).filter({ visible: true });
    await expect(install.count()).resolves.toBeGreaterThan(0);
    const box = await install.first().boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(900);
    await expect(page.getByText("createConversationsClient()").filter({ visible: true }).count()).resolves.toBeGreaterThan(0);
  });

  it("reaches every operation in one click from the top, and shows each request sample whole", async () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const [index, op] of operations.entries()) {
      await openTop();
      // The intro's link (in the page, not the sidebar, whose tag may start folded).
      await page.locator("main").getByRole("link", { name: op.summary, exact: true }).filter({ visible: true }).first().click();
      await page.getByRole("heading", { name: op.summary }).filter({ visible: true }).first().waitFor();
      for (const sample of op.samples) {
        // Redoc remembers the language across operations; pick each tab by its label.
        const tabs = page.getByRole("button", { name: new RegExp(`^(${op.samples.map((s) => s.label).join("|")})$`) })
          .filter({ visible: true }).first();
        if ((await tabs.textContent())?.trim() !== sample.label) {
          await tabs.click();
          await page.getByRole("menuitem", { name: sample.label, exact: true }).click();
        }
        const line = longestLine(sample.source);
        const shown = page.locator("pre").filter({ visible: true }).filter({ hasText: line.slice(0, 40) });
        await shown.first().waitFor();
        const squeezed = (text: string) => text.replace(/\s+/g, "");
        const all = await codeBlocks();
        // The whole sample is in one visible block (wrapping only changes white space).
        expect(all.filter((b) => squeezed(b.text) === squeezed(sample.source)), `${op.operationId} ${sample.label} on screen`)
          .toHaveLength(1);
        for (const block of all) {
          expect(block.scrolls && !block.wraps, `${op.operationId} ${sample.label}: a block scrolls sideways`).toBe(false);
          expect(block.right, `${op.operationId} ${sample.label}: a block runs off the window`).toBeLessThanOrEqual(WIDTH);
        }
        if (index === 0 && sample === op.samples[0]) {
          await mkdir(join(root, "build"), { recursive: true });
          await page.screenshot({ path: SCREENSHOT });
        }
      }
    }
    expect(external).toEqual([]);
  }, 120_000);
});
