// GENERATED FILE — do not edit by hand.
// Generated from spec/openapi.yaml by `npm run generate` (scripts/generate.mjs).
// Change the spec and run the command again to remake it.

export interface paths {
    "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a new participant to the conversation in a specific service
         * @description Creates a Service Participant: a member of the conversation within a specific Conversation
         *     Service. Send `Identity` for a chat (SDK) participant, or `MessagingBinding.Address` with
         *     `MessagingBinding.ProxyAddress` for an SMS or WhatsApp participant. All body fields are
         *     optional.
         *
         *     This POST is **not idempotent**: sending it twice can add the participant twice or fail the
         *     second time with `409`. Resend it only when Twilio provably did not act on it (`429`, `503`,
         *     or a connection that failed before the request was sent).
         */
        post: operations["CreateServiceConversationParticipant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The form fields of a create request. Every field is optional; no other field is allowed. */
        CreateServiceConversationParticipantRequest: {
            /**
             * @description A unique string identifier for the conversation participant as a Conversation User. Set it
             *     if (and only if) the participant talks through a Conversations SDK. At most 256 characters
             *     (Twilio's Conversations limits; counted in Unicode code points, as JSON Schema counts).
             */
            Identity?: string;
            /**
             * @description The address of the participant's device, such as a phone or WhatsApp number. Together
             *     with the proxy address it identifies the participant uniquely. Leave it unset for an SDK
             *     participant (see `Identity`). At most 256 characters (Twilio's Conversations limits).
             */
            "MessagingBinding.Address"?: string;
            /**
             * @description The address of the Twilio phone number (or WhatsApp number) that the participant is in
             *     contact with. Leave it unset, together with the address, for an SDK participant (see
             *     `Identity`). At most 256 characters (Twilio's Conversations limits).
             */
            "MessagingBinding.ProxyAddress"?: string;
            /**
             * @description The address of the Twilio phone number used in Group MMS: the communication mask for a
             *     participant that has an `Identity`. Twilio's limits page gives 256 characters for the
             *     participant's address and proxy address and does not list this one; it is held to the
             *     same 256, as an address of the same kind.
             */
            "MessagingBinding.ProjectedAddress"?: string;
            /**
             * Format: date-time
             * @description The date that this resource was created (RFC 3339 date-time).
             */
            DateCreated?: string;
            /**
             * Format: date-time
             * @description The date that this resource was last updated (RFC 3339 date-time).
             */
            DateUpdated?: string;
            /**
             * @description An optional string metadata field you can use to store any data you wish. The string must
             *     contain structurally valid JSON. If it is not set, Twilio returns `"{}"`. Twilio's limit
             *     is 4 KB, without saying whether it counts bytes or characters; this spec enforces 4,096
             *     characters counted as JSON Schema counts them (Unicode code points), which is exactly
             *     4 KB for ASCII text. Text with non-ASCII characters takes more than one byte per
             *     character in UTF-8, so Twilio may refuse it below 4,096 characters.
             */
            Attributes?: string;
            /** @description The SID of a conversation-level Role to assign to the participant. */
            RoleSid?: string;
        };
        /** @description A member of a conversation within a specific Conversation Service. */
        ServiceConversationParticipant: {
            /** @description The unique ID of the Account responsible for this participant. */
            account_sid: string | null;
            /** @description The SID of the Conversation Service that the resource is associated with. */
            chat_service_sid: string | null;
            /** @description The unique ID of the Conversation for this participant. */
            conversation_sid: string | null;
            /** @description A 34 character string that uniquely identifies this resource. */
            sid: string | null;
            /** @description A unique string identifier for the conversation participant as Conversation User. */
            identity?: string | null;
            /** @description An optional string metadata field you can use to store any data you wish. */
            attributes?: string | null;
            messaging_binding?: components["schemas"]["MessagingBinding"];
            /** @description The SID of a conversation-level Role to assign to the participant. */
            role_sid?: string | null;
            /**
             * Format: date-time
             * @description The date that this resource was created.
             */
            date_created?: string | null;
            /**
             * Format: date-time
             * @description The date that this resource was last updated.
             */
            date_updated?: string | null;
            /**
             * Format: uri
             * @description An absolute URL for this participant.
             */
            url?: string | null;
            /** @description Index of last "read" message in the Conversation for the Participant. */
            last_read_message_index?: number | null;
            /** @description Timestamp of last "read" message in the Conversation for the Participant. */
            last_read_timestamp?: string | null;
        };
        /**
         * @description Information about how this participant exchanges messages with the conversation; `null` for a
         *     chat (SDK) participant without a projected address.
         */
        MessagingBinding: {
            /** @description The channel the participant uses, such as `sms` or `whatsapp`. */
            type?: string | null;
            /** @description The address of the participant's device, such as a phone or WhatsApp number. */
            address?: string | null;
            /** @description The Twilio phone number (or WhatsApp number) that the participant is in contact with. */
            proxy_address?: string | null;
            /** @description The Twilio phone number used in Group MMS for a participant with an identity. */
            projected_address?: string | null;
        } | null;
        /**
         * @description The body of every Twilio REST error, per Twilio's API response documentation (the operation's
         *     own reference page does not describe it).
         */
        TwilioError: {
            /** @description Twilio's error code; `more_info` links to its page. */
            code: number;
            /** @description A human-readable description of the error. */
            message: string;
            /**
             * Format: uri
             * @description A link to Twilio's documentation of this error code.
             */
            more_info: string;
            /** @description The HTTP status code of the response. */
            status: number;
            /** @description Extra, error-specific details, when Twilio provides them. */
            details?: {
                [key: string]: unknown;
            };
        };
    };
    responses: {
        /** @description A parameter is missing, unknown or invalid. Nothing was created. */
        BadRequest: {
            headers: {
                "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "code": 70002,
                 *       "message": "Bad request: Attributes must be valid JSON",
                 *       "more_info": "https://www.twilio.com/docs/errors/70002",
                 *       "status": 400
                 *     }
                 */
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description The credentials are missing or wrong. Nothing was created. */
        Unauthorized: {
            headers: {
                "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "code": 20003,
                 *       "message": "Authenticate",
                 *       "more_info": "https://www.twilio.com/docs/errors/20003",
                 *       "status": 401
                 *     }
                 */
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description The Conversation Service or the conversation does not exist. Nothing was created. */
        NotFound: {
            headers: {
                "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "code": 20404,
                 *       "message": "The requested resource /v1/Services/IS0123456789abcdef0123456789abcdef/Conversations/CH0123456789abcdef0123456789abcdef/Participants was not found",
                 *       "more_info": "https://www.twilio.com/docs/errors/20404",
                 *       "status": 404
                 *     }
                 */
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /**
         * @description A participant with this identity (Twilio error 50433), or a binding with this address and
         *     proxy address (Twilio error 50416), already exists in the conversation. Nothing was created.
         */
        Conflict: {
            headers: {
                "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "code": 50433,
                 *       "message": "Participant already exists",
                 *       "more_info": "https://www.twilio.com/docs/errors/50433",
                 *       "status": 409
                 *     }
                 */
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description Too many requests (Twilio error 20429). Nothing was created; resend after `Retry-After`. */
        TooManyRequests: {
            headers: {
                "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "code": 20429,
                 *       "message": "Too Many Requests",
                 *       "more_info": "https://www.twilio.com/docs/errors/20429",
                 *       "status": 429
                 *     }
                 */
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /** @description Twilio is temporarily unable to take the request. Nothing was created; resend after `Retry-After`. */
        ServiceUnavailable: {
            headers: {
                "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "code": 20503,
                 *       "message": "Service Unavailable",
                 *       "more_info": "https://www.twilio.com/docs/errors/20503",
                 *       "status": 503
                 *     }
                 */
                "application/json": components["schemas"]["TwilioError"];
            };
        };
        /**
         * @description Any other error, including `500`, `502` and `504`. The outcome is unknown: the participant may
         *     or may not have been created, so look it up before sending the request again.
         */
        UnexpectedError: {
            headers: {
                "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "code": 20500,
                 *       "message": "Internal Server Error",
                 *       "more_info": "https://www.twilio.com/docs/errors/20500",
                 *       "status": 500
                 *     }
                 */
                "application/json": components["schemas"]["TwilioError"];
            };
        };
    };
    parameters: {
        /**
         * @description The SID of the Conversation Service the conversation belongs to.
         * @example IS0123456789abcdef0123456789abcdef
         */
        ChatServiceSid: string;
        /**
         * @description The conversation: its SID (`CH` followed by 32 hex digits) or, as Twilio's Conversation
         *     resource documents, its `unique_name`. Any text is accepted and sent as exactly one
         *     percent-encoded path segment, except the empty string, `.` and `..`, which would change the
         *     path the request reaches.
         */
        ConversationSid: string;
        /**
         * @description Whether Twilio fires this Conversation Service's webhooks for this request.
         * @example true
         */
        XTwilioWebhookEnabled: "true" | "false";
    };
    requestBodies: never;
    headers: {
        /**
         * @description Twilio's identifier for this request (`RQ` followed by 32 hex digits), per Twilio's API
         *     response documentation. Quote it when you contact Twilio support.
         * @example RQ0123456789abcdef0123456789abcdef
         */
        TwilioRequestId: string;
        /**
         * @description How long to wait before sending the request again: a number of seconds or an HTTP date
         *     (RFC 9110, section 10.2.3). Twilio's docs ask clients to honour it on `429` and `503`.
         * @example 1
         */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    CreateServiceConversationParticipant: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Whether Twilio fires this Conversation Service's webhooks for this request.
                 * @example true
                 */
                "X-Twilio-Webhook-Enabled"?: components["parameters"]["XTwilioWebhookEnabled"];
            };
            path: {
                /**
                 * @description The SID of the Conversation Service the conversation belongs to.
                 * @example IS0123456789abcdef0123456789abcdef
                 */
                ChatServiceSid: components["parameters"]["ChatServiceSid"];
                /**
                 * @description The conversation: its SID (`CH` followed by 32 hex digits) or, as Twilio's Conversation
                 *     resource documents, its `unique_name`. Any text is accepted and sent as exactly one
                 *     percent-encoded path segment, except the empty string, `.` and `..`, which would change the
                 *     path the request reaches.
                 */
                ConversationSid: components["parameters"]["ConversationSid"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["CreateServiceConversationParticipantRequest"];
            };
        };
        responses: {
            /** @description Created. The body is the new participant. */
            201: {
                headers: {
                    "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceConversationParticipant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["UnexpectedError"];
        };
    };
}
