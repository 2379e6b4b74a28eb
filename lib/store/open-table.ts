import { RestError, TableClient } from '@azure/data-tables';

import { createRedactor } from '../http/create-redactor';
import { describeTableEndpoint } from './describe-table-endpoint';
import { StoreUnavailableError } from './store-unavailable-error';

/** How to reach a table. */
export interface TableOptions {
  /** An Azure Storage connection string (the function app's `AzureWebJobsStorage`). */
  readonly connectionString: string;
  /** 3–63 letters and digits, starting with a letter; created on first use. */
  readonly tableName: string;
  /** Limit of one store operation, the SDK's own retries included; default 10 000 ms. */
  readonly timeoutMs?: number;
  /** The SDK's retries of transient failures; default 2 retries, 200 ms growing to at most 2 s. */
  readonly retry?: {
    readonly maxRetries: number;
    readonly retryDelayMs: number;
    readonly maxRetryDelayMs: number;
  };
}

/** A table client with the store's conventions: bounded calls, secret-free errors, created on first use. */
export interface OpenTable {
  readonly client: TableClient;
  readonly tableName: string;
  /** An abort signal for one operation: its time limit, and the caller's signal when there is one. */
  signal(callerSignal?: AbortSignal): AbortSignal;
  /** The error to throw when `operation` failed with `error`, free of secrets. */
  failure(operation: string, error: unknown, callerSignal?: AbortSignal): StoreUnavailableError;
  /** Creates the table unless it exists; remembered once it succeeded. */
  ensureTable(callerSignal?: AbortSignal): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Opens a table client for the store.
 *
 * @throws RangeError when the connection string, table name or an option is unusable (never echoing secrets).
 */
export function openTable(options: TableOptions): OpenTable {
  const endpoint = describeTableEndpoint(options.connectionString);
  const { tableName } = options;
  if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(tableName)) {
    throw new RangeError(
      `table name "${tableName}" is not valid: expected 3–63 letters and digits starting with a letter`,
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`timeoutMs: expected a positive number of milliseconds, found ${timeoutMs}`);
  }
  const retry = options.retry ?? { maxRetries: 2, retryDelayMs: 200, maxRetryDelayMs: 2_000 };
  const redactor = createRedactor([...endpoint.secrets, options.connectionString]);
  const client = TableClient.fromConnectionString(options.connectionString, tableName, {
    allowInsecureConnection: endpoint.allowInsecureConnection,
    retryOptions: {
      maxRetries: retry.maxRetries,
      retryDelayInMs: retry.retryDelayMs,
      maxRetryDelayInMs: retry.maxRetryDelayMs,
    },
  });

  const signal = (callerSignal?: AbortSignal): AbortSignal =>
    callerSignal === undefined
      ? AbortSignal.timeout(timeoutMs)
      : AbortSignal.any([AbortSignal.timeout(timeoutMs), callerSignal]);

  const failure = (operation: string, error: unknown, callerSignal?: AbortSignal): StoreUnavailableError => {
    const status = tableStatusOf(error);
    let reason: string;
    if (callerSignal?.aborted === true) reason = 'the caller cancelled the operation';
    else if (isAbort(error)) reason = `no answer within ${timeoutMs} ms`;
    else {
      reason = redactor.redact(
        error instanceof Error ? error.message.split('\n')[0] || error.name : String(error),
      );
    }
    return new StoreUnavailableError(
      operation,
      tableName,
      status,
      reason,
      error instanceof Error ? { cause: new Error(reason) } : undefined,
    );
  };

  let ready: Promise<void> | undefined;
  const ensureTable = (callerSignal?: AbortSignal): Promise<void> => {
    ready ??= client.createTable({ abortSignal: signal(callerSignal) }).catch((error: unknown) => {
      ready = undefined;
      if (tableStatusOf(error) === 409) return;
      throw failure('create the table', error, callerSignal);
    });
    return ready;
  };

  return { client, tableName, signal, failure, ensureTable };
}

/** The HTTP status of a failed Table Storage call, when the service answered. */
export function tableStatusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
