/**
 * A uniform number in [0, 1) derived only from `parts`, so simulated traffic is reproducible without
 * `Math.random`: the same entity and minute always get the same jitter.
 */
export function hashToUnitInterval(...parts: readonly (string | number)[]): number {
  return hashToUint32(parts.join('|')) / 0x1_0000_0000;
}

/** FNV-1a over UTF-16 code units, finished with the murmur3 mixer so that similar inputs spread out. */
export function hashToUint32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
