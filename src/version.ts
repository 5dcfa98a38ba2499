/** This package's version, sent in the User-Agent. A test keeps it equal to package.json's. */
export const VERSION = "0.1.0";
export const PACKAGE_NAME = "twilio-conversations-participants";
