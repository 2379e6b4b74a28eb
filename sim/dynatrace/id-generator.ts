import { hashToUint32 } from './deterministic-hash';

/**
 * Dynatrace-looking identifiers from a seed and a counter, so a simulator run is reproducible (the same
 * sequence of calls yields the same ids) without `Math.random`.
 */
export class IdGenerator {
  private counter = 0;

  constructor(private readonly seed: string) {}

  /** A signed 64-bit decimal such as `-6478017825120311599` (problem and comment ids). */
  nextLong(): string {
    const [high, low] = this.nextWords();
    return BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low)).toString();
  }

  /**
   * A signed integer of 15–16 digits that survives a JSON round trip exactly (v1 returns event ids as
   * JSON numbers, which JavaScript clients can only hold up to 2^53).
   */
  nextSafeLong(): number {
    const [high, low] = this.nextWords();
    const magnitude = ((high & 0x1fffff) % 0x1c6bf5) * 0x1_0000_0000 + low + 1e15;
    return high & 0x80000000 ? -magnitude : magnitude;
  }

  /** `length` lowercase hex digits, e.g. a 16-digit correlation id. */
  nextHex(length = 16): string {
    let hex = '';
    while (hex.length < length) {
      const [high, low] = this.nextWords();
      hex += high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
    }
    return hex.slice(0, length);
  }

  private nextWords(): [number, number] {
    this.counter += 1;
    return [
      hashToUint32(`${this.seed}|${this.counter}|high`),
      hashToUint32(`${this.seed}|${this.counter}|low`),
    ];
  }
}
