import { performance } from 'node:perf_hooks';

/** The wall times of `runs` sequential calls of `run`, after `warmUp` calls that are not counted. */
export async function timeRuns<T>(
  options: { readonly runs: number; readonly warmUp?: number },
  run: (index: number) => Promise<T>,
): Promise<{ readonly samples: number[]; readonly results: T[] }> {
  for (let index = 0; index < (options.warmUp ?? 1); index += 1) await run(-1 - index);
  const samples: number[] = [];
  const results: T[] = [];
  for (let index = 0; index < options.runs; index += 1) {
    const started = performance.now();
    results.push(await run(index));
    samples.push(performance.now() - started);
  }
  return { samples, results };
}
