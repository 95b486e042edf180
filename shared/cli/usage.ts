export const USAGE = `Usage: transit-guard <command> [options]

Commands:
  evaluate <file|dir>...   judge AWS Config snapshots/items and aws describe-* output (offline, read-only)
      --policy <file>        policy file (default: ./transit-guard.policy.yml if present, else built-in defaults)
      --format <format>      table (default), json, sarif, csv, ocsf or asff (docs/report-formats.md)
      --now <ISO date>       evaluate as of this time (e.g. 2026-11-22 or 2026-11-22T00:00:00Z)
      --no-color             no ANSI colors (also: NO_COLOR=1, or output that is not a terminal)
      --slack-preview        print the Slack Block Kit messages it would send (paste one into Block Kit Builder)
      --html <file>          also write the HTML report (see report)
      --history <dir>        with --html: earlier JSON reports (--format json) whose KPIs the report draws as trends
      --max-file-size <MiB>  larger input files are listed under errors, not read (default 256); only regular
                             files are read (no FIFOs, devices or sockets)
  replay <event.json>... --inventory <file|dir>
                           run recorded events through the event-driven use case, the resources' current state
                           taken from files (dry run: nothing is read from or written to AWS). Events: EventBridge
                           events, Config rule invocations, bare CloudTrail records and {"Records": [...]} log files
      --inventory <path>     describe-* output or Config items, as evaluate reads them (repeatable)
      --own-role-arn <arn>   the remediation role: events it caused are ignored (loop guard)
      --policy, --format, --now, --no-color, --max-file-size   as for evaluate (the limit applies to event files too)
  scan [--region <region>]...
                           sweep the account live with the default AWS credential chain (read-only, dry run);
                           progress on stderr, the report as evaluate prints it
      --region <region>      region to sweep (repeatable or comma-separated; default: AWS_REGION, AWS_DEFAULT_REGION)
      --policy, --format, --now, --no-color   as for evaluate
  report <file|dir>... --output <file> [--history <dir>]
                           write a self-contained HTML report (KPI charts, filterable findings; opens offline),
                           exit code as for evaluate; --policy, --now, --max-file-size as for evaluate
  scp                      print a preventive Service Control Policy derived from the policy file (minified JSON)
      --policy <file>        policy file; --pretty to indent; --principal-tag / --resource-tag: the exception tags
  rules [--format table|json]   the rule catalog: id, severity, resource type, modes, title
  policy check <file>      validate a policy file (schema, rule ids and modes, remediation targets)
  help                     this text

Options:
  -h, --help               this text
  -v, --version            the transit-guard version

Exit codes: 0 something was judged and nothing is non-compliant, 1 at least one NON_COMPLIANT evaluation,
2 usage or input error, or nothing to evaluate (no resource judged: an empty input, only other resource types,
only ignored events).
`;
