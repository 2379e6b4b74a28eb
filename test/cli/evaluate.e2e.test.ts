import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type DynatraceSimulator, sampleAppScenario, startDynatraceSimulator } from '../../sim/dynatrace';

const repository = path.join(__dirname, '../..');
const seedMonspec = path.join(repository, 'test/fixtures/monspec/seed-002-sample-app.jsonc');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI as a user would, through its bin launcher, with only DT_URL/DT_API_TOKEN configured. */
function runUnbreakable(args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repository, 'bin/unbreakable.cjs'), ...args], {
      cwd: repository,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('unbreakable evaluate (end to end over HTTP)', () => {
  let sim: DynatraceSimulator;
  const evaluate = ['evaluate', '--monspec', seedMonspec, '--service', 'SampleJSonService'];

  async function start(stagingBuild: number): Promise<Record<string, string>> {
    const now = Date.now();
    sim = await startDynatraceSimulator({
      scenario: sampleAppScenario({
        now,
        deployments:
          stagingBuild === 1 ? [] : [{ environment: 'Staging', build: stagingBuild, at: now - 30 * 60_000 }],
      }),
      tokens: { 'dt0c01.ALLSCOPES': ['metrics.read'], 'dt0c01.NOMETRICS': ['events.read'] },
    });
    return { DT_URL: sim.url, DT_API_TOKEN: 'dt0c01.ALLSCOPES' };
  }

  afterEach(async () => {
    await sim.close();
  });

  it('exits 1 and names the failure rate with build 2 in staging and build 1 in production', async () => {
    const env = await start(2);
    const run = await runUnbreakable([...evaluate, '--comparison', 'StagingToProduction'], env);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^## FAIL: SampleJSonService \/ StagingToProduction$/m);
    assert.match(run.stdout, /^fail: 1 of 4 metrics violated — Failure rate \(avg\) in Staging/m);
    assert.match(run.stdout, /^\| FAIL \| Failure rate \| avg \| 50 % \|/m);
  });

  it('exits 0 with build 1 in both environments', async () => {
    const env = await start(1);
    const run = await runUnbreakable([...evaluate, '--comparison', 'StagingToProduction'], env);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^## PASS: SampleJSonService \/ StagingToProduction$/m);
    assert.doesNotMatch(run.stdout, /^\| FAIL/m);
  });

  it('prints the result as JSON with --json', async () => {
    const env = await start(2);
    const run = await runUnbreakable([...evaluate, '--comparison', 'StagingToProduction', '--json'], env);
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as { status: string; totalViolations: number };
    assert.equal(result.status, 'fail');
    assert.ok(result.totalViolations >= 1);
  });

  it('exits 2 with the JSON path of the error for a malformed monspec', async () => {
    const env = await start(1);
    const directory = await mkdtemp(path.join(tmpdir(), 'unbreakable-cli-'));
    const broken = path.join(directory, 'monspec.json');
    await writeFile(
      broken,
      JSON.stringify({
        SampleJSonService: {
          environments: { Staging: { tags: [{ key: 'DeploymentGroup', value: 'Staging' }] } },
          comparisons: [{ name: 'StagingToProd', source: 'Staging', compare: 'Prod' }],
          perfsignature: [{ timeseries: 'service.responsetime' }],
        },
      }),
    );
    const run = await runUnbreakable(
      ['evaluate', '--monspec', broken, '--service', 'SampleJSonService', '--comparison', 'StagingToProd'],
      env,
    );
    assert.equal(run.code, 2);
    assert.match(run.stderr, /SampleJSonService\.comparisons\[0\]\.compare: /);
    assert.equal(sim.requests.length, 0, 'nothing is queried for an invalid monspec');
  });

  it("exits 3 with Dynatrace's message, and never prints the token, when Dynatrace refuses", async () => {
    await start(1);
    const run = await runUnbreakable([...evaluate, '--comparison', 'StagingToProduction'], {
      DT_URL: sim.url,
      DT_API_TOKEN: 'dt0c01.NOMETRICS',
    });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /403/);
    assert.match(run.stderr, /metrics\.read/);
    assert.doesNotMatch(run.stdout + run.stderr, /NOMETRICS/);
  });
});
