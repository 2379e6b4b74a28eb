// `npm run bench`: measures the product against DESIGN §8 and issue 9's targets, prints a table and writes
// out/bench/results.json. Exits 1 when an invariant (a count or a size, never a timing) is broken or a suite
// cannot run. Never part of `npm test`.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { type BenchReport, type BenchRow, type BenchTarget, type SuiteResult } from './bench-report';
import { runColdStartBench } from './cold-start-bench';
import { runGateBench } from './gate-bench';
import { runPushTaskBench } from './push-task-bench';
import { renderBenchReport } from './render-bench-report';
import { runSelfHealBench } from './selfheal-bench';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'bench');
const LATENCY_MS = 100;

const SUITES: Readonly<Record<string, { readonly title: string; readonly run: () => Promise<SuiteResult> }>> =
  {
    gate: {
      title: `gate evaluation (Dynatrace simulator, ${LATENCY_MS} ms injected on every metrics route)`,
      run: () =>
        runGateBench({ runs: 20, baselineRuns: 3, latencyMs: LATENCY_MS, metricCounts: [4, 10, 40] }),
    },
    selfheal: {
      title:
        'self-healing (local host, Azurite, both simulators): 200 notifications for 20 problems, all at once',
      run: () => runSelfHealBench({ problems: 20, copiesPerProblem: 10, seed: 20260115 }),
    },
    'cold-start': {
      title: 'cold start (fresh node process per run) and package sizes',
      run: () => runColdStartBench({ root: ROOT, outDir: path.join(OUT, 'package'), runs: 7 }),
    },
    'push-task': {
      title:
        'push deployment event task (the bundle, run as the agent runs it, against the Dynatrace simulator)',
      run: () => runPushTaskBench({ root: ROOT, outDir: path.join(OUT, 'task'), runs: 5 }),
    },
  };

const USAGE = `Usage: npm run bench [-- --only ${Object.keys(SUITES).join(',')}]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const selected =
    values.only === undefined ? Object.keys(SUITES) : values.only.split(',').map((name) => name.trim());
  const unknown = selected.filter((name) => SUITES[name] === undefined);
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}; ${USAGE}`);

  const startedAt = new Date();
  const started = performance.now();
  const rows: BenchRow[] = [];
  const targets: BenchTarget[] = [];
  const failures: { suite: string; error: string }[] = [];
  for (const name of selected) {
    const suite = SUITES[name];
    if (suite === undefined) continue;
    console.error(`bench: ${name}…`);
    try {
      const result = await suite.run();
      rows.push(...result.rows);
      targets.push(...result.targets);
    } catch (error) {
      failures.push({ suite: name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    rows,
    targets,
    failures,
  };
  await mkdir(OUT, { recursive: true });
  const file = path.join(OUT, 'results.json');
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    renderBenchReport(
      report,
      Object.fromEntries(Object.entries(SUITES).map(([name, suite]) => [name, suite.title])),
    ),
  );
  console.log(`\nresults: ${path.relative(ROOT, file)}`);
  if (failures.length > 0 || targets.some((target) => target.hard && !target.met)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
