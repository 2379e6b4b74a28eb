import { type DisplayConversion } from './metric-catalog';

/** Converts a raw Dynatrace value into the unit users read and write limits in. */
export function toDisplayValue(raw: number, conversion: DisplayConversion, windowMinutes: number): number {
  switch (conversion) {
    case 'microseconds-to-milliseconds':
      return raw / 1000;
    case 'per-window-minute':
      return raw / windowMinutes;
    case 'none':
      return raw;
  }
}
