// How the docs page reads at 1,280 × 900 in headless Chromium, network blocked: it opens with how
// to install and call the package, each operation is one click from the top, and each request
// sample (every tab) is on screen whole: no code block scrolls sideways or runs off the window.
// Leaves build/docs-samples-1280.png (the create, TypeScript tab) for a person to look at.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/chromium.mjs";
import { buildPage, renderedOperations, renderedSpec, root, type RenderedOperation } from "./page.js";

const WIDTH = 1280;
const SCREENSHOT = join(root, "build/docs-samples-1280.png");

let built: { dir: string; html: string };
let operations: RenderedOperation[];
let context: BrowserContext;
let page: Page;
const external: string[] = [];

beforeAll(async () => {
  built = await buildPage();
  operations = renderedOperations(await renderedSpec(built.html));
  context = await chromium.launchPersistentContext(join(built.dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: WIDTH, height: 900 },
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

/** Every visible code block: clipped if it scrolls sideways, or if it runs past the window's edge. */
const codeBlocks = () =>
  page
    .locator("pre")
    .filter({ visible: true })
    .evaluateAll((blocks) =>
      blocks.map((el) => {
        const rect = el.getBoundingClientRect();
        return {
          text: (el as HTMLElement).innerText,
          scrolls: el.scrollWidth > el.clientWidth,
          wraps: getComputedStyle(el).whiteSpace.startsWith("pre-wrap"),
          right: rect.right,
        };
      }),
    );

describe(`docs page at ${WIDTH} px`, () => {
  it("leads with how to install and call, in the first screen", async () => {
    await openTop();
    const install = page
      .getByText("npm install twilio-conversations-participants", { exact: true })
      .filter({ visible: true });
    await expect(install.count()).resolves.toBeGreaterThan(0);
    const box = await install.first().boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(900);
    const client = page.getByText("createConversationsClient()").filter({ visible: true });
    await expect(client.count()).resolves.toBeGreaterThan(0);
  });

  it("reaches every operation in one click from the top, and shows each request sample whole", async () => {
    expect(operations.length).toBeGreaterThan(0);
    // The screenshot: the create (the call most readers come for), TypeScript tab.
    const pictured = operations.find((o) => o.method === "POST") ?? operations[0];
    for (const op of operations) {
      await openTop();
      // The intro's link (in the page, not the sidebar, whose tag may start folded).
      await page
        .locator("main")
        .getByRole("link", { name: op.summary, exact: true })
        .filter({ visible: true })
        .first()
        .click();
      await page.getByRole("heading", { name: op.summary }).filter({ visible: true }).first().waitFor();
      // The operation's request-samples panel: its header names the method and the path.
      const escaped = `${op.method}\\s*${op.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
      const panel = page
        .locator("[data-component-name='Panel/Panel']")
        .filter({
          has: page.locator("[data-component-name='Panel/PanelHeader']", { hasText: new RegExp(`^${escaped}`) }),
        })
        .first();
      for (const sample of op.samples) {
        const tabs = panel.getByRole("button", { name: new RegExp(`^(${op.samples.map((s) => s.label).join("|")})$`) });
        if ((await tabs.textContent())?.trim() !== sample.label) {
          await tabs.click();
          await page.getByRole("menuitem", { name: sample.label, exact: true }).click();
        }
        // The whole sample is in the panel's code block (wrapping only changes white space).
        const squeezed = (text: string) => text.replace(/\s+/g, "");
        await expect
          .poll(async () => squeezed(await panel.locator("pre").first().innerText()), {
            message: `${op.operationId} ${sample.label} on screen`,
            timeout: 10_000,
          })
          .toBe(squeezed(sample.source));
        await expect(panel.locator("pre").first().isVisible()).resolves.toBe(true);
        const all = await codeBlocks();
        for (const block of all) {
          const where = `${op.operationId} ${sample.label}`;
          expect(block.scrolls && !block.wraps, `${where}: a block scrolls sideways`).toBe(false);
          expect(block.right, `${where}: a block runs off the window`).toBeLessThanOrEqual(WIDTH);
        }
        if (op === pictured && sample === op.samples[0]) {
          await mkdir(join(root, "build"), { recursive: true });
          await page.screenshot({ path: SCREENSHOT });
        }
      }
    }
    expect(external).toEqual([]);
  }, 120_000);
});
