import { invalidParameter } from './api-error';

import { DAY_MS, MINUTE_MS } from './minute-sample';

/** The v1 `relativeTime` values (api-facts A.4, A.6) and the timeframe each one stands for. */
export const V1_RELATIVE_TIMES: Readonly<Record<string, number>> = {
  min: MINUTE_MS,
  '5mins': 5 * MINUTE_MS,
  '10mins': 10 * MINUTE_MS,
  '15mins': 15 * MINUTE_MS,
  '30mins': 30 * MINUTE_MS,
  hour: 60 * MINUTE_MS,
  '2hours': 120 * MINUTE_MS,
  '6hours': 360 * MINUTE_MS,
  day: DAY_MS,
  '3days': 3 * DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
};

/** The timeframe `[now − relativeTime, now]`; 400 naming `relativeTime` for an unknown value. */
export function v1RelativeTimeframe(relativeTime: string, now: number): { from: number; to: number } {
  const length = V1_RELATIVE_TIMES[relativeTime];
  if (length === undefined) {
    throw invalidParameter(
      'relativeTime',
      `must be one of ${Object.keys(V1_RELATIVE_TIMES).join(', ')}, found ${JSON.stringify(relativeTime)}`,
    );
  }
  return { from: now - length, to: now };
}
