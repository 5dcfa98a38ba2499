// A bulk run's options, checked when addParticipants is called (its engine loads on the run's first
// read), so a bad one throws there, naming the option and the rule, with nothing read or sent.
import type { BulkOptions } from "../bulk-types.js";
import { TwilioValidationError, type ValidationProblem } from "../../errors/validation-error.js";
import { checkCount } from "../../internal/settings.js";

/** @internal The run's limits, checked once. */
export interface BulkLimits {
  rate: number;
  concurrency: number;
  lookahead: number;
  maxRetries: number;
  /** The circuit breaker's settings, or undefined when `outage: false` turned it off. */
  outage: { after: number; tries: number; pauseMs: number } | undefined;
}

/** @internal */
export function checkLimits(options: BulkOptions): BulkLimits {
  const problems: ValidationProblem[] = [];
  const big = Number.MAX_SAFE_INTEGER;
  const rate = checkCount(options, "ratePerConversation", 30, problems, big, 1);
  const concurrency = checkCount(options, "concurrency", 64, problems, big, 1);
  const lookahead = checkCount(options, "lookahead", 10_000, problems, big, 1);
  const maxRetries = checkCount(options, "maxRetries", 2, problems);
  const outage =
    options.outage === false
      ? undefined
      : {
          after: checkCount(options, "outage.after", 5, problems, big, 1),
          tries: checkCount(options, "outage.tries", 3, problems, big, 1),
          pauseMs: checkCount(options, "outage.pauseMs", 1000, problems),
        };
  if (problems.length) throw new TwilioValidationError(problems);
  return { rate, concurrency, lookahead, maxRetries, outage };
}
