// `twilio-conversations-participants/testing`: Node-only helpers for tests (a fake Twilio server).
export { startFakeConversations, type FakeConversations, type RecordedRequest } from "./fake-server.js";
export type { FakeConversationsOptions } from "./options.js";
export { faults, type Fault, type FaultTarget } from "./faults.js";
export { PARTICIPANT_LIMITS, TWILIO_ACTIONS_PER_SECOND } from "./limits.js";
export { TWILIO_ERRORS, type TwilioErrorName } from "./twilio-errors.js";
export type { Participant } from "./store.js";
