import { getBearerHandler, getPersonalAccessTokenHandler, WebApi } from 'azure-devops-node-api';
import { type ClientApiBase } from 'azure-devops-node-api/ClientApiBases';
import { type IRequestOptions } from 'azure-devops-node-api/interfaces/common/VsoBaseInterfaces';
import { type AzureDevOpsLogger } from './azure-devops-logger';
import { getBuild } from './get-build';
import { getRelease } from './get-release';
import { getReleaseEnvironment } from './get-release-environment';
import { getRun } from './get-run';
import { getTimeline } from './get-timeline';
import { iterateBuilds, listBuilds, type BuildsQuery } from './list-builds';
import {
  iterateDeploymentsOfStage,
  listDeploymentsOfStage,
  type DeploymentsOfStageQuery,
} from './list-deployments-of-stage';
import {
  iterateEnvironmentDeploymentRecords,
  listEnvironmentDeploymentRecords,
  type EnvironmentDeploymentRecordsQuery,
} from './list-environment-deployment-records';
import { iterateReleases, listReleases, type ReleasesQuery } from './list-releases';
import { listRuns } from './list-runs';
import { type ApiArea } from './node-api-routes';
import { normalizeCollectionUrl } from './normalize-collection-url';
import { type Build } from './parse-build';
import { type Deployment } from './parse-deployment';
import { type EnvironmentDeploymentRecord } from './parse-environment-deployment-record';
import { type PipelineRun } from './parse-pipeline-run';
import { type Release, type ReleaseEnvironment } from './parse-release';
import { type Timeline } from './parse-timeline';
import { redeployReleaseEnvironment, type RedeployRequest } from './redeploy-release-environment';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { retryStage, type RetryStageRequest } from './retry-stage';
import { runPipeline, type RunPipelineRequest } from './run-pipeline';
import { createSecretRedactor } from './secret-redactor';
import { createRequestSender, type SendRequest } from './send-request';

/** How to reach and authenticate to an Azure DevOps organization. */
export interface AzureDevOpsConnectionOptions {
  /** The organization (collection) URL, e.g. `https://dev.azure.com/fabrikam/`. */
  readonly collectionUrl: string;
  /**
   * A personal access token (sent as HTTP Basic, user `PAT`) or a job access token such as
   * `System.AccessToken` (sent as `Bearer`). Registered as a secret: never in a message or log line.
   */
  readonly token: { readonly kind: 'pat' | 'bearer'; readonly value: string };
  /** Socket timeout per attempt (no byte for this long ends the attempt); default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt; default 3. See {@link RetryPolicy} for what is retried. */
  readonly maxRetries?: number;
  /** Finer retry settings; `maxRetries` above wins over `retry.maxRetries`. */
  readonly retry?: Partial<RetryPolicy>;
  readonly logger?: AzureDevOpsLogger;
  /** Default `unbreakable-pipeline (azure-devops-node-api)`. */
  readonly userAgent?: string;
  /** Injectable clock and sleeper, for deterministic tests of the retry waits. */
  readonly clock?: { readonly now: () => number; readonly sleep: (ms: number) => Promise<void> };
  /** Jitter source in [0, 1); default `Math.random`. */
  readonly random?: () => number;
}

/** A connection to one organization, with the typed calls the self-healing flow makes. */
export interface AzureDevOpsConnection {
  /** The normalised organization URL (trailing slash). */
  readonly collectionUrl: string;
  /** The underlying node-api `WebApi`, for calls this module does not wrap. */
  readonly webApi: WebApi;

  /** Releases across all pages (see {@link ReleasesQuery}). */
  listReleases(query: ReleasesQuery): Promise<Release[]>;
  /** Releases, fetching pages lazily. */
  iterateReleases(query: ReleasesQuery): AsyncGenerator<Release, void, undefined>;
  /** One release with its stages and variables. */
  getRelease(project: string, releaseId: number): Promise<Release>;
  /** One stage of one release, by release-environment id. */
  getReleaseEnvironment(
    project: string,
    releaseId: number,
    environmentId: number,
  ): Promise<ReleaseEnvironment>;
  /** Queues a redeployment of a release stage with a comment and variables. */
  redeployReleaseEnvironment(request: RedeployRequest): Promise<ReleaseEnvironment>;
  /** The deployments of one stage across all pages. */
  listDeploymentsOfStage(query: DeploymentsOfStageQuery): Promise<Deployment[]>;
  /** The deployments of one stage, fetching pages lazily (stop early to save requests). */
  iterateDeploymentsOfStage(query: DeploymentsOfStageQuery): AsyncGenerator<Deployment, void, undefined>;

  /** Builds (YAML runs) of a pipeline across all pages. */
  listBuilds(query: BuildsQuery): Promise<Build[]>;
  /** Builds of a pipeline, fetching pages lazily. */
  iterateBuilds(query: BuildsQuery): AsyncGenerator<Build, void, undefined>;
  getBuild(project: string, buildId: number): Promise<Build>;
  /** Stage, phase and job records of a build. */
  getTimeline(project: string, buildId: number): Promise<Timeline>;
  /** Starts a new attempt of a completed stage of a run. */
  retryStage(request: RetryStageRequest): Promise<void>;
  /** The runs of a pipeline, newest first (one request; the API does not page). */
  listRuns(project: string, pipelineId: number): Promise<PipelineRun[]>;
  getRun(project: string, pipelineId: number, runId: number): Promise<PipelineRun>;
  /** Queues a run of a pipeline. */
  runPipeline(request: RunPipelineRequest): Promise<PipelineRun>;
  /** Deployment jobs that ran against a pipeline environment, newest first, across all pages. */
  listEnvironmentDeploymentRecords(
    query: EnvironmentDeploymentRecordsQuery,
  ): Promise<EnvironmentDeploymentRecord[]>;
  /** The same, fetching pages lazily. */
  iterateEnvironmentDeploymentRecords(
    query: EnvironmentDeploymentRecordsQuery,
  ): AsyncGenerator<EnvironmentDeploymentRecord, void, undefined>;
}

const defaultTimeoutMs = 10_000;

/**
 * Connects to an Azure DevOps organization through azure-devops-node-api's `WebApi`, configured so that:
 * - every request has a socket timeout (`timeoutMs`);
 * - node-api's own retries are off and {@link RetryPolicy} applies instead (bounded, jittered, honours
 *   `Retry-After`, never repeats a PATCH/POST that may have taken effect);
 * - `X-TFS-FedAuthRedirect: Suppress` is sent, so a bad credential answers 401 instead of a 203/302
 *   sign-in page, and redirects are not followed (following one would send the token to another host);
 * - the token is registered as a secret: it is not in any message, log line or error `cause`, neither
 *   raw nor in its base64 Basic-header form.
 *
 * Nothing is sent until the first call; the Release host (`vsrm`) is discovered from `ResourceAreas`.
 *
 * @throws RangeError when `collectionUrl`, the token or a numeric option is invalid (the message names it)
 */
export function createAzureDevOpsConnection(options: AzureDevOpsConnectionOptions): AzureDevOpsConnection {
  const collectionUrl = normalizeCollectionUrl(options.collectionUrl);
  const token = options.token.value.trim();
  if (token === '')
    throw new RangeError(
      'token.value: expected a personal access token or a bearer token, found an empty string',
    );
  if (options.token.kind !== 'pat' && options.token.kind !== 'bearer') {
    throw new RangeError(`token.kind: expected "pat" or "bearer", found "${String(options.token.kind)}"`);
  }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  requirePositive('timeoutMs', timeoutMs);
  const policy: RetryPolicy = {
    ...defaultRetryPolicy,
    ...options.retry,
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  };
  if (!Number.isInteger(policy.maxRetries) || policy.maxRetries < 0) {
    throw new RangeError(
      `maxRetries: expected a whole number of retries (0 or more), found ${policy.maxRetries}`,
    );
  }
  requirePositive('retry.baseDelayMs', policy.baseDelayMs);
  requirePositive('retry.maxDelayMs', policy.maxDelayMs);
  requirePositive('retry.maxRateLimitWaitMs', policy.maxRateLimitWaitMs);

  const redactor = createSecretRedactor([token]);
  const handler =
    options.token.kind === 'pat' ? getPersonalAccessTokenHandler(token) : getBearerHandler(token);
  const requestOptions: IRequestOptions = {
    socketTimeout: timeoutMs,
    globalAgentOptions: { keepAlive: false, timeout: timeoutMs },
    allowRetries: false,
    maxRetries: 0,
    allowRedirects: false,
    headers: { 'X-TFS-FedAuthRedirect': 'Suppress' },
  };
  const webApi = new WebApi(collectionUrl, handler, requestOptions, {
    productName: 'unbreakable-pipeline',
    productVersion: '0.1.0',
    userAgent: options.userAgent ?? 'unbreakable-pipeline (azure-devops-node-api)',
  });

  // One node-api client per area, created on first use. A failed discovery is forgotten so the next
  // attempt asks again instead of replaying the failure.
  const clients = new Map<ApiArea, Promise<ClientApiBase>>();
  const clientFor = (area: ApiArea): Promise<ClientApiBase> => {
    const known = clients.get(area);
    if (known !== undefined) return known;
    const created: Promise<ClientApiBase> =
      area === 'release'
        ? webApi.getReleaseApi()
        : area === 'build'
          ? webApi.getBuildApi()
          : area === 'pipelines'
            ? webApi.getPipelinesApi()
            : webApi.getTaskAgentApi();
    clients.set(area, created);
    created.catch(() => clients.delete(area));
    return created;
  };

  const send: SendRequest = createRequestSender({
    clientFor,
    discoveryPath: `${new URL(collectionUrl).pathname}_apis/ResourceAreas`,
    timeoutMs,
    policy,
    sleep: options.clock?.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.clock?.now ?? Date.now,
    redactor,
    logger: options.logger,
  });

  return {
    collectionUrl,
    webApi,
    listReleases: (query) => listReleases(send, query),
    iterateReleases: (query) => iterateReleases(send, query),
    getRelease: (project, releaseId) => getRelease(send, project, releaseId),
    getReleaseEnvironment: (project, releaseId, environmentId) =>
      getReleaseEnvironment(send, project, releaseId, environmentId),
    redeployReleaseEnvironment: (request) => {
      for (const variable of Object.values(request.variables ?? {}))
        if (variable.isSecret === true) redactor.add(variable.value);
      return redeployReleaseEnvironment(send, request);
    },
    listDeploymentsOfStage: (query) => listDeploymentsOfStage(send, query),
    iterateDeploymentsOfStage: (query) => iterateDeploymentsOfStage(send, query),
    listBuilds: (query) => listBuilds(send, query),
    iterateBuilds: (query) => iterateBuilds(send, query),
    getBuild: (project, buildId) => getBuild(send, project, buildId),
    getTimeline: (project, buildId) => getTimeline(send, project, buildId),
    retryStage: (request) => retryStage(send, request),
    listRuns: (project, pipelineId) => listRuns(send, project, pipelineId),
    getRun: (project, pipelineId, runId) => getRun(send, project, pipelineId, runId),
    runPipeline: (request) => {
      for (const variable of Object.values(request.variables ?? {}))
        if (variable.isSecret === true) redactor.add(variable.value);
      return runPipeline(send, request);
    },
    listEnvironmentDeploymentRecords: (query) => listEnvironmentDeploymentRecords(send, query),
    iterateEnvironmentDeploymentRecords: (query) => iterateEnvironmentDeploymentRecords(send, query),
  };
}

function requirePositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name}: expected a positive number of milliseconds, found ${value}`);
}
