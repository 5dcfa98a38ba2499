// The operations fixture (test/fixtures/operations): one operation of every shape, each a typed,
// validated client method with no handwritten code. The committed output is the generator's, the
// table says what each operation is, and each method puts the right request on the wire.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOperationsClient } from "../../src/client.js";
import { createNodeTransport } from "../../src/internal/transport/node-http.js";
import type { paths } from "../fixtures/operations/generated/openapi.js";
import { operationTable } from "../fixtures/operations/generated/operations.js";
import { generate, root, snapshot } from "../helpers/pipeline.js";
import { formFields, startRecordingServer, type RecordingServer } from "../helpers/recording-server.js";

const fixture = join(root, "test/fixtures/operations");
const SHELF = "SH0123456789abcdef0123456789abcdef";
const WIDGET = { sid: "WG0123456789abcdef0123456789abcdef", name: "bolt" };
const PAGE = {
  widgets: [WIDGET],
  meta: {
    page: 0,
    page_size: 2,
    first_page_url: "u",
    previous_page_url: null,
    url: "u",
    next_page_url: null,
    key: "widgets",
  },
};

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer((req, res) => {
    const status =
      req.method === "DELETE" ? 204 : req.method === "POST" && !/Widgets\/[^/]+$/.test(req.url) ? 201 : 200;
    res.writeHead(status, status === 204 ? {} : { "Content-Type": "application/json" });
    res.end(
      status === 204
        ? undefined
        : JSON.stringify(req.method === "GET" && req.url.includes("/Widgets?") ? PAGE : WIDGET),
    );
  });
});
afterAll(() => server.close());
beforeEach(() => void server.requests.splice(0));

const options = () => ({ accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "t", baseUrl: server.baseUrl });
const client = () => createOperationsClient<paths, typeof operationTable>(operationTable, options());
const sent = () => server.requests.map((r) => `${r.method} ${r.url} ${r.body}`);

describe("the operations fixture", () => {
  it("the committed output is what the generator makes from the fixture spec", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tcp-fixture-"));
    await cp(join(fixture, "spec"), join(dir, "spec"), { recursive: true });
    const ws = { dir, spec: join(dir, "spec/openapi.yaml"), out: join(dir, "generated"), docs: join(dir, "docs.html") };
    const run = await generate(ws, "--no-docs", "--types", "../../../../src/types.js"); // as generate:fixtures
    expect(run.code, run.stderr).toBe(0);
    // When this fails after a generator change: npm run generate:fixtures
    expect(await snapshot(ws.out)).toEqual(await snapshot(join(fixture, "generated")));
  });

  it("the table says each operation's shape: success status, body or not, paged list, field kinds", () => {
    const shape = Object.fromEntries(
      Object.entries(operationTable).map(([name, e]) => [
        name,
        `${e.method} ${e.successStatus} ${e.successHasBody} ${e.list?.itemsKey ?? "-"}`,
      ]),
    );
    expect(shape).toEqual({
      createShelf: "POST 201 true -",
      listWidget: "GET 200 true widgets",
      createWidget: "POST 201 true -",
      fetchWidget: "GET 200 true -",
      updateWidget: "POST 200 true -",
      checkWidget: "HEAD 200 false -",
      deleteWidget: "DELETE 204 false -",
    });
    expect(operationTable.listWidget.fields.query).toEqual({
      PageSize: "integer",
      Page: "integer",
      PageToken: "string",
      MadeAfter: "date-time",
    });
    expect(operationTable.updateWidget.fields.body).toEqual({
      Count: "integer",
      Weight: "number",
      Visible: "boolean",
      Note: "string",
      Color: "string",
    });
    expect(operationTable.createWidget.fields.body).toEqual({
      Name: "string",
      MadeAt: "date-time",
      Tags: "array",
      Color: "string",
    });
  });
});

describe("each shape as a method, on the wire", () => {
  it("a list: GET with integer and date-time (a Date) query parameters", async () => {
    const page = await client().listWidget({
      path: { ShelfSid: SHELF },
      query: { PageSize: 2, MadeAfter: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 5)) },
    });
    expect(page).toEqual(PAGE);
    expect(sent()).toEqual([`GET /v1/Shelves/${SHELF}/Widgets?PageSize=2&MadeAfter=2024-01-01T00%3A00%3A00.005Z `]);
  });

  it("a fetch by SID or by name (one encoded segment)", async () => {
    expect(await client().fetchWidget({ path: { ShelfSid: SHELF, Sid: WIDGET.sid } })).toEqual(WIDGET);
    await client().fetchWidget({ path: { ShelfSid: SHELF, Sid: "big bolt/2" } });
    expect(sent()).toEqual([
      `GET /v1/Shelves/${SHELF}/Widgets/${WIDGET.sid} `,
      `GET /v1/Shelves/${SHELF}/Widgets/big%20bolt%2F2 `,
    ]);
  });

  it("an update: integer, number and boolean fields in the form body", async () => {
    await client().updateWidget({
      path: { ShelfSid: SHELF, Sid: "bolt" },
      body: { Count: 3, Weight: 0.25, Visible: false, Color: "red" },
    });
    expect(server.requests[0]!.method).toBe("POST");
    expect(formFields(server.requests[0]!.body)).toEqual([
      ["Count", "3"],
      ["Weight", "0.25"],
      ["Visible", "false"],
      ["Color", "red"],
    ]);
  });

  it("a create answering 201 with a Date in a date-time body field", async () => {
    expect(
      await client().createWidget({
        path: { ShelfSid: SHELF },
        body: { Name: "bolt", MadeAt: new Date(Date.UTC(2024, 1, 29)) },
      }),
    ).toEqual(WIDGET);
    expect(sent()).toEqual([`POST /v1/Shelves/${SHELF}/Widgets Name=bolt&MadeAt=2024-02-29T00%3A00%3A00.000Z`]);
  });

  it("a create with a header parameter and no path parameter", async () => {
    await client().createShelf({ header: { "X-Twilio-Webhook-Enabled": "false" }, body: { FriendlyName: "Top" } });
    expect(sent()).toEqual(["POST /v1/Shelves FriendlyName=Top"]);
    expect(server.requests[0]!.headers["x-twilio-webhook-enabled"]).toBe("false");
  });

  it.each([
    ["global fetch", undefined],
    ["node:http", createNodeTransport],
  ])("a HEAD resolves to undefined, in one request, though the spec declares the GET's content (%s)", async (_, t) => {
    const c = createOperationsClient<paths, typeof operationTable>(operationTable, options(), t);
    await expect(c.checkWidget({ path: { ShelfSid: SHELF, Sid: "bolt" } })).resolves.toBeUndefined();
    expect(sent()).toEqual([`HEAD /v1/Shelves/${SHELF}/Widgets/bolt `]);
  });

  it("a delete answering 204 resolves to undefined", async () => {
    await expect(client().deleteWidget({ path: { ShelfSid: SHELF, Sid: "bolt" } })).resolves.toBeUndefined();
    expect(sent()).toEqual([`DELETE /v1/Shelves/${SHELF}/Widgets/bolt `]);
  });
});
