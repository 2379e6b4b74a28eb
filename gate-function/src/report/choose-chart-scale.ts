/** A value axis with round tick values. */
export interface ChartScale {
  readonly min: number;
  readonly max: number;
  /** From `min` to `max`, evenly spaced. */
  readonly ticks: readonly number[];
}

/**
 * A value axis that covers `[low, high]` with about `targetTicks` round ticks (steps of 1, 2, 2.5 or 5 times a
 * power of ten). Non-negative data starts at zero, so that a 10 % change does not look like a tenfold one.
 */
export function chooseChartScale(low: number, high: number, targetTicks = 5): ChartScale {
  const magnitude = Math.max(Math.abs(low), Math.abs(high));
  let from = low >= 0 ? 0 : low;
  let to = high;
  if (to - from <= Math.max(magnitude * 1e-9, Number.EPSILON)) {
    // A flat series (within floating-point noise) still needs an axis: give it room around its value.
    const spread = magnitude > 1e-6 ? magnitude / 2 : 1;
    if (low < 0) from -= spread;
    to += spread;
  }
  const step = roundStep((to - from) / Math.max(1, targetTicks - 1));
  const min = Math.floor(from / step) * step;
  const max = Math.ceil(to / step) * step;
  // Rounding each tick to the step's precision keeps binary noise (0.30000000000000004) off the axis.
  const decimals = Math.min(20, Math.max(0, 1 - Math.floor(Math.log10(step))));
  const round = (value: number): number => Number(value.toFixed(decimals));
  const ticks: number[] = [];
  for (let index = 0; min + index * step <= max + step / 2; index += 1) {
    ticks.push(round(min + index * step));
  }
  // Rounding may pull an end tick inside data that lies within rounding distance of it: widen by a step.
  if ((ticks[0] ?? min) > from) ticks.unshift(round((ticks[0] ?? min) - step));
  if ((ticks[ticks.length - 1] ?? max) < to) ticks.push(round((ticks[ticks.length - 1] ?? max) + step));
  return { min: ticks[0] ?? min, max: ticks[ticks.length - 1] ?? max, ticks };
}

function roundStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}
