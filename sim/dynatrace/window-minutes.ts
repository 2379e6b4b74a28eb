import { MINUTE_MS } from './minute-sample';
import { type MinuteContribution } from './metric-statistics';
import { type SimulatorState } from './simulator-state';

/**
 * The minute samples of `entityId` that belong to the window `[from, to)`: minutes whose start lies in the
 * window and that are complete at `now` (a minute still in progress has no data yet), oldest first.
 */
export function minutesInWindow(
  state: SimulatorState,
  entityId: string,
  window: { from: number; to: number },
  now: number,
): MinuteContribution[] {
  const firstWithData = state.firstSampleMinute(entityId);
  if (firstWithData === undefined) return [];
  const first = Math.max(Math.ceil(window.from / MINUTE_MS) * MINUTE_MS, firstWithData);
  const minutes: MinuteContribution[] = [];
  for (
    let minuteStart = first;
    minuteStart < window.to && minuteStart + MINUTE_MS <= now;
    minuteStart += MINUTE_MS
  ) {
    const sample = state.sampleAt(entityId, minuteStart);
    if (sample) minutes.push({ minuteStart, sample });
  }
  return minutes;
}
