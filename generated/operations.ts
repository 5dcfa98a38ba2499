// GENERATED FILE — do not edit by hand.
// Generated from spec/openapi.yaml by `npm run generate` (scripts/generate.mjs).
// Change the spec and run the command again to remake it.

import type { OperationEntry } from "../src/types.js";
import { validateFetchServiceConversationInput, validateListServiceConversationParticipantInput, validateCreateServiceConversationParticipantInput, validateFetchServiceConversationParticipantInput } from "./validators.js";

/** Every operation in the spec, keyed by the client method that calls it. */
export const operationTable = {
  fetchServiceConversation: {
    operationId: "FetchServiceConversation",
    method: "GET",
    path: "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}",
    requestContentType: null,
    successStatus: 200,
    successHasBody: true,
    fields: {
      path: {
        ChatServiceSid: "string",
        ConversationSid: "string",
      },
      header: {},
      query: {},
      body: {},
    },
    list: null,
    validate: validateFetchServiceConversationInput,
  },
  listServiceConversationParticipant: {
    operationId: "ListServiceConversationParticipant",
    method: "GET",
    path: "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants",
    requestContentType: null,
    successStatus: 200,
    successHasBody: true,
    fields: {
      path: {
        ChatServiceSid: "string",
        ConversationSid: "string",
      },
      header: {},
      query: {
        PageSize: "integer",
        Page: "integer",
        PageToken: "string",
      },
      body: {},
    },
    list: {
      itemsKey: "participants",
    },
    validate: validateListServiceConversationParticipantInput,
  },
  createServiceConversationParticipant: {
    operationId: "CreateServiceConversationParticipant",
    method: "POST",
    path: "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants",
    requestContentType: "application/x-www-form-urlencoded",
    successStatus: 201,
    successHasBody: true,
    fields: {
      path: {
        ChatServiceSid: "string",
        ConversationSid: "string",
      },
      header: {
        "X-Twilio-Webhook-Enabled": "string",
      },
      query: {},
      body: {
        Identity: "string",
        "MessagingBinding.Address": "string",
        "MessagingBinding.ProxyAddress": "string",
        "MessagingBinding.ProjectedAddress": "string",
        DateCreated: "date-time",
        DateUpdated: "date-time",
        Attributes: "string",
        RoleSid: "string",
      },
    },
    list: null,
    validate: validateCreateServiceConversationParticipantInput,
  },
  fetchServiceConversationParticipant: {
    operationId: "FetchServiceConversationParticipant",
    method: "GET",
    path: "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants/{Sid}",
    requestContentType: null,
    successStatus: 200,
    successHasBody: true,
    fields: {
      path: {
        ChatServiceSid: "string",
        ConversationSid: "string",
        Sid: "string",
      },
      header: {},
      query: {},
      body: {},
    },
    list: null,
    validate: validateFetchServiceConversationParticipantInput,
  },
} as const satisfies Readonly<Record<string, OperationEntry>>;

export type OperationTable = typeof operationTable;

/** The spec's `servers`: the default host first, then templated (regional) hosts. */
export const servers = [
  {
    url: "https://conversations.twilio.com",
    variables: {},
  },
  {
    url: "https://conversations.{edge}.{region}.twilio.com",
    variables: {
      edge: {
        default: "ashburn",
        enum: [
          "ashburn",
          "dublin",
          "frankfurt",
          "sao-paulo",
          "singapore",
          "sydney",
          "tokyo",
          "umatilla",
        ],
      },
      region: {
        default: "us1",
        enum: [
          "us1",
          "ie1",
          "au1",
        ],
      },
    },
  },
] as const;
