/**
 * Where the HTTP client reports what it does. Only two levels: `warn` for retries and waits a
 * pipeline user should see, `debug` for one line per attempt. Every line has already been run
 * through the client's redactor.
 */
export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

/** A logger that drops everything; the default when the caller passes none. */
export const silentLogger: Logger = {
  debug: () => undefined,
  warn: () => undefined,
};
