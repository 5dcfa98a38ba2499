// How the docs page reads on a phone (400 px), a tablet (768 px) and a laptop (1,280 px), in headless
// Chromium with the network blocked: it opens with how to install and call the package, its heading
// shows the package's version, each operation is one click from the top, and each request sample
// (every tab) is on screen whole. Asserted on measured geometry: nothing scrolls the page sideways or
// is cut off without an ellipsis, no code block scrolls or runs off the window, and a sample is at
// least 300 px wide: stacked under the text below 1,280 px, beside it from 1,280 px.
// Leaves build/docs-top-<width>.png and build/docs-samples-<width>.png (the create, its first tab)
// for a person to look at.
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/chromium.mjs";
import { buildPage, renderedOperations, renderedSpec, root, type RenderedOperation } from "./page.js";

const WIDTHS = [400, 768, 1280] as const;
const HEIGHT = 900;
/** Where Redoc puts an operation's samples beside its text instead of under it. */
const SIDE_BY_SIDE_FROM = 1280;
const MIN_SAMPLE_WIDTH = 300;
const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };

let built: { dir: string; html: string };
let operations: RenderedOperation[];
let context: BrowserContext;
let page: Page;
const external: string[] = [];
/** The create's sample width at each viewport width, for the log. */
const sampleWidths: Record<number, number> = {};

beforeAll(async () => {
  built = await buildPage();
  operations = renderedOperations(await renderedSpec(built.html));
  context = await chromium.launchPersistentContext(join(built.dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: WIDTHS[0], height: HEIGHT },
  });
  await context.route("**/*", (route) => {
    if (route.request().url().startsWith("file:")) return route.continue();
    external.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  page = context.pages()[0] ?? (await context.newPage());
  await mkdir(join(root, "build"), { recursive: true });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (built) await rm(built.dir, { recursive: true, force: true });
  if (Object.keys(sampleWidths).length)
    console.log(`create's sample width by viewport: ${JSON.stringify(sampleWidths)}`);
});

async function openTop() {
  await page.goto("about:blank");
  await page.goto(pathToFileURL(built.html).href);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
}

/**
 * What reads badly on the page as it is now: the page wider than the window; any visible element
 * running past the window's right edge; any element cutting its content off with no ellipsis to
 * say so (Redoc's own "…" on long paths is fine); any code block scrolling sideways.
 */
const layoutProblems = () =>
  page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute("data-component-name") ? `[${el.getAttribute("data-component-name")}]` : ""} "${(el as HTMLElement).innerText?.slice(0, 40).replace(/\s+/g, " ")}"`;
    if (document.documentElement.scrollWidth > width)
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
    for (const el of document.querySelectorAll("main *")) {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(el);
      // Where it shows ends: an ancestor that clips or scrolls hides what lies beyond its own edge.
      let right = rect.right;
      for (let up = el.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== "visible") right = Math.min(right, up.getBoundingClientRect().right);
      }
      if (right > width + 0.5) problems.push(`${describe(el)} ends at x = ${Math.round(right)}`);
      const clips = ["hidden", "clip"].includes(style.overflowX) && style.textOverflow !== "ellipsis";
      if (clips && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${describe(el)} is cut off: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
      if (el.tagName === "PRE" && el.scrollWidth > el.clientWidth + 1 && !style.whiteSpace.startsWith("pre-wrap"))
        problems.push(`${describe(el)} scrolls sideways`);
    }
    // A title's words each on one line: a word split to fit ("Conversati" / "ons") reads badly. (Not
    // the h2s: a tag's name is one long identifier, ServiceConversationParticipants, split anywhere.)
    for (const heading of document.querySelectorAll("main h1")) {
      if (!heading.checkVisibility()) continue;
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.textContent ?? "").matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) problems.push(`the heading word "${word[0]}" is split over ${lines.size} lines`);
        }
      }
    }
    return problems;
  });

const box = async (locator: Locator) => (await locator.boundingBox())!;

for (const WIDTH of WIDTHS) {
  describe(`docs page at ${WIDTH} px`, () => {
    beforeAll(() => page.setViewportSize({ width: WIDTH, height: HEIGHT }));

    it("leads with how to install and call, in the first screen; the heading shows the package version", async () => {
      await openTop();
      const heading = page.getByRole("heading", { level: 1 }).first();
      await expect(heading.innerText()).resolves.toContain(`(${version})`);
      const install = page
        .getByText("npm install twilio-conversations-participants", { exact: true })
        .filter({ visible: true });
      await expect(install.count()).resolves.toBeGreaterThan(0);
      const at = await box(install.first());
      expect(at.y + at.height).toBeLessThanOrEqual(HEIGHT);
      const client = page.getByText("createConversationsClient()").filter({ visible: true });
      await expect(client.count()).resolves.toBeGreaterThan(0);
      expect(await layoutProblems()).toEqual([]);
      await page.screenshot({ path: join(root, `build/docs-top-${WIDTH}.png`) });
    });

    it("reaches every operation in one click from the top, and shows each request sample whole and wide enough", async () => {
      expect(operations.length).toBeGreaterThan(0);
      // The screenshot: the create (the call most readers come for), its first tab.
      const pictured = operations.find((o) => o.method === "POST") ?? operations[0];
      for (const op of operations) {
        await openTop();
        // The intro's link (in the page, not the sidebar, which is folded away on a narrow screen).
        await page
          .locator("main")
          .getByRole("link", { name: op.summary, exact: true })
          .filter({ visible: true })
          .first()
          .click();
        const heading = page.getByRole("heading", { name: op.summary }).filter({ visible: true }).first();
        await heading.waitFor();
        // The operation's request-samples panel: its header names the method and the path.
        const escaped = `${op.method}\\s*${op.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
        const panel = page
          .locator("[data-component-name='Panel/Panel']")
          .filter({
            has: page.locator("[data-component-name='Panel/PanelHeader']", { hasText: new RegExp(`^${escaped}(?!/)`) }),
          })
          .first();
        const tabs = panel.getByRole("button", { name: new RegExp(`^(${op.samples.map((s) => s.label).join("|")})$`) });
        // The tab a reader sees first is the operation's first sample.
        await expect(tabs.textContent().then((t) => t?.trim())).resolves.toBe(op.samples[0]!.label);
        for (const sample of op.samples) {
          if ((await tabs.textContent())?.trim() !== sample.label) {
            await tabs.click();
            await page.getByRole("menuitem", { name: sample.label, exact: true }).click();
          }
          const where = `${WIDTH} px, ${op.operationId} ${sample.label}`;
          // The whole sample is in the panel's code block (wrapping only changes white space).
          const squeezed = (text: string) => text.replace(/\s+/g, "");
          const code = panel.locator("pre").first();
          await expect
            .poll(async () => squeezed(await code.innerText()), { message: `${where} on screen`, timeout: 10_000 })
            .toBe(squeezed(sample.source));
          await expect(code.isVisible()).resolves.toBe(true);
          expect(await layoutProblems(), where).toEqual([]);

          const sampleBox = await box(code);
          const textBox = await box(heading);
          expect(sampleBox.width, `${where}: sample width`).toBeGreaterThanOrEqual(MIN_SAMPLE_WIDTH);
          if (WIDTH >= SIDE_BY_SIDE_FROM) {
            expect(sampleBox.x, `${where}: beside the text`).toBeGreaterThanOrEqual(textBox.x + textBox.width);
          } else {
            // Under the text, in its column.
            expect(Math.abs(sampleBox.x - textBox.x), `${where}: in the text's column`).toBeLessThanOrEqual(4);
            expect(sampleBox.y, `${where}: under the text`).toBeGreaterThan(textBox.y + textBox.height);
          }
          if (op === pictured && sample === op.samples[0]) {
            sampleWidths[WIDTH] = Math.round(sampleBox.width);
            await code.scrollIntoViewIfNeeded();
            await page.screenshot({ path: join(root, `build/docs-samples-${WIDTH}.png`) });
          }
        }
      }
      expect(external).toEqual([]);
    }, 120_000);
  });
}
