/** The CLI's exit codes; scripts and pipelines branch on them. */
export const ExitCode = {
  /** The gate passed (or warned, unless --fail-on-warning). */
  pass: 0,
  /** The gate failed. */
  fail: 1,
  /** Bad arguments, an unreadable file or an invalid monspec/request. */
  usage: 2,
  /** Dynatrace could not be reached or refused the request. */
  dynatrace: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
