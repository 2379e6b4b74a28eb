import { HttpRequest, InvocationContext } from '@azure/functions';
import {
  buildDeploymentEventProperties,
  type AzureDevOpsDeployment,
  type DeploymentEventDescription,
} from '../../lib/deployment-event/deployment-event-properties';
import {
  classicReleaseDefaults,
  startAzureDevOpsSimulator,
  yamlPipelineDefaults,
  type AzureDevOpsScenario,
  type AzureDevOpsSimulator,
} from '../../sim/azure-devops';
import {
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
  type DynatraceSimulator,
  type Problem,
} from '../../sim/dynatrace';
import {
  createSelfHealHandler,
  type SelfHealHandler,
} from '../../selfheal-function/src/create-selfheal-handler';
import {
  createSelfHealDependencies,
  type SelfHealDependencies,
} from '../../selfheal-function/src/selfheal-dependencies';
import { readSelfHealSettings } from '../../selfheal-function/src/selfheal-settings';
import { SHARED_SECRET_HEADER } from '../../selfheal-function/src/verify-shared-secret';
import { type AzuriteTables } from '../support/azurite';

/** The fixed "now" of both simulators. */
export const NOW = Date.parse('2026-01-15T12:00:00Z');
export const SHARED_SECRET = 'webhook-secret-7f3a9c2e5b1d4086';
export const FUNCTION_KEY = 'function-key-Zq8xW2pL5mN7vR4t';
export const AZURE_DEVOPS_PAT = 'adopat4kq7zj2mvx5n8wr3ty6ub9ce2fh5gk8lp3sd6va9xb2nm5q';
export const EAST = SAMPLE_APP_ENTITY_IDS.productionEast.service;
export const WEST = SAMPLE_APP_ENTITY_IDS.productionWest.service;
const FUNCTION_URL = 'https://unbreakable-selfheal.azurewebsites.net/api/selfheal';

/** The parsed answer of the handler. */
export interface Answer {
  readonly status: number;
  /** The JSON body; loosely typed so tests can assert on nested fields. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary answer fields
  readonly body: any;
}

/** Both simulators, Azurite, and the handler wired to them through the real settings reader. */
export interface SelfHealFixture {
  readonly dt: DynatraceSimulator;
  readonly ado: AzureDevOpsSimulator;
  readonly deps: SelfHealDependencies;
  readonly handler: SelfHealHandler;
  /** Every log line: the invocations' and the clients' retry warnings. */
  readonly logs: string[];
  /** Every answer body, as JSON text. */
  readonly answers: string[];
  /** Every secret the function was configured with. */
  readonly secrets: readonly string[];
  /**
   * Sends a notification like Dynatrace's webhook; `secret: null` leaves the header out, `deps` replaces
   * the handler's dependencies (to inject a failing store, say).
   */
  notify(
    payload: unknown,
    options?: { readonly secret?: string | null; readonly deps?: SelfHealDependencies },
  ): Promise<Answer>;
  /** Opens a problem on the given entities, started 10 minutes before NOW. */
  openProblem(entityIds?: readonly string[], startTime?: number): Problem;
  /** Stores a deployment event on an entity, as the push task would have written it. */
  addDeploymentEvent(entityId: string, description: DeploymentEventDescription, startTime: number): void;
  /** The original Unbreakable payload template, filled in for a problem. */
  payloadOf(problem: Problem, state?: string): Record<string, unknown>;
  /** The ADO requests that changed something (PATCH/POST). */
  changes(): readonly { readonly method: string; readonly path: string; readonly body: unknown }[];
  close(): Promise<void>;
}

let tableCount = 0;

/** Starts both simulators and builds the handler with settings read from an app-settings map. */
export async function startSelfHealFixture(options: {
  readonly azurite: AzuriteTables;
  readonly scenario: AzureDevOpsScenario;
  readonly settings?: Readonly<Record<string, string>>;
}): Promise<SelfHealFixture> {
  const dt = await startDynatraceSimulator({ scenario: sampleAppScenario({ now: NOW }), now: () => NOW });
  const ado = await startAzureDevOpsSimulator({
    scenario: options.scenario,
    now: () => NOW,
    pats: [AZURE_DEVOPS_PAT],
  });
  tableCount += 1;
  const logs: string[] = [];
  const answers: string[] = [];
  const settings = readSelfHealSettings({
    DT_URL: dt.url,
    DT_API_TOKEN: dt.token,
    AzureWebJobsStorage: options.azurite.connectionString,
    SELFHEAL_TABLE_NAME: `selfhealacceptance${tableCount}`,
    SELFHEAL_SHARED_SECRET: SHARED_SECRET,
    AZURE_DEVOPS_ORGANIZATIONS: ado.collectionUrl,
    AZURE_DEVOPS_PAT,
    ...options.settings,
  });
  const deps = createSelfHealDependencies(settings, {
    random: () => 0.5,
    // Retries still happen (and are counted by the simulators); they just do not wait long.
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    warn: (message) => logs.push(`client: ${message}`),
  });
  const handler = createSelfHealHandler(() => deps);
  let invocation = 0;

  return {
    dt,
    ado,
    deps,
    handler,
    logs,
    answers,
    secrets: [dt.token, AZURE_DEVOPS_PAT, SHARED_SECRET, FUNCTION_KEY, options.azurite.connectionString],

    async notify(payload, notifyOptions = {}) {
      invocation += 1;
      const secret = notifyOptions.secret === undefined ? SHARED_SECRET : notifyOptions.secret;
      const context = new InvocationContext({
        invocationId: `invocation-${invocation}`,
        functionName: 'selfheal',
        logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
      });
      const request = new HttpRequest({
        method: 'POST',
        url: `${FUNCTION_URL}?code=${FUNCTION_KEY}`,
        headers: {
          'content-type': 'application/json',
          ...(secret === null ? {} : { [SHARED_SECRET_HEADER]: secret }),
        },
        body: { string: typeof payload === 'string' ? payload : JSON.stringify(payload) },
      });
      const deps = notifyOptions.deps;
      const response = await (deps === undefined ? handler : createSelfHealHandler(() => deps))(
        request,
        context,
      );
      const text = JSON.stringify(response.jsonBody);
      answers.push(text);
      return { status: response.status ?? 200, body: JSON.parse(text) as unknown };
    },

    openProblem(entityIds = [EAST, WEST], startTime = NOW - 10 * 60_000) {
      return dt.state.openProblem({ title: 'Response time degradation', entityIds, startTime });
    },

    addDeploymentEvent(entityId, description, startTime) {
      dt.state.events.add({
        eventType: 'CUSTOM_DEPLOYMENT',
        title: `Deployment of ${description.name} ${description.version}`,
        startTime,
        endTime: startTime + 60_000,
        entity: dt.state.eventEntity(entityId),
        properties: Object.entries(buildDeploymentEventProperties(description)),
      });
    },

    payloadOf(problem, state = 'OPEN') {
      return {
        State: state,
        ProblemID: problem.displayId,
        ProblemTitle: problem.title,
        PID: problem.problemId,
        ImpactedEntities: problem.impactedEntityIds.map((id) => {
          const entity = dt.state.entities.get(id);
          return { type: entity?.type ?? 'SERVICE', name: entity?.displayName ?? id, entity: id };
        }),
      };
    },

    changes() {
      return ado.requests
        .filter((request) => request.method === 'PATCH' || request.method === 'POST')
        .map(({ method, path, body }) => ({ method, path, body }));
    },

    async close() {
      await Promise.all([dt.close(), ado.close()]);
    },
  };
}

/** The deployment event of a classic release's Production stage, as the push task writes it. */
export function classicDeployment(
  ado: AzureDevOpsSimulator,
  releaseId: number,
  extra: Partial<DeploymentEventDescription> = {},
): DeploymentEventDescription {
  const environment = ado.state.releases.environment(releaseId, 'Production');
  if (environment === undefined)
    throw new Error(`release ${releaseId} has no Production stage in the simulator`);
  const deployment: AzureDevOpsDeployment = {
    kind: 'classic-release',
    collectionUri: ado.collectionUrl,
    project: classicReleaseDefaults.project,
    definitionId: classicReleaseDefaults.definitionId,
    definitionName: classicReleaseDefaults.definitionName,
    releaseId,
    releaseName: `Release-${releaseId}`,
    releaseEnvironmentId: environment.id,
    definitionEnvironmentId: classicReleaseDefaults.productionStageId,
    environmentName: 'Production',
    attempt: environment.attempts.length,
  };
  return { name: 'SampleNodeJsService', version: String(releaseId), deployment, ...extra };
}

/** The deployment event of a YAML run's Production stage. */
export function yamlDeployment(
  ado: AzureDevOpsSimulator,
  runId: number,
  extra: Partial<DeploymentEventDescription> & { readonly stageAttempt?: number } = {},
): DeploymentEventDescription {
  const { stageAttempt, ...description } = extra;
  const deployment: AzureDevOpsDeployment = {
    kind: 'yaml',
    collectionUri: ado.collectionUrl,
    project: yamlPipelineDefaults.project,
    pipelineId: yamlPipelineDefaults.pipelineId,
    pipelineName: yamlPipelineDefaults.pipelineName,
    runId,
    stageName: 'Production',
    stageAttempt: stageAttempt ?? 1,
    environmentName: 'Production',
    sourceBranch: 'refs/heads/main',
  };
  return { name: 'SampleNodeJsService', version: String(runId), deployment, ...description };
}
