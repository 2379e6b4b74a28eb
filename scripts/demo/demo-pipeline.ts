import { type AzureDevOpsSimulator, type IdentitySeed, type ReleaseRecord } from '../../sim/azure-devops';
import { type DynatraceSimulator, type NotificationDelivery, type Problem } from '../../sim/dynatrace';
import { type GateVerdict, callGate } from './call-gate';
import { type DemoClock } from './demo-clock';
import { type MonspecDocument } from './demo-monspec';
import {
  type DeploymentOutcome,
  type GateOutcome,
  type NotificationOutcome,
  type RedeployRequest,
} from './demo-summary';
import { type Narrator, formatDemoTime } from './narrator';
import { readRedeployRequest } from './read-redeploy-request';
import { type TaskServiceConnection, runAgentTask } from './run-agent-task';
import { withTimeout } from './with-timeout';

/** The release pipeline the demo plays: a classic definition with these stages, in this order. */
export interface PipelineDefinition {
  readonly project: string;
  readonly projectId: string;
  readonly definitionId: number;
  readonly definitionName: string;
  /** The CI build pipeline whose build number each release deploys (its primary artifact). */
  readonly artifactAlias: string;
}

/** What the pipeline needs to run the product's pieces. */
export interface DemoPipelineContext {
  readonly ado: AzureDevOpsSimulator;
  readonly dynatrace: DynatraceSimulator;
  readonly clock: DemoClock;
  readonly narrator: Narrator;
  readonly definition: PipelineDefinition;
  /** The bundled push deployment event task and the inputs the agent fills in from task.json defaults. */
  readonly task: { readonly bundlePath: string; readonly defaultInputs: Readonly<Record<string, string>> };
  readonly connection: TaskServiceConnection;
  /** `System.DefaultWorkingDirectory` of the agent; the monspec lies at `monspecFile` below it. */
  readonly workingDirectory: string;
  readonly monspecFile: string;
  readonly monspec: MonspecDocument;
  readonly service: string;
  readonly gateHost: { readonly url: string; readonly functionKey: string };
  /** The bound of every wait for something asynchronous (webhook deliveries). */
  readonly waitLimitMs: number;
}

/** What one look at Dynatrace found and caused. */
export interface WatchOutcome {
  readonly opened: readonly Problem[];
  readonly closed: readonly Problem[];
  readonly notifications: readonly NotificationOutcome[];
  readonly redeployRequests: readonly RedeployRequest[];
  /** Deployments the agent ran because somebody queued them (self-healing's redeploys). */
  readonly redeployments: readonly DeploymentOutcome[];
  /** Why detection opened each new problem: per service, the thresholds it exceeded. */
  readonly reasons: ReadonlyMap<string, string[]>;
}

/** The gate's default ingest delay (`GATE_INGEST_DELAY_SECONDS`): windows end this long before now. */
export const INGEST_DELAY_MS = 60_000;

/** Who the pipeline's own stage triggers are attributed to in Azure DevOps. */
const PIPELINE_TRIGGER: IdentitySeed = {
  id: '5f0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
  displayName: 'Release pipeline trigger',
  uniqueName: 'release-pipeline-trigger@fabrikam.example',
};

/**
 * Plays a classic Azure DevOps release pipeline against the simulators, using the product's real paths:
 * releases and stage deployments live in the Azure DevOps simulator; a deployment switches the Dynatrace
 * simulator's workload of that environment to the release's build and runs the bundled push deployment
 * event task as an agent process; gates call the gate function over HTTP; and a look at Dynatrace runs
 * problem detection, waits for the webhook deliveries and plays the agent for every deployment that was
 * queued meanwhile (by the self-healing function).
 */
export class DemoPipeline {
  private readonly builds = new Map<number, string>();
  private seenDeliveries = 0;
  private seenRequests = 0;

  constructor(private readonly context: DemoPipelineContext) {}

  /** Creates a release of `build`; its Staging deployment is queued (continuous deployment trigger). */
  createRelease(releaseId: number, build: string): ReleaseRecord {
    const { ado, clock, definition } = this.context;
    const now = clock.now();
    this.builds.set(releaseId, build);
    return ado.state.releases.addRelease(definition.definitionId, {
      id: releaseId,
      createdOn: now,
      reason: 'continuousIntegration',
      description: `Build ${build} of SampleNodeJsService`,
      deployments: { Staging: [{ outcome: 'queued', queuedOn: now, reason: 'automated' }] },
    });
  }

  /** Queues the deployment of a release to a stage, as the pipeline does once the stage before it is done. */
  queueStage(releaseId: number, stage: string): void {
    const releases = this.context.ado.state.releases;
    const release = releases.release(releaseId);
    const environment = releases.environment(releaseId, stage);
    if (release === undefined || environment === undefined) {
      throw new Error(`queueStage: release ${releaseId} has no stage ${stage} in the Azure DevOps simulator`);
    }
    releases.updateEnvironment(
      release,
      environment,
      { status: 'inProgress', comment: undefined, scheduledDeploymentTime: undefined, variables: {} },
      PIPELINE_TRIGGER,
    );
  }

  /**
   * Plays the agent for the queued deployment of a release stage: starts it, lets the release's build serve
   * that environment's traffic from now on, runs the push deployment event task and completes the deployment
   * with the task's result.
   */
  async deployQueued(
    releaseId: number,
    stage: string,
    trigger: DeploymentOutcome['trigger'],
  ): Promise<DeploymentOutcome> {
    const { ado, dynatrace, clock, narrator, definition } = this.context;
    const releases = ado.state.releases;
    const build = this.builds.get(releaseId);
    const release = releases.release(releaseId);
    const environment = releases.environment(releaseId, stage);
    if (build === undefined || release === undefined || environment === undefined) {
      throw new Error(`deployQueued: release ${releaseId} stage ${stage} is not a release the demo created`);
    }
    const attempt = releases.startDeployment(releaseId, stage);
    const at = clock.now();
    dynatrace.state.deploy(stage, build, at);

    const variables: Record<string, string> = {
      'System.CollectionUri': ado.collectionUrl,
      'System.TeamFoundationCollectionUri': ado.collectionUrl,
      'System.TeamProject': definition.project,
      'System.TeamProjectId': definition.projectId,
      'System.DefaultWorkingDirectory': this.context.workingDirectory,
      'Release.ReleaseId': String(release.id),
      'Release.ReleaseName': release.name,
      'Release.DefinitionId': String(definition.definitionId),
      'Release.DefinitionName': definition.definitionName,
      'Release.EnvironmentId': String(environment.id),
      'Release.DefinitionEnvironmentId': String(environment.definitionEnvironmentId),
      'Release.EnvironmentName': environment.name,
      'Release.AttemptNumber': String(attempt.attempt),
      'Release.PrimaryArtifactSourceAlias': definition.artifactAlias,
      [`Release.Artifacts.${definition.artifactAlias}.BuildNumber`]: build,
      'Build.BuildNumber': build,
    };
    // The agent exposes release variables, overridden by the stage's own (where a redeploy puts its marker).
    for (const [name, variable] of Object.entries({ ...release.variables, ...environment.variables })) {
      variables[name] = variable.value;
    }
    const run = await runAgentTask({
      bundlePath: this.context.task.bundlePath,
      inputs: {
        ...this.context.task.defaultInputs,
        dynatraceConnection: this.context.connection.id,
        targeting: 'monspec',
        monspecFile: this.context.monspecFile,
        monspecService: this.context.service,
        // The demo's entities exist from the start; a miss is a failure, not something to wait for.
        retriesWhenNoEntityMatches: '0',
      },
      variables,
      connection: this.context.connection,
    });
    const ok = run.result === 'Succeeded' || run.result === 'SucceededWithIssues';
    releases.completeDeployment(releaseId, stage, ok ? 'succeeded' : 'failed');

    const correlationIds = (run.outputs.DynatraceEventCorrelationIds ?? '')
      .split(',')
      .filter((id) => id !== '');
    const events = dynatrace.state.events
      .list()
      .filter((event) => correlationIds.includes(event.correlationId));
    // Read back from what Dynatrace stored: the proof that the task saw the marker the redeploy carried.
    const markers = new Set(
      events.map((event) =>
        event.properties.some(([key, value]) => key === 'unbreakable.rollback' && value === 'true')
          ? (event.properties.find(([key]) => key === 'unbreakable.rollback.problem_id')?.[1] ?? '')
          : undefined,
      ),
    );
    const [marker] = markers;
    const rollbackOfProblem =
      markers.size === 1 && marker !== undefined && marker !== '' ? marker : undefined;
    const outcome: DeploymentOutcome = {
      releaseId,
      releaseName: release.name,
      stage,
      build,
      attempt: attempt.attempt,
      trigger,
      at: formatDemoTime(at),
      taskResult: run.result ?? 'crashed',
      taskMessage: run.resultMessage ?? run.errors[0] ?? run.stderr.trim().split('\n').at(-1) ?? '',
      events: events.length,
      ...(rollbackOfProblem === undefined ? {} : { rollbackOfProblem }),
      deploymentStatus: ok ? 'succeeded' : 'failed',
    };
    const where = [...new Set(events.map((event) => event.entity.name))].join(', ');
    narrator.step(
      `${stage}: ${release.name} deployed (build ${build}${attempt.attempt > 1 ? `, attempt ${attempt.attempt}` : ''}); ` +
        `push deployment event task: ${outcome.taskResult}` +
        (events.length > 0
          ? `, ${events.length} ${events.length === 1 ? 'event' : 'events'} on ${where}`
          : '') +
        (rollbackOfProblem === undefined ? '' : `, marked as the rollback for ${rollbackOfProblem}`) +
        (ok ? '' : `\n${outcome.taskMessage}`),
    );
    return outcome;
  }

  /** Asks the gate function for a verdict over the 5 minutes before the demo clock's now. */
  async gate(releaseId: number, comparison: string, gate: string): Promise<GateOutcome> {
    const { clock, narrator } = this.context;
    const at = clock.now();
    const verdict: GateVerdict = await callGate({
      hostUrl: this.context.gateHost.url,
      functionKey: this.context.gateHost.functionKey,
      monspec: this.context.monspec,
      service: this.context.service,
      comparison,
      windowMinutes: 5,
      // As the gate's default: Dynatrace needs a minute before the last minute of data is complete.
      end: at - INGEST_DELAY_MS,
      context: { release: `Release-${releaseId}`, gate },
    });
    narrator.step(`${gate}, ${comparison}: ${verdict.status.toUpperCase()}`);
    narrator.block(verdict.markdown);
    return { releaseId, gate, at: formatDemoTime(at), verdict };
  }

  /** The build a release deploys. */
  buildOf(releaseId: number): string | undefined {
    return this.builds.get(releaseId);
  }

  /**
   * Looks at Dynatrace: runs problem detection at the demo clock, waits (bounded) until its webhook calls
   * are answered, reports them, and plays the agent for every deployment queued meanwhile.
   */
  async watch(): Promise<WatchOutcome> {
    const { dynatrace, ado, clock, narrator } = this.context;
    const detection = dynatrace.state.detectProblems(clock.now());
    const reasons = new Map<string, string[]>();
    for (const problem of detection.opened) {
      const lines = problem.affectedEntityIds.map((entityId) => {
        const health = detection.health.find((entry) => entry.entityId === entityId);
        const name = dynatrace.state.entities.get(entityId)?.displayName ?? entityId;
        return health?.status === 'abnormal'
          ? `${name}: ${health.violations.map((violation) => violation.description).join(', ')}`
          : name;
      });
      reasons.set(problem.problemId, lines);
      narrator.step(
        `Dynatrace opened problem ${problem.displayId} "${problem.title}" (${problem.severityLevel}):\n${lines.join('\n')}`,
      );
    }
    for (const { problem, addedEntityIds } of detection.merged) {
      if (addedEntityIds.length > 0)
        narrator.step(`Dynatrace merged ${addedEntityIds.join(', ')} into problem ${problem.displayId}`);
    }
    for (const problem of detection.closed) {
      narrator.step(
        `Dynatrace closed problem ${problem.displayId}: the services have been back to normal for ${dynatrace.state.problemDetector.settings.windowMinutes} minutes`,
      );
    }
    if (detection.opened.length === 0 && detection.closed.length === 0) {
      const open = dynatrace.state.problems.list().filter((problem) => problem.status === 'OPEN');
      narrator.step(
        open.length === 0
          ? 'Dynatrace: no problem'
          : `Dynatrace: still open: ${open.map((problem) => problem.displayId).join(', ')}`,
      );
    }

    await withTimeout(
      dynatrace.notifications.idle(),
      this.context.waitLimitMs,
      'the problem notification webhook calls',
    );
    const deliveries = dynatrace.notifications.deliveries.slice(this.seenDeliveries);
    this.seenDeliveries += deliveries.length;
    const notifications = deliveries.map((delivery) => this.describeDelivery(delivery));
    for (const problem of detection.opened) {
      if (!deliveries.some((delivery) => delivery.problemId === problem.problemId)) {
        narrator.step(
          `No webhook call for ${problem.displayId}: the integration's alerting profile covers Production only`,
        );
      }
    }

    const requests = ado.requests.slice(this.seenRequests);
    this.seenRequests += requests.length;
    const redeployRequests = requests.flatMap((request) => {
      const redeploy = readRedeployRequest(request);
      if (redeploy === undefined) return [];
      narrator.step(
        `Azure DevOps received PATCH …/releases/${redeploy.releaseId}/environments/${redeploy.releaseEnvironmentId} ` +
          `→ ${redeploy.httpStatus}: status ${redeploy.status}, variables ${JSON.stringify(redeploy.variables)}\n` +
          `comment: "${redeploy.comment}"`,
      );
      return [redeploy];
    });

    const redeployments: DeploymentOutcome[] = [];
    for (const release of ado.state.releases.releases) {
      for (const environment of release.environments) {
        if (environment.status !== 'queued' || !this.builds.has(release.id)) continue;
        narrator.step(`The agent picks up the queued deployment of ${release.name} to ${environment.name}`);
        redeployments.push(await this.deployQueued(release.id, environment.name, 'redeploy'));
      }
    }
    return {
      opened: detection.opened,
      closed: detection.closed,
      notifications,
      redeployRequests,
      redeployments,
      reasons,
    };
  }

  /** Presses Dynatrace's "Send test notification" and reports what the webhook answered. */
  async sendTestNotification(): Promise<NotificationOutcome[]> {
    const { dynatrace } = this.context;
    await withTimeout(
      dynatrace.notifications.sendTestNotification(),
      this.context.waitLimitMs,
      'the test notification',
    );
    const deliveries = dynatrace.notifications.deliveries.slice(this.seenDeliveries);
    this.seenDeliveries += deliveries.length;
    return deliveries.map((delivery) => this.describeDelivery(delivery));
  }

  /** Narrates a webhook call and what the self-healing function answered, and shows its problem comment. */
  private describeDelivery(delivery: NotificationDelivery): NotificationOutcome {
    const { narrator, dynatrace } = this.context;
    let answer = '';
    let message = delivery.error ?? '';
    try {
      const body = JSON.parse(delivery.responseBody) as { status?: unknown; message?: unknown };
      answer = typeof body.status === 'string' ? body.status : '';
      message = typeof body.message === 'string' ? body.message : message;
    } catch {
      // Not JSON: the raw answer (or the delivery error) is the message.
      message = message || delivery.responseBody.slice(0, 300);
    }
    const label = delivery.test
      ? 'test notification'
      : `${delivery.state} notification for ${delivery.displayId}`;
    narrator.step(
      `Dynatrace called the self-healing webhook (${label}) → ${delivery.status ?? 'no answer'} ${answer}\n${message}`,
    );
    if (!delivery.test && delivery.state === 'OPEN' && dynatrace.state.problems.get(delivery.problemId)) {
      const comments = [...dynatrace.state.commentsOf(delivery.problemId)].reverse();
      for (const comment of comments) {
        narrator.step(
          `Comment on ${delivery.displayId} by ${comment.authorName}${comment.context === null ? '' : ` (${comment.context})`}:`,
        );
        narrator.block(comment.content);
      }
    }
    return {
      state: delivery.state,
      displayId: delivery.displayId,
      test: delivery.test,
      httpStatus: delivery.status,
      answer,
      message,
    };
  }
}
