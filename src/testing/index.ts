// `twilio-conversations-participants/testing`: Node-only helpers for tests (a fake Twilio server).
export { startFakeConversations, type FakeConversations, type FakeConversationsOptions, type RecordedRequest } from "./fake-server.js";
export { faults, type Fault } from "./faults.js";
export { TWILIO_ERRORS, type TwilioErrorName } from "./twilio-errors.js";
export type { Participant } from "./store.js";
