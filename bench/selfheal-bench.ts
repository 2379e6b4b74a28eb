import { performance } from 'node:perf_hooks';

import { type AzureDevOpsSimulator, startAzureDevOpsSimulator } from '../sim/azure-devops';
import { type DynatraceSimulator, startDynatraceSimulator } from '../sim/dynatrace';
import { type LocalHost, startLocalHost } from '../scripts/local-host/start-local-host';
import { type AzuriteTables, startAzurite } from '../test/support/azurite';
import { type BenchTarget, type SuiteResult } from './bench-report';
import { fleetAzureDevOpsScenario, fleetDynatraceScenario, fleetServices } from './fleet-scenario';
import { seededRandom, shuffled } from './seeded-random';
import { summarizeSamples } from './summarize-samples';

/** How the self-healing suite runs. */
export interface SelfHealBenchOptions {
  readonly problems: number;
  /** Notifications per problem (the first plus duplicates), fired all at once in a shuffled order. */
  readonly copiesPerProblem: number;
  readonly seed: number;
}

const MINUTE = 60_000;
const FUNCTION_KEY = 'bench-function-key-4Qm8vT2xLp';
const SHARED_SECRET = 'bench-shared-secret-9d41c7e2b6a8';
const PAT = 'benchpat52charsxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
/** The redeploy: `PATCH …/_apis/Release/releases/{id}/environments/{envId}`. */
const REDEPLOY = /\/_apis\/Release\/releases\/(\d+)\/environments\/\d+$/i;
/** Dynatrace's webhook timeout is not documented; the duplicate wait (SELFHEAL_DUPLICATE_WAIT_SECONDS) is 10 s. */
const ACK_P99_LIMIT_MS = 10_000;

/**
 * Exactly-once under load: `problems` open problems, each on its own service whose last release has a good
 * predecessor, and `copiesPerProblem` notifications per problem (Dynatrace retries, merged notifications,
 * several alerting profiles) fired concurrently and shuffled at the self-healing function served by the local
 * functions host, with claims in Azurite. Measures how long each notification takes to be answered and
 * counts the rollbacks (PATCH requests in the Azure DevOps simulator's log): exactly one per problem.
 */
export async function runSelfHealBench(options: SelfHealBenchOptions): Promise<SuiteResult> {
  const now = Date.now();
  const services = fleetServices(options.problems);
  let azurite: AzuriteTables | undefined;
  let ado: AzureDevOpsSimulator | undefined;
  let dynatrace: DynatraceSimulator | undefined;
  let host: LocalHost | undefined;
  try {
    azurite = await startAzurite();
    ado = await startAzureDevOpsSimulator({ scenario: fleetAzureDevOpsScenario(services, now), pats: [PAT] });
    dynatrace = await startDynatraceSimulator({
      scenario: fleetDynatraceScenario(services, ado, now - 30 * MINUTE),
    });
    const problems = services.map((service) => ({
      service,
      problem: (dynatrace as DynatraceSimulator).state.openProblem({
        title: `Response time degradation on ${service.name}`,
        entityIds: [service.entityId],
        startTime: now - 10 * MINUTE,
      }),
    }));
    const hostLog: string[] = [];
    host = await startLocalHost({
      port: 0,
      apps: ['selfheal-function'],
      key: FUNCTION_KEY,
      dynatraceUrl: dynatrace.url,
      dynatraceToken: dynatrace.token,
      settings: {
        AzureWebJobsStorage: azurite.connectionString,
        SELFHEAL_TABLE_NAME: 'unbreakablebench',
        SELFHEAL_SHARED_SECRET: SHARED_SECRET,
        AZURE_DEVOPS_ORGANIZATIONS: ado.collectionUrl,
        AZURE_DEVOPS_PAT: PAT,
      },
      log: (line) => hostLog.push(line),
    });

    // The original Unbreakable template, once per copy, in a reproducible random order.
    const notifications = shuffled(
      problems.flatMap(({ service, problem }) =>
        Array.from({ length: options.copiesPerProblem }, () =>
          JSON.stringify({
            State: 'OPEN',
            ProblemID: problem.displayId,
            ProblemTitle: problem.title,
            PID: problem.problemId,
            ImpactedEntities: [{ type: 'SERVICE', name: service.name, entity: service.entityId }],
          }),
        ),
      ),
      seededRandom(options.seed),
    );
    const url = `${host.url}/api/selfheal`;
    const started = performance.now();
    const answers = await Promise.all(
      notifications.map(async (body) => {
        const sent = performance.now();
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-functions-key': FUNCTION_KEY,
            'x-unbreakable-secret': SHARED_SECRET,
          },
          body,
        });
        const answer = (await response.json().catch(() => ({}))) as { status?: unknown };
        return { ms: performance.now() - sent, http: response.status, status: String(answer.status) };
      }),
    );
    const allAnsweredMs = performance.now() - started;

    const acks = summarizeSamples(answers.map((answer) => answer.ms));
    const medianOf = (status: string): string => {
      const samples = answers.filter((answer) => answer.status === status).map((answer) => answer.ms);
      return samples.length === 0 ? 'none' : `${Math.round(summarizeSamples(samples).median)} ms`;
    };
    const kinds = new Map<string, number>();
    for (const answer of answers) {
      const kind = `${answer.http} ${answer.status}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const redeployed = ado.requests
      .filter((request) => request.method === 'PATCH')
      .map((request) => Number(REDEPLOY.exec(request.path)?.[1] ?? Number.NaN));
    const expectedTargets = services.map((service) => service.goodReleaseId).sort((a, b) => a - b);
    const commentsPerProblem = problems.map(
      ({ problem }) => dynatrace?.state.commentsOf(problem.problemId).length ?? 0,
    );
    const remediated = kinds.get('200 remediated') ?? 0;

    const targets: BenchTarget[] = [
      {
        name: `${options.problems} rollbacks for ${options.problems} problems (PATCH requests in the Azure DevOps log)`,
        measured: `${redeployed.length}`,
        met: redeployed.length === options.problems,
        hard: true,
      },
      {
        name: "each rollback redeploys that service's previous good release",
        measured: sameNumbers(
          [...redeployed].sort((a, b) => a - b),
          expectedTargets,
        )
          ? 'yes'
          : `releases ${redeployed.join(', ')}`,
        met: sameNumbers(
          [...redeployed].sort((a, b) => a - b),
          expectedTargets,
        ),
        hard: true,
      },
      {
        name: `every notification is answered 200, ${options.problems} of them "remediated"`,
        measured: [...kinds].map(([kind, count]) => `${count}× ${kind}`).join(', '),
        met: answers.every((answer) => answer.http === 200) && remediated === options.problems,
        hard: true,
      },
      {
        name: 'one problem comment per problem',
        measured: `${Math.min(...commentsPerProblem)}–${Math.max(...commentsPerProblem)}`,
        met: commentsPerProblem.every((count) => count === 1),
        hard: true,
      },
      {
        name: `acknowledgement p99 ≤ ${ACK_P99_LIMIT_MS / 1000} s`,
        measured: `${Math.round(acks.p99)} ms`,
        met: acks.p99 <= ACK_P99_LIMIT_MS,
        hard: false,
      },
    ];
    return {
      rows: [
        {
          suite: 'selfheal',
          case: `${notifications.length} notifications for ${options.problems} problems: acknowledgement`,
          runs: notifications.length,
          timing: acks,
          figures: {
            'remediated (median)': medianOf('remediated'),
            'already handled (median)': medianOf('already-handled'),
            'all answered after': `${Math.round(allAnsweredMs)} ms`,
            rollbacks: redeployed.length,
            'Dynatrace requests': dynatrace.requests.length,
            'Azure DevOps requests': ado.requests.length,
          },
        },
      ],
      targets,
    };
  } finally {
    await host?.close();
    await dynatrace?.close();
    await ado?.close();
    await azurite?.close();
  }
}

function sameNumbers(left: readonly number[], right: readonly number[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}
