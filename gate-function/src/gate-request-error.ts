/** One located problem of a request, e.g. one validation error of its monspec. */
export interface RequestIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The request cannot be evaluated as sent. `status` is the HTTP status to answer with (400, or 413/415
 * for size and media type); `path` names the request field (`service`, `window`) or the JSON path into
 * the monspec (`monspec.SampleJSonService.comparisons[1].source`); `issues` lists every problem when
 * there are several (a monspec with three mistakes).
 */
export class GateRequestError extends Error {
  override readonly name = 'GateRequestError';
  readonly status: 400 | 413 | 415;
  readonly path: string | undefined;
  readonly issues: readonly RequestIssue[];

  constructor(
    message: string,
    options: {
      path?: string;
      status?: 400 | 413 | 415;
      issues?: readonly RequestIssue[];
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status ?? 400;
    this.path = options.path;
    this.issues = options.issues ?? [];
  }
}
