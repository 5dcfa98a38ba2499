// What addParticipants sends again, and when, against the fake server: asserted on the wire.
import { describe, expect, it } from "vitest";
import { faults, type FakeConversations } from "../../src/testing/index.js";
import { collect, setup } from "./support.js";

const wire = (f: FakeConversations) => f.requests.map((r) => r.method);

describe("addParticipants tries again", () => {
  it("after a lost answer, resends a failed lookup (a GET) before it would ever create again", async () => {
    const { fake, client, item } = await setup();
    fake.inject(faults.reset(true), faults.on("fetch", faults.status(500)));
    const [result] = await collect(client.addParticipants([item("lost")]));
    expect(result).toMatchObject({ outcome: "existing", attempts: 1 });
    expect(wire(fake)).toEqual(["POST", "GET", "GET"]);
    expect(fake.participants.map((p) => p.identity)).toEqual(["lost"]);
  });
});
