/**
 * A notification body that cannot be used: not JSON, not an object, or without the problem id or state.
 * The message says what was expected, what was found and where (a line and column, or the field).
 */
export class ProblemNotificationError extends Error {
  override readonly name = 'ProblemNotificationError';

  constructor(
    message: string,
    /** The field the problem is in, e.g. `PID` or `ImpactedEntities`, when it is about one field. */
    readonly path?: string,
  ) {
    super(message);
  }
}
