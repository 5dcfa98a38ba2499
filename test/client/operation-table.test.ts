import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOperationsClient } from "../../src/client.js";
import type { paths } from "../fixtures/two-operations/generated/openapi.js";
import { operationTable } from "../fixtures/two-operations/generated/operations.js";
import { generate, root, snapshot } from "../helpers/pipeline.js";
import { startRecordingServer, type RecordingServer } from "../helpers/recording-server.js";

const fixture = join(root, "test/fixtures/two-operations");
const SHELF = "SH0123456789abcdef0123456789abcdef";
const WIDGET = "WG0123456789abcdef0123456789abcdef";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer((req, res) => {
    res.writeHead(req.method === "POST" ? 201 : 200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ sid: WIDGET, name: "bolt" }));
  });
});
afterAll(() => server.close());

describe("one client method per operation in the spec", () => {
  it("the committed fixture output is what the generator makes from the fixture spec", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tcp-fixture-"));
    await cp(join(fixture, "spec"), join(dir, "spec"), { recursive: true });
    const ws = { dir, spec: join(dir, "spec/openapi.yaml"), out: join(dir, "generated"), docs: join(dir, "docs.html") };
    const run = await generate(ws, "--no-docs", "--types", "../../../../src/types.js"); // as generate:fixtures
    expect(run.code, run.stderr).toBe(0);
    // When this fails after a generator change: npm run generate:fixtures
    expect(await snapshot(ws.out)).toEqual(await snapshot(join(fixture, "generated")));
  });

  it("a second operation (a GET) becomes a second typed method, with no change in src/", async () => {
    const client = createOperationsClient<paths, typeof operationTable>(operationTable, {
      accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "t", baseUrl: server.url,
    });
    const created = await client.createWidget({ path: { ShelfSid: SHELF }, body: { Name: "bolt", MadeAt: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 5)) } });
    const fetched = await client.fetchWidget({ path: { ShelfSid: SHELF, WidgetSid: WIDGET } });
    expect(created.sid).toBe(WIDGET);
    expect(fetched.name).toBe("bolt");
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      `POST /v1/Shelves/${SHELF}/Widgets Name=bolt&MadeAt=2024-01-01T00%3A00%3A00.005Z`,
      `GET /v1/Shelves/${SHELF}/Widgets/${WIDGET} `,
    ]);
    expect(server.requests[1]!.headers["content-type"]).toBeUndefined();
    await expect(client.fetchWidget({ path: { ShelfSid: SHELF, WidgetSid: "nope" } })).rejects.toThrow(/WidgetSid must match/);
    expect(server.requests).toHaveLength(2);
  });
});
