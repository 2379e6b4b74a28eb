import { DAY_MS, MINUTE_MS } from './minute-sample';

const UNIT_MS: Readonly<Record<string, number>> = {
  m: MINUTE_MS,
  h: 60 * MINUTE_MS,
  d: DAY_MS,
  w: 7 * DAY_MS,
};

const RELATIVE = /^now(?:-(\d+)([mhdwMy]))?(?:\/([mhdwMy]))?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Resolves a Dynatrace timeframe parameter to epoch ms: epoch milliseconds (`1589455320000`), ISO 8601
 * (`2021-01-25T05:57:01.123+01:00`; no zone means UTC, a space may replace `T`, seconds are optional) or a
 * relative time `now[-<n><unit>][/<unit>]` with units `m h d w M y` (`now-2h`, `now-1d/d`: the `/unit`
 * suffix rounds down to the start of that unit, in UTC, weeks starting on Monday).
 * Throws a `RangeError` that says what was expected.
 */
export function parseTimeParameter(text: string, now: number): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const relative = RELATIVE.exec(trimmed);
  if (relative) {
    const [, amount, unit, alignment] = relative;
    let value = amount !== undefined && unit !== undefined ? subtract(now, Number(amount), unit) : now;
    if (alignment !== undefined) value = alignDown(value, alignment);
    return value;
  }
  const iso = ISO.exec(trimmed);
  if (iso) return parseIso(iso, text);
  throw new RangeError(
    `expected epoch milliseconds, an ISO 8601 timestamp (2021-01-25T05:57:01.123+01:00) or a relative time such as now-2h or now-1d/d; found ${JSON.stringify(text)}`,
  );
}

function subtract(epochMs: number, amount: number, unit: string): number {
  const fixed = UNIT_MS[unit];
  if (fixed !== undefined) return epochMs - amount * fixed;
  const date = new Date(epochMs);
  if (unit === 'M') date.setUTCMonth(date.getUTCMonth() - amount);
  else date.setUTCFullYear(date.getUTCFullYear() - amount);
  return date.getTime();
}

function alignDown(epochMs: number, unit: string): number {
  const date = new Date(epochMs);
  switch (unit) {
    case 'm':
      return Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
    case 'h':
      return Math.floor(epochMs / (60 * MINUTE_MS)) * 60 * MINUTE_MS;
    case 'd':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    case 'w': {
      const mondayOffset = (date.getUTCDay() + 6) % 7;
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - mondayOffset);
    }
    case 'M':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    default:
      return Date.UTC(date.getUTCFullYear(), 0, 1);
  }
}

function parseIso(match: RegExpExecArray, text: string): number {
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(fraction.slice(0, 3).padEnd(3, '0')),
  };
  const local = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.millisecond,
  );
  const check = new Date(local);
  if (
    fields.month < 1 ||
    fields.month > 12 ||
    check.getUTCDate() !== fields.day ||
    fields.hour > 23 ||
    fields.minute > 59 ||
    fields.second > 59
  ) {
    throw new RangeError(`expected a valid calendar date and time; found ${JSON.stringify(text)}`);
  }
  return local - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return (zone.startsWith('-') ? -1 : 1) * minutes * MINUTE_MS;
}
