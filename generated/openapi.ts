// GENERATED FILE — do not edit by hand.
// Generated from spec/openapi.yaml by `npm run generate` (scripts/generate.mjs).
// Change the spec and run the command again to remake it.

export interface paths {
    "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fetch a conversation in a specific service
         * @description Returns one conversation of the service, found by its SID or its `unique_name`. A `404`
         *     (Twilio error 20404) means no such conversation (or no such service). Reading the
         *     conversations a batch will touch before the first create tells wrong credentials (`401`) and
         *     unknown conversations apart from per-row failures.
         *
         *     A read never changes anything, so it is safe to send again.
         */
        get: operations["FetchServiceConversation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the participants of a conversation in a specific service
         * @description Returns one page of the conversation's participants, in Twilio's list envelope: the
         *     participants, and `meta` with the URLs of the neighbouring pages. Follow `meta.next_page_url`
         *     until it is `null` to read them all. There is no filter: to find a messaging participant by
         *     its address, read the pages and match `messaging_binding.address` and `proxy_address`.
         *
         *     A read never changes anything, so it is safe to send again.
         */
        get: operations["ListServiceConversationParticipant"];
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
    "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Participants/{Sid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fetch one participant of a conversation in a specific service
         * @description Returns one participant, found by its SID or, as Twilio documents for this operation, by its
         *     `identity` in place of the SID. A `404` (Twilio error 20404) means no such participant (or
         *     no such service or conversation).
         *
         *     A read never changes anything, so it is safe to send again.
         */
        get: operations["FetchServiceConversationParticipant"];
        put?: never;
        post?: never;
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
        /** @description A conversation within a specific Conversation Service (Twilio's `service_conversation` resource). */
        ServiceConversation: {
            /** @description A 34 character string that uniquely identifies this conversation. */
            sid: string | null;
            /** @description The unique ID of the Account responsible for this conversation. */
            account_sid: string | null;
            /** @description The SID of the Conversation Service this conversation belongs to. */
            chat_service_sid: string | null;
            /** @description The SID of the Messaging Service this conversation belongs to. */
            messaging_service_sid?: string | null;
            /** @description The human-readable name of this conversation, at most 256 characters. */
            friendly_name?: string | null;
            /** @description An application-defined name that can address the conversation in place of its `sid`. */
            unique_name?: string | null;
            /** @description Metadata as a JSON string; `{}` when none was set. */
            attributes?: string | null;
            /**
             * @description The conversation's state.
             * @enum {string|null}
             */
            state?: "inactive" | "active" | "closed" | null;
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
            /** @description When the conversation becomes inactive or closed, if timers are set. */
            timers?: {
                /**
                 * Format: date-time
                 * @description When the conversation will become inactive.
                 */
                date_inactive?: string | null;
                /**
                 * Format: date-time
                 * @description When the conversation will close.
                 */
                date_closed?: string | null;
            } | null;
            /** @description Twilio's bindings of the conversation (unspecified shape, often `null`). */
            bindings?: unknown;
            /**
             * Format: uri
             * @description An absolute API resource URL for this conversation.
             */
            url?: string | null;
            /** @description Absolute URLs of the conversation's participants, messages and webhooks. */
            links?: {
                [key: string]: string;
            } | null;
        };
        /** @description One page of a conversation's participants, in Twilio's list envelope. */
        ServiceConversationParticipantList: {
            /** @description The participants on this page, at most `meta.page_size` of them. */
            participants: components["schemas"]["ServiceConversationParticipant"][];
            meta: components["schemas"]["ListMeta"];
        };
        /** @description Where a page of one of Twilio's lists sits, and the URLs of its neighbours. */
        ListMeta: {
            /** @description This page's index, from 0. */
            page: number;
            /** @description How many items a page holds at most. */
            page_size: number;
            /**
             * Format: uri
             * @description The absolute URL of the first page.
             */
            first_page_url: string;
            /**
             * Format: uri
             * @description The absolute URL of the previous page; `null` on the first page.
             */
            previous_page_url: string | null;
            /**
             * Format: uri
             * @description The absolute URL of this page.
             */
            url: string;
            /**
             * Format: uri
             * @description The absolute URL of the next page; `null` on the last page.
             */
            next_page_url: string | null;
            /** @description The name of the property that holds the items (`participants`). */
            key: string;
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
        /** @description A parameter is missing, unknown or invalid. Twilio did not act on the request. */
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
        /** @description The credentials are missing or wrong. Twilio did not act on the request. */
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
        /**
         * @description The Conversation Service, the conversation or (for a fetch) the participant does not exist.
         *     Twilio did not act on the request.
         */
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
        /** @description Too many requests (Twilio error 20429). Twilio did not act on the request; resend after `Retry-After`. */
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
        /** @description Twilio is temporarily unable to take the request. It did not act on it; resend after `Retry-After`. */
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
         * @description Any other error, including `500`, `502` and `504`. For a create the outcome is unknown: the
         *     participant may or may not have been created, so look it up before sending the request again.
         *     A read can simply be sent again.
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
         * @description The participant: its SID (`MB` followed by 32 hex digits) or, as Twilio's reference for
         *     this operation documents, its `identity` in place of the SID (at most 256 characters, the
         *     identity's limit). Sent as exactly one percent-encoded path segment; the empty string, `.`
         *     and `..` are refused, because they would change the path the request reaches.
         */
        ParticipantSid: string;
        /**
         * @description How many participants one page holds (Twilio's list paging), from 1 to 100; 50 when omitted.
         * @example 50
         */
        PageSize: number;
        /**
         * @description The page index (from 0) of Twilio's list paging. Usually taken from a `meta` URL rather than set.
         * @example 0
         */
        Page: number;
        /**
         * @description The page token of Twilio's list paging, as found in a `meta` URL; opaque to the client.
         * @example PTabc
         */
        PageToken: string;
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
    FetchServiceConversation: {
        parameters: {
            query?: never;
            header?: never;
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
        requestBody?: never;
        responses: {
            /** @description The conversation. */
            200: {
                headers: {
                    "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceConversation"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    ListServiceConversationParticipant: {
        parameters: {
            query?: {
                /**
                 * @description How many participants one page holds (Twilio's list paging), from 1 to 100; 50 when omitted.
                 * @example 50
                 */
                PageSize?: components["parameters"]["PageSize"];
                /**
                 * @description The page index (from 0) of Twilio's list paging. Usually taken from a `meta` URL rather than set.
                 * @example 0
                 */
                Page?: components["parameters"]["Page"];
                /**
                 * @description The page token of Twilio's list paging, as found in a `meta` URL; opaque to the client.
                 * @example PTabc
                 */
                PageToken?: components["parameters"]["PageToken"];
            };
            header?: never;
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
        requestBody?: never;
        responses: {
            /** @description One page of participants. */
            200: {
                headers: {
                    "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceConversationParticipantList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["UnexpectedError"];
        };
    };
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
    FetchServiceConversationParticipant: {
        parameters: {
            query?: never;
            header?: never;
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
                /**
                 * @description The participant: its SID (`MB` followed by 32 hex digits) or, as Twilio's reference for
                 *     this operation documents, its `identity` in place of the SID (at most 256 characters, the
                 *     identity's limit). Sent as exactly one percent-encoded path segment; the empty string, `.`
                 *     and `..` are refused, because they would change the path the request reaches.
                 */
                Sid: components["parameters"]["ParticipantSid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The participant. */
            200: {
                headers: {
                    "Twilio-Request-Id": components["headers"]["TwilioRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceConversationParticipant"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
            default: components["responses"]["UnexpectedError"];
        };
    };
}
