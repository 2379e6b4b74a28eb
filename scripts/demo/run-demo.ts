import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { createRedactor } from '../../lib/http';

import { type BuildCatalog, SAMPLE_APP_BUILDS } from '../../sim/dynatrace';
import { checkDemo } from './check-demo';
import { DemoClock } from './demo-clock';
import { DEMO_MONSPEC, type MonspecDocument, PRODUCTION_GATE, STAGING_GATE } from './demo-monspec';
import { DEMO_STORIES } from './demo-stories';
import {
  type DemoCheck,
  type DemoSummary,
  type NotificationOutcome,
  type RedeployRequest,
  type StoryOutcome,
} from './demo-summary';
import { Narrator, formatDemoTime } from './narrator';
import { playStory } from './play-story';
import { type DemoState, readDemoState } from './read-demo-state';
import { renderDemoSummary } from './render-demo-summary';
import { type DemoEnvironment, startDemoEnvironment } from './start-demo-environment';

/** Options of {@link runDemo}; the monspec and the build catalogue are seams for tests that break the demo. */
export interface DemoOptions {
  /** Where the narration goes, line by line. Default `console.log`. */
  readonly log?: (line: string) => void;
  /** Where `summary.md`, `summary.json`, `narration.log` and `functions-host.log` go. Default `out/demo`. */
  readonly outDir?: string;
  /** The monspec the gates evaluate and the push task targets. Default: the sample app's (`DEMO_MONSPEC`). */
  readonly monspec?: MonspecDocument;
  /** How each build behaves per environment. Default: seed 002's (`SAMPLE_APP_BUILDS`). */
  readonly builds?: BuildCatalog;
  /** The bound of every wait for something asynchronous (webhook calls). Default 30 s. */
  readonly waitLimitMs?: number;
}

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

const INTRODUCTION = `Four releases of SampleNodeJsService go through a classic release pipeline:
  Staging → gate ${STAGING_GATE} → Production → gate ${PRODUCTION_GATE}
with the real product: the push deployment event task (bundled, run as an agent process), the gate and
self-healing function apps (served over HTTP with a function key), and Azurite for the self-healing state;
Dynatrace and Azure DevOps are simulators. Nothing below is canned: every verdict is computed.`;

const TIME_LAPSE = `A gate judges 5 minutes of traffic and Dynatrace needs 3 minutes to be sure of a problem. To fit in
under a minute, the Dynatrace and Azure DevOps simulators run on a demo clock that started 3 hours ago.
A deployed build serves traffic from that moment of the demo clock on; where a real pipeline would wait
(the load test after a deployment, the detection window), the clock jumps ahead instead, and the
traffic of those minutes is computed from the deployed build, as if the load test had run. Each gate is
asked about the 5 minutes that end one minute before the demo clock's now (the gate's own default
ingest delay). Times below are demo times (UTC).`;

/**
 * `npm run demo`: the Unbreakable Pipeline end to end, on the simulators. Plays a classic release pipeline
 * (Staging → gate → Production → gate) for the four builds of seed 002 with the product's real pieces (see
 * `startDemoEnvironment`), narrates every step, judges the run against the stories (`checkDemo`) and writes
 * the summary as Markdown and JSON. Never throws for something the demo found; `DemoSummary.ok` says whether
 * everything went as the stories say, and `error` why the demo stopped early.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const startedAt = Date.now();
  const clock = new DemoClock();
  const demoStart = clock.now();
  const narrator = new Narrator(options.log ?? ((line) => console.log(line)), () => clock.now());
  const hostLog: string[] = [];
  const stories: StoryOutcome[] = [];
  const notifications: NotificationOutcome[] = [];
  let environment: DemoEnvironment | undefined;
  let state: DemoState = { problems: [], productionStageIds: new Map(), finalProductionBuild: undefined };
  const redeployRequests: RedeployRequest[] = [];
  const reasons = new Map<string, readonly string[]>();
  let error: string | undefined;

  try {
    narrator.heading('Unbreakable Pipeline for Azure DevOps: the demo');
    narrator.say(INTRODUCTION);
    narrator.heading('Setting up');
    environment = await startDemoEnvironment({
      clock,
      narrator,
      monspec: options.monspec ?? DEMO_MONSPEC,
      builds: options.builds ?? SAMPLE_APP_BUILDS,
      waitLimitMs: options.waitLimitMs ?? 30_000,
      hostLog: (line) => hostLog.push(line),
    });
    const { pipeline } = environment;
    narrator.say('  Dynatrace: "Send test notification"');
    notifications.push(...(await pipeline.sendTestNotification()));
    narrator.heading('Time-lapse (said once, honestly)');
    narrator.say(TIME_LAPSE);

    for (const [index, story] of DEMO_STORIES.entries()) {
      const play = await playStory({ pipeline, clock, narrator }, story, index + 1);
      stories.push(play.outcome);
      for (const watch of play.watches) {
        notifications.push(...watch.notifications);
        redeployRequests.push(...watch.redeployRequests);
        for (const [problemId, lines] of watch.reasons) reasons.set(problemId, lines);
      }
    }
    state = readDemoState(environment.dynatrace, environment.ado, reasons);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
    narrator.say();
    narrator.say(`The demo stopped: ${error}`);
  } finally {
    await environment?.close().catch((caught: unknown) => {
      hostLog.push(caught instanceof Error ? caught.message : String(caught));
    });
  }

  const secrets = [...(environment?.secrets ?? new Map<string, string>())].filter(
    ([, value]) => value !== '',
  );
  const { redact } = createRedactor(secrets.map(([, secret]) => secret));
  const observed = {
    startedAt: new Date(startedAt).toISOString(),
    demoTime: { from: formatDemoTime(demoStart), to: formatDemoTime(clock.now()) },
    stories,
    problems: state.problems,
    notifications,
    redeployRequests,
    ...(error === undefined ? {} : { error: redact(error) }),
  };
  const shown = [...narrator.lines, ...hostLog, JSON.stringify(observed)].join('\n');
  const checks: DemoCheck[] = checkDemo({
    stories: stories.flatMap((outcome) => {
      const story = DEMO_STORIES.find((candidate) => candidate.releaseId === outcome.releaseId);
      return story === undefined ? [] : [{ story, outcome }];
    }),
    problems: state.problems,
    notifications,
    redeployRequests,
    productionStageIds: state.productionStageIds,
    finalProductionBuild: state.finalProductionBuild,
    leakedSecrets: secrets.filter(([, value]) => shown.includes(value)).map(([name]) => name),
  });
  if (stories.length < DEMO_STORIES.length) {
    checks.push({
      description: 'All four stories are told',
      expected: `${DEMO_STORIES.length} stories`,
      actual: `${stories.length} stories`,
      ok: false,
    });
  }
  const summary: DemoSummary = {
    ok: error === undefined && checks.every((check) => check.ok),
    ...observed,
    durationMs: Date.now() - startedAt,
    checks,
  };

  narrator.heading(`Checks: ${summary.ok ? 'all held' : 'FAILED'}`);
  for (const check of checks) {
    narrator.say(
      check.ok
        ? `  ✓ ${check.description}`
        : `  ✗ ${check.description}\n      expected: ${check.expected}\n      actual:   ${check.actual}`,
    );
  }
  const outDir = path.resolve(options.outDir ?? path.join(REPOSITORY_ROOT, 'out', 'demo'));
  narrator.say();
  narrator.say(
    `${summary.ok ? 'The demo went as the stories say' : 'The demo did NOT go as the stories say'} ` +
      `(${(summary.durationMs / 1000).toFixed(1)} s). Summary: ${path.join(path.relative(process.cwd(), outDir) || '.', 'summary.md')} and summary.json`,
  );
  await mkdir(outDir, { recursive: true });
  await Promise.all([
    writeFile(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`),
    writeFile(path.join(outDir, 'summary.md'), renderDemoSummary(summary)),
    writeFile(path.join(outDir, 'narration.log'), `${redact(narrator.lines.join('\n'))}\n`),
    writeFile(path.join(outDir, 'functions-host.log'), `${redact(hostLog.join('\n'))}\n`),
  ]);
  return summary;
}
