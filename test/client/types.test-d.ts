// Compile-time contract of the generated client: run by `vitest` (typecheck mode) with tsc.
import { describe, expectTypeOf, it } from "vitest";
import {
  createConversationsClient,
  type ListServiceConversationParticipantItem,
  type ListServiceConversationParticipantResult,
  type PagePromise,
  type ServiceConversationParticipant,
  type TwilioErrorBody,
} from "../../src/index.js";
import { createOperationsClient } from "../../src/client.js";
import type {
  CheckWidgetResult,
  CreateShelfInput as FixtureInput,
  CreateWidgetBody,
  DeleteWidgetResult,
  ListWidgetItem,
  ListWidgetResult,
  TwilioErrorBody as FixtureError,
  UpdateWidgetBody,
  Widget,
} from "../fixtures/operations/generated/names.js";
import type { paths } from "../fixtures/operations/generated/openapi.js";
import { operationTable } from "../fixtures/operations/generated/operations.js";

const client = createConversationsClient();
const path = { ChatServiceSid: "IS…", ConversationSid: "CH…" };

describe("createServiceConversationParticipant's types", () => {
  it("resolves to the generated participant type", () => {
    expectTypeOf(
      client.createServiceConversationParticipant({ path }),
    ).resolves.toEqualTypeOf<ServiceConversationParticipant>();
    expectTypeOf<ServiceConversationParticipant["sid"]>().toEqualTypeOf<string | null>();
    expectTypeOf<ServiceConversationParticipant["last_read_message_index"]>().toEqualTypeOf<
      number | null | undefined
    >();
  });

  it("accepts every body field, and a Date for the date-time ones", () => {
    void client.createServiceConversationParticipant({
      path,
      body: {
        Identity: "a",
        "MessagingBinding.Address": "+1",
        "MessagingBinding.ProxyAddress": "+1",
        "MessagingBinding.ProjectedAddress": "+1",
        DateCreated: new Date(),
        DateUpdated: "2023-05-04T09:42:00Z",
        Attributes: "{}",
        RoleSid: "RL…",
      },
      header: { "X-Twilio-Webhook-Enabled": "false" },
      signal: new AbortController().signal,
      maxRetries: 0,
      timeoutMs: 1000,
    });
  });

  it("rejects a misspelled body key", () => {
    // @ts-expect-error Identiy is not a body field
    void client.createServiceConversationParticipant({ path, body: { Identiy: "a" } });
  });

  it("rejects a wrong header value", () => {
    // @ts-expect-error the header is "true" | "false"
    void client.createServiceConversationParticipant({ path, header: { "X-Twilio-Webhook-Enabled": "yes" } });
  });

  it("rejects a missing path parameter, and a missing path", () => {
    // @ts-expect-error ConversationSid is required
    void client.createServiceConversationParticipant({ path: { ChatServiceSid: "IS…" } });
    // @ts-expect-error path is required
    void client.createServiceConversationParticipant({ body: {} });
  });

  it("rejects a Date where the spec has no date-time", () => {
    // @ts-expect-error Identity is a string
    void client.createServiceConversationParticipant({ path, body: { Identity: new Date() } });
  });

  it("rejects a wrong result field", async () => {
    const participant = await client.createServiceConversationParticipant({ path });
    // @ts-expect-error the result has `sid`, not `participant_sid`
    void participant.participant_sid;
    // @ts-expect-error `identity` is string | null, not number
    const n: number = participant.identity;
    void n;
  });
});

describe("the reads' types", () => {
  it("fetch resolves to the participant; list is a PagePromise of pages and participants", () => {
    expectTypeOf(
      client.fetchServiceConversationParticipant({ path: { ...path, Sid: "alice" } }),
    ).resolves.toEqualTypeOf<ServiceConversationParticipant>();
    const pages = client.listServiceConversationParticipant({ path, query: { PageSize: 50 } });
    expectTypeOf(pages).toEqualTypeOf<
      PagePromise<ListServiceConversationParticipantResult, ServiceConversationParticipant>
    >();
    expectTypeOf<ListServiceConversationParticipantItem>().toEqualTypeOf<ServiceConversationParticipant>();
    expectTypeOf<ListServiceConversationParticipantResult["meta"]["next_page_url"]>().toEqualTypeOf<string | null>();
    // @ts-expect-error PageSize is an integer, not a string
    void client.listServiceConversationParticipant({ path, query: { PageSize: "50" } });
    // @ts-expect-error fetch needs the participant's Sid
    void client.fetchServiceConversationParticipant({ path });
  });

  it("exports the error body under its own name, apart from the TwilioError class", () => {
    expectTypeOf<TwilioErrorBody["code"]>().toEqualTypeOf<number>();
  });
});

describe("a client built from the operations fixture: every shape typed from the spec", () => {
  const widgets = createOperationsClient<paths, typeof operationTable>(operationTable, {});
  const shelf = { ShelfSid: "SH…" };
  const one = { ShelfSid: "SH…", Sid: "bolt" };

  it("integer and number are number, boolean is boolean, nullable takes null", () => {
    expectTypeOf<UpdateWidgetBody["Count"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<UpdateWidgetBody["Weight"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<UpdateWidgetBody["Visible"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<UpdateWidgetBody["Note"]>().toEqualTypeOf<string | null | undefined>();
    void widgets.updateWidget({ path: one, body: { Count: 1, Weight: 0.5, Visible: true, Note: null, Color: "red" } });
    // @ts-expect-error Count is an integer, not a string
    void widgets.updateWidget({ path: one, body: { Count: "1" } });
    // @ts-expect-error Visible is a boolean, not the string "true"
    void widgets.updateWidget({ path: one, body: { Visible: "true" } });
    // @ts-expect-error Color is one of its enum
    void widgets.updateWidget({ path: one, body: { Color: "purple" } });
    // @ts-expect-error Count is not nullable
    void widgets.updateWidget({ path: one, body: { Count: null } });
  });

  it("an array field is an array of strings; date-time fields take a Date in the body and the query", () => {
    expectTypeOf<CreateWidgetBody["Tags"]>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<CreateWidgetBody["MadeAt"]>().toEqualTypeOf<string | Date | undefined>();
    void widgets.createWidget({ path: shelf, body: { Name: "b", Tags: ["a"], MadeAt: new Date() } });
    void widgets.listWidget({ path: shelf, query: { MadeAfter: new Date(), PageSize: 10 } });
    // @ts-expect-error Tags holds strings
    void widgets.createWidget({ path: shelf, body: { Name: "b", Tags: [1] } });
    // @ts-expect-error Name is a string, never a Date
    void widgets.createWidget({ path: shelf, body: { Name: new Date() } });
    // @ts-expect-error CreateWidget's body is required
    void widgets.createWidget({ path: shelf });
  });

  it("a 204 or a HEAD resolves to undefined; a fetch to the schema's type; a list is a PagePromise", () => {
    expectTypeOf(widgets.deleteWidget({ path: one })).toEqualTypeOf<Promise<undefined>>();
    expectTypeOf<DeleteWidgetResult>().toEqualTypeOf<undefined>();
    // The spec declares the GET's content for the HEAD too; its answer still has no body.
    expectTypeOf(widgets.checkWidget({ path: one })).toEqualTypeOf<Promise<undefined>>();
    expectTypeOf<CheckWidgetResult>().toEqualTypeOf<undefined>();
    expectTypeOf(widgets.fetchWidget({ path: one })).resolves.toEqualTypeOf<Widget>();
    expectTypeOf(widgets.listWidget({ path: shelf })).toEqualTypeOf<PagePromise<ListWidgetResult, Widget>>();
    expectTypeOf<ListWidgetItem>().toEqualTypeOf<Widget>();
    expectTypeOf<ListWidgetResult["widgets"]>().toEqualTypeOf<Widget[]>();
    // @ts-expect-error fetchWidget takes no body
    void widgets.fetchWidget({ path: one, body: {} });
    // @ts-expect-error PageSize is an integer
    void widgets.listWidget({ path: shelf, query: { PageSize: "10" } });
  });

  it("names come from the spec: a body type only where there is a body, TwilioError's as TwilioErrorBody", () => {
    expectTypeOf<FixtureInput>().toEqualTypeOf<Parameters<typeof widgets.createShelf>[0]>();
    expectTypeOf<FixtureError["code"]>().toEqualTypeOf<number>();
  });
});
