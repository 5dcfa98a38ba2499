// GENERATED FILE — do not edit by hand.
// Generated from spec/openapi.yaml by `npm run generate` (scripts/generate.mjs).
// Change the spec and run the command again to remake it.

import { createServiceConversationParticipantInputRules } from "./validators.js";

/** Every operation in the spec, keyed by the client method that calls it. */
export const operationTable = {
  createServiceConversationParticipant: {
    "operationId": "CreateServiceConversationParticipant",
    "method": "POST",
    "path": "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants",
    "requestContentType": "application/x-www-form-urlencoded",
    "successStatus": 201,
    "pathParameters": [
      "ChatServiceSid",
      "ConversationSid"
    ],
    "headerParameters": [
      "X-Twilio-Webhook-Enabled"
    ],
    "queryParameters": [],
    "bodyFields": [
      "Identity",
      "MessagingBinding.Address",
      "MessagingBinding.ProxyAddress",
      "MessagingBinding.ProjectedAddress",
      "DateCreated",
      "DateUpdated",
      "Attributes",
      "RoleSid"
    ],
    "dateTimeBodyFields": [
      "DateCreated",
      "DateUpdated"
    ],
    inputRules: createServiceConversationParticipantInputRules,
  },
} as const;

export type OperationTable = typeof operationTable;

/** The spec's `servers`: the default host first, then templated (regional) hosts. */
export const servers = [
  {
    "url": "https://conversations.twilio.com",
    "variables": {}
  },
  {
    "url": "https://conversations.{edge}.{region}.twilio.com",
    "variables": {
      "edge": {
        "default": "ashburn",
        "enum": [
          "ashburn",
          "dublin",
          "frankfurt",
          "sao-paulo",
          "singapore",
          "sydney",
          "tokyo",
          "umatilla"
        ]
      },
      "region": {
        "default": "us1",
        "enum": [
          "us1",
          "ie1",
          "au1"
        ]
      }
    }
  }
] as const;
