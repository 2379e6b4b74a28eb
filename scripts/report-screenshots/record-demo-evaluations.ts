import { request as httpRequest } from 'node:http';

import { type DynatraceSimulator } from '../../sim/dynatrace';

/** One release of the demo: which sample-app builds run when the gate evaluates it. */
export interface DemoRelease {
  readonly id: number;
  /** The build in Staging (the source of StagingToProduction). */
  readonly staging: number;
  /** The build in Production (the baseline); unchanged when absent. */
  readonly production?: number;
}

/**
 * Six releases of seed 002's sample app (see `sim/dynatrace/README.md` for the builds): good builds pass,
 * build 2 fails half of all requests in Staging, and build 4 makes Production, the baseline, slower and
 * less reliable, which raises every relative threshold.
 */
export const DEMO_RELEASES: readonly DemoRelease[] = [
  { id: 101, staging: 1, production: 1 },
  { id: 102, staging: 3 },
  { id: 103, staging: 2 },
  { id: 104, staging: 3 },
  { id: 105, staging: 3, production: 4 },
  { id: 106, staging: 2, production: 3 },
];

/** Seed 002's StagingToProduction comparison of SampleJSonService, as the gate receives it. */
export const DEMO_MONSPEC = {
  SampleJSonService: {
    etype: 'SERVICE',
    environments: {
      Staging: { tags: [{ context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Staging' }] },
      Production: { tags: [{ context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Production' }] },
    },
    comparisons: [
      {
        name: 'StagingToProduction',
        source: 'Staging',
        compare: 'Production',
        scalefactorperc: { default: 15, 'com.dynatrace.builtin:service.requestspermin': 90 },
      },
    ],
    perfsignature: [
      { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'avg', validate: 'upper' },
      { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'max' },
      { timeseries: 'com.dynatrace.builtin:service.failurerate', aggregate: 'avg' },
      { timeseries: 'com.dynatrace.builtin:service.requestspermin', aggregate: 'count', validate: 'lower' },
    ],
  },
} as const;

/** What the gate answered for one release. */
export interface DemoAnswer {
  readonly release: number;
  readonly status: string;
  readonly evaluationId: string;
  /** Absent when the evaluation was not recorded. */
  readonly reportUrl?: string;
}

/** Where to send the evaluations. */
export interface DemoEvaluationOptions {
  /** The local host, e.g. `http://127.0.0.1:7071`. */
  readonly hostUrl: string;
  /** The function key the host enforces, if any; sent in `x-functions-key`. */
  readonly key?: string;
  /** The simulator behind the host: its builds are switched between evaluations. */
  readonly simulator: DynatraceSimulator;
  /** Default {@link DEMO_RELEASES}. */
  readonly releases?: readonly DemoRelease[];
  /** Default: the Azure DevOps context of a classic release `Release-<id>` of project SampleApp. */
  readonly contextOf?: (release: DemoRelease) => Readonly<Record<string, unknown>>;
}

/** Before each evaluation, the builds switch this long before now, so that the gate's window sees only them. */
const SWITCH_BEFORE_NOW_MS = 30 * 60_000;

/**
 * Runs the gate once per release through the local host, as a release gate would, switching the simulator's
 * builds before each evaluation (`state.deploy`), so the recorded history shows the metrics change across
 * builds, with violations. Throws when the gate answers anything but a verdict.
 */
export async function recordDemoEvaluations(options: DemoEvaluationOptions): Promise<DemoAnswer[]> {
  const answers: DemoAnswer[] = [];
  for (const release of options.releases ?? DEMO_RELEASES) {
    const switchAt = Date.now() - SWITCH_BEFORE_NOW_MS;
    options.simulator.state.deploy('Staging', release.staging, switchAt);
    if (release.production !== undefined)
      options.simulator.state.deploy('Production', release.production, switchAt);
    const context = options.contextOf?.(release) ?? {
      collectionUri: 'https://dev.azure.com/contoso/',
      project: 'SampleApp',
      releaseId: release.id,
      releaseName: `Release-${release.id}`,
      stage: 'Production',
    };
    const reply = await postJson(`${options.hostUrl}/api/gate`, options.key, {
      monspec: DEMO_MONSPEC,
      service: 'SampleJSonService',
      comparison: 'StagingToProduction',
      context,
    });
    const body = reply.body as { status?: unknown; evaluationId?: unknown; reportUrl?: unknown } | undefined;
    if (reply.status !== 200 || typeof body?.status !== 'string' || typeof body.evaluationId !== 'string') {
      throw new Error(
        `POST /api/gate for Release-${release.id}: expected a verdict, got HTTP ${reply.status}: ${reply.text.slice(0, 500)}`,
      );
    }
    answers.push({
      release: release.id,
      status: body.status,
      evaluationId: body.evaluationId,
      ...(typeof body.reportUrl === 'string' ? { reportUrl: body.reportUrl } : {}),
    });
  }
  return answers;
}

/** A reply of the local host. */
export interface JsonReply {
  readonly status: number;
  readonly text: string;
  readonly body: unknown;
}

/** POSTs JSON over a fresh connection (no keep-alive socket outlives the call). */
export function postJson(url: string, key: string | undefined, payload: unknown): Promise<JsonReply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          ...(key === undefined ? {} : { 'x-functions-key': key }),
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({ status: incoming.statusCode ?? 0, text, body });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(payload));
  });
}
