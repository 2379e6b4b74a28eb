/**
 * Thrown when a Metrics API response body does not have the shape the plan relies on. `path` points into
 * the responses, e.g. `responses[0].result[2].data`. The message never contains request details.
 */
export class MetricResponseError extends Error {
  override readonly name = 'MetricResponseError';
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}
