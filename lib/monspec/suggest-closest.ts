/**
 * Picks the candidate a mistyped word most likely meant, for "did you mean" hints: `comapre` → `compare`,
 * `perfsignatures` → `perfsignature`, `Etype` → `etype`. Returns `undefined` when nothing is close enough
 * to be a helpful guess rather than noise.
 */
export function suggestClosest(input: string, candidates: readonly string[]): string | undefined {
  const wanted = input.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= allowedDistance(wanted, candidate) && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  if (best !== undefined) return best.candidate;
  // A truncated or extended key ("scalefactor", "shiftcompare") is far by edit distance but obvious to a human.
  return candidates.find((candidate) => {
    const lower = candidate.toLowerCase();
    const shorter = Math.min(lower.length, wanted.length);
    return shorter >= 5 && (lower.startsWith(wanted) || wanted.startsWith(lower));
  });
}

function allowedDistance(input: string, candidate: string): number {
  const length = Math.max(input.length, candidate.length);
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, each costing one edit. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table = new Array<number>(rows * columns).fill(0);
  const at = (i: number, j: number): number => table[i * columns + j] ?? 0;
  for (let i = 0; i < rows; i += 1) table[i * columns] = i;
  for (let j = 0; j < columns; j += 1) table[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < columns; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      table[i * columns + j] = distance;
    }
  }
  return at(a.length, b.length);
}
