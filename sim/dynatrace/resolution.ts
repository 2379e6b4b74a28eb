import { MINUTE_MS } from './minute-sample';

/** A query's time resolution: one slot for the whole window, or fixed-length slots. */
export type Resolution = { readonly kind: 'inf' } | { readonly kind: 'fixed'; readonly ms: number };

/** A time slot `[start, end)`. */
export interface Slot {
  readonly start: number;
  readonly end: number;
}

/** Dynatrace keeps at most this many points per series. */
export const MAX_POINTS_PER_SERIES = 10_080;

const DEFAULT_POINTS = 120;
const UNIT_MS: Readonly<Record<string, number>> = {
  m: MINUTE_MS,
  h: 60 * MINUTE_MS,
  d: 1_440 * MINUTE_MS,
  w: 10_080 * MINUTE_MS,
};
/** Resolutions chosen when the request asks for a number of points, finest first. */
const NICE_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1_440, 10_080];

/**
 * Parses `resolution`: `Inf`, a timespan `<n><m|h|d|w>` (at least 1 minute), or a number of points
 * (default 120), which picks the finest of 1m, 2m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d, 1w that
 * yields no more points. Throws a `RangeError` saying what was expected.
 */
export function parseResolution(text: string | undefined, from: number, to: number): Resolution {
  if (text === 'Inf') return { kind: 'inf' };
  const points = text === undefined ? DEFAULT_POINTS : /^\d+$/.test(text) ? Number(text) : undefined;
  if (points !== undefined) {
    if (points < 1) throw new RangeError(`a number of points must be at least 1, found ${points}`);
    const minutes =
      NICE_MINUTES.find(
        (candidate) => slotsFor({ kind: 'fixed', ms: candidate * MINUTE_MS }, from, to).length <= points,
      ) ??
      NICE_MINUTES[NICE_MINUTES.length - 1] ??
      1;
    return { kind: 'fixed', ms: minutes * MINUTE_MS };
  }
  const timespan = /^(\d+)([a-zA-Z])$/.exec(text ?? '');
  const unitMs = timespan?.[2] === undefined ? undefined : UNIT_MS[timespan[2]];
  if (!timespan || unitMs === undefined) {
    throw new RangeError(
      `expected Inf, a number of points or a timespan such as 1m, 5m, 1h, 1d, 1w (units m h d w); found ${JSON.stringify(text)}`,
    );
  }
  const ms = Number(timespan[1]) * unitMs;
  if (ms < MINUTE_MS) throw new RangeError(`the finest resolution is 1m, found ${JSON.stringify(text)}`);
  return { kind: 'fixed', ms };
}

/** `Inf`, or the slot length as Dynatrace writes it (`1m`, `2h`, `1d`, `1w`). */
export function formatResolution(resolution: Resolution): string {
  if (resolution.kind === 'inf') return 'Inf';
  const minutes = resolution.ms / MINUTE_MS;
  if (minutes % 10_080 === 0) return `${minutes / 10_080}w`;
  if (minutes % 1_440 === 0) return `${minutes / 1_440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/**
 * The slots of a window `[from, to)`: one slot equal to the window for `Inf`, else slots aligned to
 * multiples of the resolution (epoch-aligned, so in UTC), from the one containing `from` to the one
 * containing the last instant before `to`. The last slot may end after `to`.
 */
export function slotsFor(resolution: Resolution, from: number, to: number): Slot[] {
  if (resolution.kind === 'inf') return [{ start: from, end: to }];
  const slots: Slot[] = [];
  for (let start = Math.floor(from / resolution.ms) * resolution.ms; start < to; start += resolution.ms) {
    slots.push({ start, end: start + resolution.ms });
    if (slots.length > MAX_POINTS_PER_SERIES) break;
  }
  return slots;
}
