/**
 * Why a call to Azure DevOps failed:
 * - `authentication`: the credential was not accepted (401, a 203 sign-in page, or a sign-in redirect);
 * - `not-found`: 404 (a missing project, release, stage, build… or a route the host does not serve);
 * - `status`: any other error status (400 bad request, 403, 409, 5xx after retries…);
 * - `rate-limited`: 429 with a wait longer than the connection allows;
 * - `timeout` / `network`: no answer in time, or the connection failed (after retries where safe);
 * - `discovery`: the host does not offer the API (node-api's resource-area or location lookup failed);
 * - `invalid-response`: an answer that is not the JSON expected (its JSON path is in the message);
 * - `paging-limit`: a list had more pages than the caller allowed.
 */
export type AzureDevOpsErrorKind =
  | 'authentication'
  | 'not-found'
  | 'status'
  | 'rate-limited'
  | 'timeout'
  | 'network'
  | 'discovery'
  | 'invalid-response'
  | 'paging-limit';

/** The facts an {@link AzureDevOpsError} is built from. */
export interface AzureDevOpsErrorDetails {
  readonly kind: AzureDevOpsErrorKind;
  /** HTTP method of the failing request (`OPTIONS`/`GET` for node-api's discovery calls). */
  readonly method: string;
  /** URL path of the failing request: no scheme, host, query string or credentials. */
  readonly path: string;
  readonly status?: number;
  /** The error envelope's `typeKey`, e.g. `InvalidRequestException`. */
  readonly typeKey?: string;
  /** The error envelope's `message` (already free of secrets). */
  readonly serviceMessage?: string;
  /** How many attempts were made, retries included. */
  readonly attempts: number;
  /** Until when the service asked us to wait, for `rate-limited`. */
  readonly retryAt?: Date;
  /** What to check, appended to the sentence built from the other fields. */
  readonly hint?: string;
  /** The complete, secret-free sentence; replaces the one built from the other fields. */
  readonly message?: string;
  readonly cause?: Error;
}

/**
 * A failed Azure DevOps call. The message says what was called, what happened and what the service
 * said, e.g. `Azure DevOps PATCH /vsrm/fabrikam/Fabrikam Fiber/_apis/Release/releases/4/environments/8
 * failed with 400 (InvalidRequestException): Stage 'Production' of release 'Release-4' is already queued…`.
 * It never contains a token: messages are built from redacted parts, and `cause` is a sanitised copy of
 * the underlying error rather than the client library's error object.
 */
export class AzureDevOpsError extends Error {
  readonly kind: AzureDevOpsErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly typeKey: string | undefined;
  readonly serviceMessage: string | undefined;
  readonly attempts: number;
  readonly retryAt: Date | undefined;

  constructor(details: AzureDevOpsErrorDetails) {
    super(
      details.message ?? `${describe(details)}${details.hint === undefined ? '' : `; ${details.hint}`}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'AzureDevOpsError';
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.typeKey = details.typeKey;
    this.serviceMessage = details.serviceMessage;
    this.attempts = details.attempts;
    this.retryAt = details.retryAt;
  }
}

function describe(details: AzureDevOpsErrorDetails): string {
  const call = `Azure DevOps ${details.method} ${details.path}`;
  const said =
    details.serviceMessage === undefined || details.serviceMessage === ''
      ? ''
      : `: ${details.serviceMessage}`;
  const tries = details.attempts > 1 ? ` (${details.attempts} attempts)` : '';
  const typeKey = details.typeKey === undefined ? '' : ` (${details.typeKey})`;
  switch (details.kind) {
    case 'rate-limited':
      return `${call} was rate limited with 429${details.retryAt === undefined ? '' : ` until ${details.retryAt.toISOString()}`}${said}${tries}`;
    case 'timeout':
      return `${call} timed out${said}${tries}`;
    case 'network':
      return `${call} could not be sent${said}${tries}`;
    case 'authentication':
    case 'not-found':
    case 'status':
    case 'discovery':
    case 'invalid-response':
    case 'paging-limit':
      return `${call} failed${details.status === undefined ? '' : ` with ${details.status}`}${typeKey}${said}${tries}`;
  }
}
