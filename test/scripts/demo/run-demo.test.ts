import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type DemoSummary } from '../../../scripts/demo/demo-summary';
import { DEMO_MONSPEC, DEMO_SERVICE } from '../../../scripts/demo/demo-monspec';
import { runDemo } from '../../../scripts/demo/run-demo';
import { type BuildCatalog, SAMPLE_APP_BUILDS } from '../../../sim/dynatrace';

/** The whole demo takes a few seconds; the bound is generous for slow CI machines. */
const DEMO_LIMIT_MS = 60_000;

/** Runs the demo into a scratch folder and keeps what it said. */
async function demo(options: Parameters<typeof runDemo>[0] = {}): Promise<{
  summary: DemoSummary;
  lines: string[];
  outDir: string;
}> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'unbreakable-demo-test-'));
  const lines: string[] = [];
  const summary = await runDemo({ ...options, log: (line) => lines.push(line), outDir });
  return { summary, lines, outDir };
}

function failedChecks(summary: DemoSummary): string[] {
  return summary.checks.filter((check) => !check.ok).map((check) => check.description);
}

describe('runDemo (npm run demo)', function () {
  this.timeout(DEMO_LIMIT_MS);

  describe('with the sample app and its monspec', () => {
    let run: Awaited<ReturnType<typeof demo>>;

    before(async () => {
      run = await demo();
    });
    after(async () => {
      await rm(run.outDir, { recursive: true, force: true });
    });

    it('goes exactly as the four stories say', () => {
      assert.equal(run.summary.error, undefined);
      assert.deepEqual(failedChecks(run.summary), []);
      assert.equal(run.summary.ok, true);
      assert.equal(run.summary.checks.length, 21);
    });

    it('passes builds 1 and 3 through both gates, and stops build 2 at the staging gate on its failure rate', () => {
      const verdicts = run.summary.stories.map((story) => [
        story.releaseName,
        story.gates.map((gate) => `${gate.verdict.comparison} ${gate.verdict.status}`),
      ]);
      assert.deepEqual(verdicts, [
        ['Release-1', ['StagingToProduction pass', 'ProductionToProductionLastHour pass']],
        ['Release-2', ['StagingToProduction fail']],
        ['Release-3', ['StagingToProduction pass', 'ProductionToProductionLastHour pass']],
        ['Release-4', ['StagingToProduction pass']],
      ]);
      const earlyBreak = run.summary.stories[1];
      assert.deepEqual(
        earlyBreak?.gates[0]?.verdict.results
          .filter((result) => result.status === 'violation')
          .map((result) => result.metric),
        ['Failure rate'],
      );
      assert.deepEqual(
        earlyBreak?.deployments.map((deployment) => deployment.stage),
        ['Staging'],
        'Release-2 never reaches Production',
      );
    });

    it('pushes a deployment event from the bundled task for every deployment', () => {
      const deployments = run.summary.stories.flatMap((story) => story.deployments);
      assert.deepEqual(
        deployments.map((deployment) => [
          deployment.releaseName,
          deployment.stage,
          deployment.trigger,
          deployment.taskResult,
          deployment.events,
        ]),
        [
          ['Release-1', 'Staging', 'pipeline', 'Succeeded', 1],
          ['Release-1', 'Production', 'pipeline', 'Succeeded', 2],
          ['Release-2', 'Staging', 'pipeline', 'Succeeded', 1],
          ['Release-3', 'Staging', 'pipeline', 'Succeeded', 1],
          ['Release-3', 'Production', 'pipeline', 'Succeeded', 2],
          ['Release-4', 'Staging', 'pipeline', 'Succeeded', 1],
          ['Release-4', 'Production', 'pipeline', 'Succeeded', 2],
          ['Release-3', 'Production', 'redeploy', 'Succeeded', 2],
        ],
      );
    });

    it("rolls Release-4 back exactly once: one redeploy of Release-3's Production stage, marked with the problem", () => {
      const problem = run.summary.problems.find((candidate) =>
        candidate.impactedEntities.every((name) => name.startsWith('Production/')),
      );
      assert.ok(problem);
      assert.equal(run.summary.redeployRequests.length, 1);
      const [request] = run.summary.redeployRequests;
      assert.equal(request?.releaseId, 3);
      assert.equal(request?.status, 'inProgress');
      assert.equal(request?.httpStatus, 200);
      assert.deepEqual(request?.variables, { 'UnbreakablePipeline.RollbackOfProblem': problem.displayId });
      const redeploy = run.summary.stories[3]?.deployments.find(
        (deployment) => deployment.trigger === 'redeploy',
      );
      assert.equal(redeploy?.releaseName, 'Release-3');
      assert.equal(redeploy?.attempt, 2);
      assert.equal(redeploy?.build, '3');
      assert.equal(redeploy?.rollbackOfProblem, problem.displayId);
    });

    it('comments once on the problem, naming both releases, and closes it when the metrics recover', () => {
      const production = run.summary.problems.filter((problem) =>
        problem.impactedEntities[0]?.startsWith('Production/'),
      );
      assert.equal(production.length, 1);
      const [problem] = production;
      assert.equal(problem?.title, 'Failure rate increase');
      assert.equal(problem?.status, 'CLOSED');
      assert.equal(problem?.comments.length, 1);
      assert.match(problem?.comments[0] ?? '', /redeployed Release-3 in place of Release-4/);
      assert.deepEqual(
        run.summary.notifications.map((notification) => [
          notification.test,
          notification.state,
          notification.httpStatus,
          notification.answer,
        ]),
        [
          [true, 'OPEN', 200, 'ignored'],
          [false, 'OPEN', 200, 'remediated'],
          [false, 'RESOLVED', 200, 'ignored'],
        ],
      );
    });

    it("also opens and closes a problem on Staging for build 2, which the webhook's alerting profile keeps from self-healing", () => {
      const staging = run.summary.problems.filter((problem) =>
        problem.impactedEntities[0]?.startsWith('Staging/'),
      );
      assert.deepEqual(
        staging.map((problem) => [problem.title, problem.status, problem.comments.length]),
        [['Failure rate increase', 'CLOSED', 0]],
      );
    });

    it('narrates the time-lapse once, the gate tables, the rollback request and the problem comment', () => {
      const text = run.lines.join('\n');
      assert.equal(run.lines.filter((line) => line.startsWith('Time-lapse')).length, 1);
      assert.match(text, /│ \| FAIL \| Failure rate \| avg \| 50 % \|/);
      assert.match(text, /│ ## PASS: SampleJSonService \/ ProductionToProductionLastHour/);
      assert.match(
        text,
        /Azure DevOps received PATCH …\/releases\/3\/environments\/\d+ → 200: status inProgress/,
      );
      assert.match(text, /│ \[Unbreakable Pipeline self-healing\] Remediated: Rolled back stage Production/);
      assert.match(text, /Checks: all held/);
    });

    it('never shows a token, key or secret', () => {
      const text = [...run.lines, JSON.stringify(run.summary)].join('\n');
      assert.doesNotMatch(text, /dt0c01\.[A-Z0-9]{24}\./, 'a Dynatrace API token');
      assert.ok(run.summary.checks.some((check) => check.description.startsWith('No secret') && check.ok));
    });

    it('writes the summary as Markdown and JSON, with the narration and the functions host log', async () => {
      const json = JSON.parse(await readFile(path.join(run.outDir, 'summary.json'), 'utf8')) as DemoSummary;
      assert.deepEqual(json, JSON.parse(JSON.stringify(run.summary)));
      const markdown = await readFile(path.join(run.outDir, 'summary.md'), 'utf8');
      assert.match(markdown, /^# Unbreakable Pipeline demo: PASSED\n/);
      assert.match(markdown, /\| 2 \| Release-2 \| 2 \| FAIL \| not deployed \|/);
      const narration = await readFile(path.join(run.outDir, 'narration.log'), 'utf8');
      assert.equal(narration.trimEnd(), run.lines.join('\n').trimEnd());
      const hostLog = await readFile(path.join(run.outDir, 'functions-host.log'), 'utf8');
      assert.match(hostLog, /POST \/api\/selfheal/);
    });
  });

  describe('is not canned', () => {
    const cleanup: string[] = [];
    after(async () => {
      await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
    });

    it('fails when the gate judges the failure rate the wrong way round', async () => {
      const definition = DEMO_MONSPEC[DEMO_SERVICE] as { perfsignature: Record<string, unknown>[] };
      const flipped = {
        [DEMO_SERVICE]: {
          ...definition,
          perfsignature: definition.perfsignature.map((entry) =>
            entry.timeseries === 'com.dynatrace.builtin:service.failurerate'
              ? { ...entry, validate: 'lower' }
              : entry,
          ),
        },
      };
      const { summary, outDir } = await demo({ monspec: flipped });
      cleanup.push(outDir);
      assert.equal(summary.ok, false);
      const failed = failedChecks(summary);
      assert.ok(
        failed.includes('Story 1 (Release-1, build 1): the StagingToProduction gate passes'),
        failed.join('\n'),
      );
      assert.ok(
        failed.includes('Story 2 (Release-2, build 2): the StagingToProduction gate fails'),
        failed.join('\n'),
      );
    });

    it('fails when build 4 behaves in Production: no problem, no rollback', async () => {
      const production = SAMPLE_APP_BUILDS.Production;
      assert.ok(production?.['3']);
      const healthy: BuildCatalog = {
        ...SAMPLE_APP_BUILDS,
        Production: { ...production, '4': production['3'] },
      };
      const { summary, outDir } = await demo({ builds: healthy });
      cleanup.push(outDir);
      assert.equal(summary.ok, false);
      const failed = failedChecks(summary);
      assert.ok(failed.length >= 5, failed.join('\n'));
      assert.ok(
        failed.every((description) => description.startsWith('Story 4 (Release-4, build 4)')),
        failed.join('\n'),
      );
      assert.ok(failed.some((description) => description.includes('exactly one rollback')));
      assert.deepEqual(summary.redeployRequests, []);
    });

    it('stops with the error when a piece of the product refuses, and says so in the summary', async () => {
      const { summary, lines, outDir } = await demo({ monspec: { Unrelated: {} } });
      cleanup.push(outDir);
      assert.equal(summary.ok, false);
      assert.match(summary.error ?? '', /POST \/api\/gate \(StagingToProduction\) answered 400/);
      assert.ok(lines.some((line) => line.startsWith('The demo stopped: POST /api/gate')));
      assert.ok(failedChecks(summary).includes('All four stories are told'));
      const markdown = await readFile(path.join(outDir, 'summary.md'), 'utf8');
      assert.match(markdown, /the demo stopped on an error: POST \/api\/gate/);
    });
  });
});
