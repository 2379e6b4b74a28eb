import { type WindowEnd } from './gate-request';
import { GateRequestError } from './gate-request-error';

/**
 * The end of the evaluated window, epoch ms. By default it lies `ingestDelayMs` before the request, because
 * Dynatrace needs a minute or so to make the last data points queryable; a window ending at "now" would
 * compare a complete compare window with an incomplete source window.
 *
 * @throws GateRequestError (path `end`) for an end in the future, which can only produce missing data.
 */
export function resolveWindowEnd(end: WindowEnd, nowMs: number, ingestDelayMs: number): number {
  switch (end.kind) {
    case 'default':
      return nowMs - ingestDelayMs;
    case 'now':
      return nowMs;
    case 'at':
      if (end.epochMs > nowMs) {
        throw new GateRequestError(
          `the window cannot end in the future: ${new Date(end.epochMs).toISOString()} is after the request time ` +
            `${new Date(nowMs).toISOString()}; leave end out to evaluate the latest complete window`,
          { path: 'end' },
        );
      }
      return end.epochMs;
  }
}
