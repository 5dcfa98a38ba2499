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
import type { paths } from "../fixtures/two-operations/generated/openapi.js";
import { operationTable } from "../fixtures/two-operations/generated/operations.js";

const client = createConversationsClient();
const path = { ChatServiceSid: "IS…", ConversationSid: "CH…" };

describe("createServiceConversationParticipant's types", () => {
  it("resolves to the generated participant type", () => {
    expectTypeOf(client.createServiceConversationParticipant({ path })).resolves.toEqualTypeOf<ServiceConversationParticipant>();
    expectTypeOf<ServiceConversationParticipant["sid"]>().toEqualTypeOf<string | null>();
    expectTypeOf<ServiceConversationParticipant["last_read_message_index"]>().toEqualTypeOf<number | null | undefined>();
  });

  it("accepts every body field, and a Date for the date-time ones", () => {
    void client.createServiceConversationParticipant({
      path,
      body: {
        Identity: "a", "MessagingBinding.Address": "+1", "MessagingBinding.ProxyAddress": "+1",
        "MessagingBinding.ProjectedAddress": "+1", DateCreated: new Date(), DateUpdated: "2023-05-04T09:42:00Z",
        Attributes: "{}", RoleSid: "RL…",
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
    expectTypeOf(client.fetchServiceConversationParticipant({ path: { ...path, Sid: "alice" } })).resolves.toEqualTypeOf<ServiceConversationParticipant>();
    const pages = client.listServiceConversationParticipant({ path, query: { PageSize: 50 } });
    expectTypeOf(pages).toEqualTypeOf<PagePromise<ListServiceConversationParticipantResult, ServiceConversationParticipant>>();
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

describe("a client built from another operation table", () => {
  const widgets = createOperationsClient<paths, typeof operationTable>(operationTable, {});
  it("has one typed method per operation", () => {
    expectTypeOf(widgets.fetchWidget({ path: { ShelfSid: "SH…", WidgetSid: "WG…" } })).resolves.toEqualTypeOf<{ sid: string; name: string }>();
    // @ts-expect-error CreateWidget's body is required
    void widgets.createWidget({ path: { ShelfSid: "SH…" } });
    // @ts-expect-error fetchWidget takes no body
    void widgets.fetchWidget({ path: { ShelfSid: "SH…", WidgetSid: "WG…" }, body: {} });
  });
});
