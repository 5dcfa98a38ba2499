// `--help`: every option with an example.
export const HELP = `Usage: twilio-conversations-participants add --service IS… --file people.csv [options]

Adds every row of a CSV or JSON Lines file as a participant, exactly once, at Twilio's rate of
30 creates per second per conversation. Credentials come only from the environment:
TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET.

Input: a CSV header row of the spec's body field names (Identity, MessagingBinding.Address,
MessagingBinding.ProxyAddress, MessagingBinding.ProjectedAddress, DateCreated, DateUpdated,
Attributes, RoleSid) plus an optional ConversationSid column; or JSON Lines with the same keys.

Options:
  --service IS…          the Conversations service (required)
                           e.g. --service IS0123456789abcdef0123456789abcdef
  --conversation CH…     the conversation of rows without a ConversationSid
                           e.g. --conversation CH0123456789abcdef0123456789abcdef
  --file PATH            the rows (required)              e.g. --file people.csv
  --format csv|jsonl     default: from the extension (.jsonl/.ndjson = jsonl)
                           e.g. --format jsonl
  --dry-run              check every row against the spec, send nothing; with credentials,
                         also read each conversation and print the plan (to add, already
                         there, limits); --json prints it as one object   e.g. --dry-run
  --skip-invalid         add the valid rows even if some are invalid (default: refuse to start)
                           e.g. --skip-invalid
  --journal FILE         record every outcome durably; run again with the same journal to
                         resume after Ctrl-C or a crash   e.g. --journal people.journal
  --json                 one JSON line per result on stdout   e.g. --json > results.jsonl
  --out FILE             results as CSV (row, line, outcome, participant SID or error)
                           e.g. --out results.csv
  --rate N               creates per second per conversation (default 30)   e.g. --rate 10
  --concurrency N        requests in flight at most (default 64)   e.g. --concurrency 16
  --base-url URL         another server, e.g. the package's fake (or TWILIO_CONVERSATIONS_BASE_URL)
                           e.g. --base-url http://127.0.0.1:4010
  --help                 this text                        e.g. --help

Exit codes: 0 every row ended well; 1 some rows failed; 2 bad input or options; 130 interrupted.

Example:
  export TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=…
  twilio-conversations-participants add --service IS… --conversation CH… --file people.csv \\
    --dry-run
  twilio-conversations-participants add --service IS… --conversation CH… --file people.csv \\
    --journal people.journal --out results.csv
`;
