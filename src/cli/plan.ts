// `--dry-run` and the real run's check before the first create. With credentials both read the
// conversations (preflight.ts); the dry run prints the plan, the real run only its refusals.
// Without credentials the dry run checks what it can offline and says what it did not check.
import type { ConversationsClient } from "../client.js";
import { TwilioValidationError } from "../errors/validation-error.js";
import { CredentialsRefused, describePlan, type Plan, type Wants } from "./preflight.js";
import type { InDoubt } from "./resume.js";

const CREDENTIAL_FIELDS = new Set(["accountSid", "authToken", "apiKey", "apiSecret"]);

/** The client, or undefined when the only thing missing is the credentials (a dry run goes offline). */
export function clientIfCredentials(make: () => ConversationsClient): ConversationsClient | undefined {
  try {
    return make();
  } catch (error) {
    const missing =
      error instanceof TwilioValidationError &&
      error.problems.every((p) => CREDENTIAL_FIELDS.has(p.field) && p.rule === "required");
    if (missing) return undefined;
    throw error;
  }
}

/** Prints the dry run's report; returns the exit code (2 when a row is invalid or the plan is refused). */
export async function dryRun(
  check: { rows: number; invalid: number },
  wants: Wants,
  client: ConversationsClient | undefined,
  json: boolean,
): Promise<number> {
  let plan: Plan | undefined;
  if (client) {
    try {
      plan = await wants.plan(client);
    } catch (error) {
      if (!(error instanceof CredentialsRefused)) throw error;
      process.stderr.write(`refusing: ${error.message}\n`);
      return 2;
    }
  }
  const described = plan && describePlan(plan);
  const notChecked = plan
    ? []
    : ["credentials", "that the conversations exist", "participants already there", "participant limits"];
  if (json) {
    const report = {
      dryRun: true,
      rows: check.rows,
      invalid: check.invalid,
      conversations: plan?.conversations ?? [],
      unknownConversations: plan?.unknown ?? [],
      toAdd: plan ? plan.toAdd : null,
      existing: plan ? plan.existing : null,
      refused: described?.refusal ?? null,
      notChecked,
    };
    process.stdout.write(JSON.stringify(report) + "\n");
  } else {
    process.stderr.write(`${check.rows} rows, ${check.invalid} invalid (dry run: nothing was sent)\n`);
    if (plan) {
      const n = plan.conversations.length + plan.unknown.length;
      process.stderr.write(`plan over ${n} conversation${n === 1 ? "" : "s"}:\n`);
      for (const line of described!.lines) process.stderr.write(`${line}\n`);
      process.stderr.write(`total: ${plan.toAdd} to add, ${plan.existing} already there\n`);
      if (described!.refusal) process.stderr.write(`a real run would refuse to start: ${described!.refusal}\n`);
    } else
      process.stderr.write(
        `offline (no credentials): rows and options checked; not checked: ${notChecked.join(", ")}\n`,
      );
  }
  return check.invalid || described?.refusal ? 2 : 0;
}

/**
 * The real run's check: undefined to go on, else the exit code after saying why on one line. Its
 * listings settle the `inDoubt` rows (resume.ts).
 */
export async function preflight(
  client: ConversationsClient,
  wants: Wants,
  inDoubt: InDoubt,
): Promise<number | undefined> {
  let plan: Plan;
  try {
    plan = await wants.plan(client, inDoubt);
  } catch (error) {
    if (!(error instanceof CredentialsRefused)) throw error;
    process.stderr.write(`refusing to start: ${error.message}\n`);
    return 2;
  }
  const { refusal } = describePlan(plan);
  if (!refusal) return undefined;
  process.stderr.write(`refusing to start, nothing was sent: ${refusal}\n`);
  return 2;
}
