/**
 * Thrown when a request cannot be served with a valid monspec: an unknown service or comparison, a
 * window out of range, or a perfsignature entry the chosen API cannot express. `path` names the request
 * field (`service`, `comparison`, `windowMinutes`, …) or the monspec path of the entry at fault.
 */
export class MonspecRequestError extends Error {
  override readonly name = 'MonspecRequestError';
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}
