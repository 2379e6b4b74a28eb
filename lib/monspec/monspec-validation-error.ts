/** One problem found in a monspec, located by a JSON path such as `SampleJSonService.comparisons[1].source`. */
export interface MonspecIssue {
  /** JSON path of the offending value; `""` is the document itself. */
  readonly path: string;
  readonly message: string;
}

/** Formats an issue as `path: message`, or just the message for the document itself. */
export function formatMonspecIssue(issue: MonspecIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/**
 * Thrown when a monspec cannot be used. It carries every error found, not just the first, so a user can
 * fix the file in one round; the message names the first and counts the rest.
 */
export class MonspecValidationError extends Error {
  override readonly name = 'MonspecValidationError';
  readonly issues: readonly MonspecIssue[];
  /** Warnings found alongside the errors; a "did you mean" among them often explains an error. */
  readonly warnings: readonly MonspecIssue[];

  constructor(
    issues: readonly MonspecIssue[],
    options: { readonly cause?: unknown; readonly warnings?: readonly MonspecIssue[] } = {},
  ) {
    super(describeIssues(issues), options.cause === undefined ? undefined : { cause: options.cause });
    this.issues = issues;
    this.warnings = options.warnings ?? [];
  }
}

function describeIssues(issues: readonly MonspecIssue[]): string {
  const [first] = issues;
  if (first === undefined) return 'monspec is invalid';
  const more = issues.length - 1;
  const suffix = more === 0 ? '' : ` (and ${more} more ${more === 1 ? 'issue' : 'issues'})`;
  return `monspec is invalid: ${formatMonspecIssue(first)}${suffix}`;
}
