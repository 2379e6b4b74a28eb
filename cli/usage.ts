export const USAGE = `Usage:
  unbreakable monspec validate <file>
      Validate a monspec file (JSON, or JSONC with comments and trailing commas).

  unbreakable evaluate --monspec <file> --service <name> --comparison <name> [options]
      Evaluate a monspec comparison against Dynatrace and print the verdict.
      --window <minutes>                 window length (default 5)
      --end <time>                       window end: epoch ms, ISO 8601 or "now" (default: now minus --ingest-delay)
      --ingest-delay <seconds>           how far behind "now" Dynatrace data is complete (default 60)
      --on-missing-source fail|warn|pass override the comparison's policy for missing source data
      --on-missing-compare fail|warn|pass override the comparison's policy for missing compare data
      --api v2|v1                        Metrics API v2 (default) or the legacy Timeseries API v1
      --fail-on-warning                  exit 1 on a warning verdict too
      --json                             print the result as JSON instead of a Markdown table

Environment:
  DT_URL        Dynatrace environment URL (https://<id>.live.dynatrace.com or https://<host>/e/<id>)
  DT_API_TOKEN  API token with the metrics.read scope (DataExport for --api v1)

Exit codes: 0 pass, 1 fail, 2 usage or validation error, 3 Dynatrace error.
`;
