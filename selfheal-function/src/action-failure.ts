import { AzureDevOpsError } from '../../lib/azure-devops';
import { HttpError } from '../../lib/http';

/**
 * A remediation step failed. `retryable` says whether a later notification may simply try again: true
 * when nothing was changed (a read failed, or the change was refused outright), false when a change may
 * have happened (the request that changes something timed out, lost its connection or hit a server
 * error) — repeating it could roll back twice.
 */
export class ActionFailure extends Error {
  override readonly name = 'ActionFailure';

  constructor(
    /** What was being done, e.g. `searching for the previous good release`. */
    readonly during: string,
    readonly retryable: boolean,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Wraps an error of a remediation step. `changing` marks the one request that changes something (the
 * redeploy, the stage re-run, the remediation call); failures of any other request are always retryable.
 */
export function actionFailure(error: unknown, during: string, changing: boolean): ActionFailure {
  const message = error instanceof Error ? error.message : String(error);
  return new ActionFailure(during, !changing || certainlyNotApplied(error), message, {
    cause: error instanceof Error ? error : undefined,
  });
}

/** Whether a failed change request certainly had no effect. */
function certainlyNotApplied(error: unknown): boolean {
  if (error instanceof AzureDevOpsError) {
    switch (error.kind) {
      case 'authentication':
      case 'not-found':
      case 'rate-limited':
      case 'discovery':
        return true;
      case 'status':
        return error.status !== undefined && error.status < 500 && error.status !== 408;
      case 'timeout':
      case 'network':
      case 'invalid-response':
      case 'paging-limit':
        return false;
    }
  }
  if (error instanceof HttpError) {
    switch (error.kind) {
      case 'rate-limited':
        return true;
      case 'status':
        return error.status !== undefined && error.status < 500 && error.status !== 408;
      case 'timeout':
      case 'network':
      case 'deadline':
      case 'aborted':
      case 'invalid-response':
        return false;
    }
  }
  return false;
}
