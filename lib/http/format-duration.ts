/**
 * Formats a duration for log lines and error messages: `150 ms`, `1.2 s`, `30 s`, `12.5 min`.
 *
 * Sub-second values keep millisecond precision because short timeouts are configured in milliseconds;
 * longer ones are rounded to what a human reading a pipeline log cares about.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return `${String(ms)} ms`;
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = ms / 1000;
  if (seconds < 10) {
    return `${trimZeroDecimal(seconds.toFixed(1))} s`;
  }
  if (seconds < 600) {
    return `${Math.round(seconds)} s`;
  }
  return `${trimZeroDecimal((seconds / 60).toFixed(1))} min`;
}

function trimZeroDecimal(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}
