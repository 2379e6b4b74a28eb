import { formatQuantity } from '../../../lib/monspec/format-number';

/** A metric value with its unit for people (`93.1 ms`, `1.15 %`), or `no data`. */
export function formatValue(value: number | null, unit: string): string {
  return value === null ? 'no data' : formatQuantity(value, unit);
}

/** `2026-03-02 08:01:05 UTC`. */
export function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `03-02 08:01`, for axis labels (UTC, as the page says). */
export function formatShortTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(5, 16).replace('T', ' ');
}

/** `08:00–08:05 UTC`, or with dates when the window spans midnight. */
export function formatWindow(fromIso: string, toIso: string): string {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (Number.isNaN(from) || Number.isNaN(to)) return `${fromIso} – ${toIso}`;
  const sameDay = fromIso.slice(0, 10) === toIso.slice(0, 10);
  return sameDay
    ? `${fromIso.slice(0, 10)} ${fromIso.slice(11, 16)}–${toIso.slice(11, 16)} UTC`
    : `${formatTime(from)} – ${formatTime(to)}`;
}
