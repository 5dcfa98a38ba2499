// The Twilio error codes the fake server answers with, each from Twilio's error dictionary
// (twilio.com/docs/api/errors/<code>). One table, so tests and the server agree. Where Twilio does
// not publish the HTTP status of a code (50433, 50416, 50437, 50417), the fake's choice is noted.
export const TWILIO_ERRORS = {
  badRequest: { status: 400, code: 70002, message: "Bad request" },
  authenticate: { status: 401, code: 20003, message: "Authenticate" },
  notFound: { status: 404, code: 20404, message: "The requested resource was not found" },
  methodNotAllowed: { status: 405, code: 20004, message: "Method not allowed" },
  participantExists: { status: 409, code: 50433, message: "Participant already exists" },
  bindingExists: { status: 409, code: 50416, message: "A binding for this participant and proxy address already exists" },
  /** Twilio: "may result from a race condition … your participant is already present". Status 409 is the fake's. */
  groupParticipantExists: { status: 409, code: 50437, message: "Group Participant already exists" },
  /** 1,000 participants per conversation. Status 400 is the fake's choice (Twilio publishes none). */
  participantsLimit: { status: 400, code: 50417, message: "Participants limit exceeded" },
  tooManyRequests: { status: 429, code: 20429, message: "Too Many Requests" },
  /** 30 participant creates, updates and deletes per second for each conversation. */
  actionsPerSecond: { status: 429, code: 50063, message: "Actions per second limit exceeded" },
  internalError: { status: 500, code: 20500, message: "Internal Server Error" },
  serviceUnavailable: { status: 503, code: 20503, message: "Service Unavailable" },
} as const;

export type TwilioErrorName = keyof typeof TWILIO_ERRORS;

/** Twilio's error body for an entry of the table, with an optional more specific message. */
export function twilioErrorBody(name: TwilioErrorName, message?: string) {
  const e = TWILIO_ERRORS[name];
  return { code: e.code, message: message ?? e.message, more_info: `https://www.twilio.com/docs/errors/${e.code}`, status: e.status };
}

/** The entry for an HTTP status, for injected faults that name only a status. */
export function errorNameForStatus(status: number): TwilioErrorName | undefined {
  return (Object.keys(TWILIO_ERRORS) as TwilioErrorName[]).find((n) => TWILIO_ERRORS[n].status === status);
}
