/**
 * Azure Table Storage could not be used: unreachable, refusing the credentials, timing out, or answering
 * with an unexpected error. The self-healing function answers 503 and does nothing, because acting
 * without a claim could remediate a problem twice.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';

  constructor(
    /** What the store tried, e.g. `claim problem P-123`. */
    readonly operation: string,
    readonly tableName: string,
    /** The HTTP status the service answered, when it answered. */
    readonly status: number | undefined,
    /** What went wrong, already free of secrets. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(
      `Azure Table Storage could not ${operation} in table "${tableName}": ${reason}` +
        `${status === undefined ? '' : ` (HTTP ${status})`}`,
      options,
    );
  }
}
