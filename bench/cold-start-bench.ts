import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

import JSZip from 'jszip';

import { packageExtension } from '../scripts/packaging/package-extension';
import { packageFunctionApp } from '../scripts/packaging/package-function-app';
import { type BenchRow, type BenchTarget, type SuiteResult } from './bench-report';
import { summarizeSamples } from './summarize-samples';

/** How the cold-start suite runs. */
export interface ColdStartBenchOptions {
  readonly root: string;
  /** Where the packages are built and unpacked; emptied first. */
  readonly outDir: string;
  /** Fresh processes per bundle. */
  readonly runs: number;
}

const FUNCTION_APPS = ['gate-function', 'selfheal-function'] as const;
const TASK = 'tasks/push-deployment-event';
const MAX_VSIX_BYTES = 1024 * 1024;
const run = promisify(execFile);

/**
 * Packages the extension and both function apps exactly as `npm run package` does, reports their sizes, and
 * times loading each bundle in a fresh `node` process: a function app's zip unpacked into an empty folder and
 * loaded through its package.json `main` with the stand-in for the worker's `@azure/functions-core` (as
 * test/scripts/packaging does), and the task's bundle from the .vsix staging folder. Each process reports
 * the load time of the bundle itself; the process's wall time and that of an empty `node -e ""` are shown
 * beside it, so node's own start-up can be told apart.
 */
export async function runColdStartBench(options: ColdStartBenchOptions): Promise<SuiteResult> {
  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  const rows: BenchRow[] = [];
  const targets: BenchTarget[] = [];
  const recorder = path.join(options.root, 'test', 'scripts', 'packaging', 'record-registrations.cjs');
  const timer = path.join(__dirname, 'time-require.cjs');
  const env = { PATH: process.env.PATH ?? '' };

  const emptyNode = await timeProcesses(options.runs, () => run(process.execPath, ['-e', ''], { env }));
  rows.push({
    suite: 'cold-start',
    case: 'node -e "" (process start-up, for reference)',
    runs: options.runs,
    timing: summarizeSamples(emptyNode.wall),
    figures: {},
  });

  for (const app of FUNCTION_APPS) {
    const built = await packageFunctionApp(options.root, app, options.outDir);
    const folder = path.join(options.outDir, `unpacked-${app}`);
    await unzip(built.zipPath, folder);
    const loads = await timeProcesses(options.runs, () =>
      run(process.execPath, ['--require', recorder, timer, '.'], { cwd: folder, env }),
    );
    const registered = loads.outputs.map(countRegistrations);
    rows.push({
      suite: 'cold-start',
      case: `${app}: load dist/index.js from the zip`,
      runs: options.runs,
      timing: summarizeSamples(loads.importMs),
      figures: {
        'process wall median': `${Math.round(summarizeSamples(loads.wall).median)} ms`,
        functions: Math.min(...registered),
        zip: kilobytes(built.zipBytes),
        bundle: kilobytes(built.bundleBytes),
      },
    });
    targets.push({
      name: `${app} registers every function when loaded from its zip (${built.functions.length})`,
      measured: `${Math.min(...registered)}`,
      met: registered.every((count) => count === built.functions.length),
      hard: true,
    });
  }

  const extension = await packageExtension(options.root, options.outDir);
  const taskBundle = path.join(extension.stagingDir, TASK, 'dist', 'index.js');
  const agentTemp = path.join(options.outDir, 'agent-temp');
  await mkdir(agentTemp, { recursive: true });
  // Without inputs the task fails its run right after loading; only the load is timed.
  const taskLoads = await timeProcesses(options.runs, () =>
    run(process.execPath, [timer, taskBundle], {
      cwd: path.dirname(taskBundle),
      env: { ...env, AGENT_TEMPDIRECTORY: agentTemp },
    }),
  );
  rows.push(
    {
      suite: 'cold-start',
      case: 'push-deployment-event task: load dist/index.js from the .vsix',
      runs: options.runs,
      timing: summarizeSamples(taskLoads.importMs),
      figures: {
        'process wall median': `${Math.round(summarizeSamples(taskLoads.wall).median)} ms`,
        bundle: kilobytes((await readFile(taskBundle)).byteLength),
      },
    },
    {
      suite: 'cold-start',
      case: `.vsix (${path.basename(extension.vsixPath)})`,
      runs: 1,
      figures: { size: kilobytes(extension.vsixBytes) },
    },
  );
  targets.push({
    name: '.vsix < 1 MB',
    measured: kilobytes(extension.vsixBytes),
    met: extension.vsixBytes < MAX_VSIX_BYTES,
    hard: true,
  });
  return { rows, targets };
}

/** Runs `start` `runs` times one after the other, timing each process and reading the load time it printed. */
async function timeProcesses(
  runs: number,
  start: () => Promise<{ stdout: string }>,
): Promise<{ wall: number[]; importMs: number[]; outputs: string[] }> {
  const wall: number[] = [];
  const importMs: number[] = [];
  const outputs: string[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    const { stdout } = await start();
    wall.push(performance.now() - started);
    outputs.push(stdout);
    const reported = /@@import-ms@@([\d.]+)/.exec(stdout)?.[1];
    if (reported !== undefined) importMs.push(Number(reported));
  }
  return { wall, importMs, outputs };
}

function countRegistrations(stdout: string): number {
  const json = stdout.split('@@registrations@@')[1]?.trim().split('\n')[0];
  return json === undefined ? 0 : (JSON.parse(json) as unknown[]).length;
}

async function unzip(zipPath: string, folder: string): Promise<void> {
  const zip = await JSZip.loadAsync(await readFile(zipPath));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const target = path.join(folder, entry.name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await entry.async('nodebuffer'));
  }
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
