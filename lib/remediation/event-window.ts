/** The time range in which a deployment can have caused a problem. Epoch ms, both ends inclusive. */
export interface EventWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * How far past the problem's start a deployment event still counts. Events carry the time the pipeline
 * reported the deployment, which can trail the moment traffic reached the new version by a few seconds;
 * anything later — such as a rollback made because of this very problem — cannot be its cause.
 */
export const EVENT_TOLERANCE_MS = 60_000;

/** The window `[start − lookback, start + tolerance]` searched for the deployment that caused a problem. */
export function computeEventWindow(problemStart: number, lookbackMinutes: number): EventWindow {
  return { from: problemStart - lookbackMinutes * 60_000, to: problemStart + EVENT_TOLERANCE_MS };
}
