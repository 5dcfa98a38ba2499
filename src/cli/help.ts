// `--help`: every option of both commands (`add`, `fake-server`) with an example.
export const HELP = `Usage: twilio-conversations-participants add --service IS… --file people.csv [options]
       twilio-conversations-participants fake-server [--port N] [--json]

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
  --file PATH            the rows (required; - reads stdin)   e.g. --file people.csv
  --format csv|jsonl     default: from the extension (.jsonl/.ndjson = jsonl)
                           e.g. --format jsonl
  --dry-run              check every row against the spec, send nothing; with credentials,
                         also read each conversation and print the plan (to add, already
                         there, limits); --json prints it as one object   e.g. --dry-run
  --skip-invalid         add the valid rows even if some are invalid (default: refuse to start)
                           e.g. --skip-invalid
  --journal FILE         record each row as started, then its outcome, durably; run again with
                         the same journal to resume after Ctrl-C or a crash: finished rows are
                         skipped, rows that were in flight are looked up before any is sent
                           e.g. --journal people.journal
  --json                 a JSON line per input row, then a summary line, on stdout
                           e.g. --json > results.jsonl
  --out FILE             a CSV line per input row (row, line, conversation, identity, address,
                         outcome, participant SID, error code and message, earlier run)
                           e.g. --out results.csv
  --rate N               creates per second per conversation (default 30)   e.g. --rate 10
  --concurrency N        requests in flight at most (default 64)   e.g. --concurrency 16
  --base-url URL         another server, e.g. the package's fake (or TWILIO_CONVERSATIONS_BASE_URL)
                           e.g. --base-url http://127.0.0.1:4010
  --version              the version                      e.g. --version
  --help                 this text                        e.g. --help

fake-server: a fake of Twilio's participants API, in memory on 127.0.0.1, to try \`add\` (or your own
code) without a Twilio account. It prints its base URL, credentials and a service and conversation
SID as export lines (TWILIO_CONVERSATIONS_BASE_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
CONVERSATIONS_SERVICE_SID, CONVERSATION_SID), then serves until Ctrl-C or SIGTERM.
  --port N               its port (default: a free one)   e.g. --port 4010
  --json                 print those values as one JSON object instead   e.g. --json

Exit codes: 0 every row ended well; 1 some rows failed, were invalid and skipped, or were not
started; 2 bad input, options or journal (nothing was sent); 130 interrupted (Ctrl-C, or stdout
closed). The summary's last line says why the code is not 0.

Example:
  export TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=…
  twilio-conversations-participants add --service IS… --conversation CH… --file people.csv \\
    --dry-run
  twilio-conversations-participants add --service IS… --conversation CH… --file people.csv \\
    --journal people.journal --out results.csv

Without Twilio:
  twilio-conversations-participants fake-server --port 4010
  # in another shell: paste its export lines, then
  twilio-conversations-participants add --service "$CONVERSATIONS_SERVICE_SID" \\
    --conversation "$CONVERSATION_SID" --file people.csv
`;
