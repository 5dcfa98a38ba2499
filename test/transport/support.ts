// Shared set-up for the Node transport's tests: loopback servers that record what arrived and count
// connections, answers written by the test, and a self-signed certificate for TLS.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import {
  json,
  startRecordingServer,
  type Recorded,
  type RecordingServer,
  type Respond,
} from "../helpers/recording-server.js";
import { SIDS } from "../helpers/sids.js";

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A request as the server read it (header names lower-case; `bytes` is the body byte for byte). */
export type Arrived = Recorded;
export type Loopback = RecordingServer;
export { json, type Respond };

/** The recording loopback server (test/helpers), closed after the test with every connection destroyed. */
export async function loopback(respond: Respond, tls?: { key: string; cert: string }): Promise<Loopback> {
  const server = await startRecordingServer(respond, tls ? { tls } : {});
  cleanups.push(() => server.close());
  return server;
}

export { refusedPort } from "../helpers/refused-port.js";

/** A throwaway self-signed certificate for 127.0.0.1 and localhost (openssl, once per file). */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "tcp-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Valid SIDs for requests to servers that check nothing (shared with the client tests). */
export { SIDS };

/** A 201 body with a participant SID, all the client needs to return it. */
export const PARTICIPANT = { sid: SIDS.participant, identity: "alice", account_sid: SIDS.account };
