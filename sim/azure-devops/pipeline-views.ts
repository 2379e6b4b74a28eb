import {
  type BuildRecord,
  type EnvironmentDeploymentRecord,
  type JobRecord,
  type PipelineEnvironmentRecord,
  type PipelineRecord,
  type PreviousAttempt,
  type StageRecord,
} from './pipeline-store';
import { stableGuid } from './stable-guid';
import { identityView, projectReferenceView, type ViewContext } from './view-context';
import { wireDate } from './wire-date';
import { type BuildResultName, type TaskResultName } from './wire-enum';

/**
 * JSON views of YAML-pipeline resources in the shapes of api-facts §B.3: the Build API's Build and
 * Timeline, the Pipelines API's Run, and the distributed-task EnvironmentDeploymentExecutionRecord.
 */

/** A `Build`. In-progress builds carry no `result` and no `finishTime`, as on the service. */
export function buildView(
  build: BuildRecord,
  pipeline: PipelineRecord,
  context: ViewContext,
): Record<string, unknown> {
  const buildUrl = `${context.collectionUrl}${context.project.id}/_apis/build/Builds/${build.id}`;
  const requester = identityView(build.requestedBy, context);
  return {
    _links: {
      self: { href: buildUrl },
      web: { href: buildWebUrl(build, context) },
      sourceVersionDisplayUri: { href: `${buildUrl}/sources` },
      timeline: {
        href: `${context.collectionUrl}${context.project.id}/_apis/build/builds/${build.id}/Timeline`,
      },
      badge: { href: `${context.collectionUrl}${context.project.id}/_apis/build/status/${pipeline.id}` },
    },
    properties: {},
    tags: [],
    validationResults: [],
    plans: [{ planId: build.planId }],
    templateParameters: { ...build.templateParameters },
    triggerInfo: {},
    id: build.id,
    buildNumber: build.buildNumber,
    status: build.status,
    ...(build.result === undefined ? {} : { result: build.result }),
    queueTime: wireDate(build.queueTime),
    ...(build.startTime === undefined ? {} : { startTime: wireDate(build.startTime) }),
    ...(build.finishTime === undefined ? {} : { finishTime: wireDate(build.finishTime) }),
    url: buildUrl,
    definition: {
      drafts: [],
      id: pipeline.id,
      name: pipeline.name,
      url: `${context.collectionUrl}${context.project.id}/_apis/build/Definitions/${pipeline.id}?revision=${pipeline.revision}`,
      uri: `vstfs:///Build/Definition/${pipeline.id}`,
      path: pipeline.folder,
      type: 'build',
      queueStatus: 'enabled',
      revision: pipeline.revision,
      project: { ...projectReferenceView(context), state: 'wellFormed', visibility: 'private' },
    },
    buildNumberRevision: Number(build.buildNumber.split('.').at(-1)) || 1,
    project: {
      ...projectReferenceView(context),
      url: `${context.collectionUrl}_apis/projects/${context.project.id}`,
      state: 'wellFormed',
      revision: 1,
      visibility: 'private',
    },
    uri: `vstfs:///Build/Build/${build.id}`,
    sourceBranch: build.sourceBranch,
    sourceVersion: build.sourceVersion,
    queue: { id: 9, name: 'Azure Pipelines', pool: { id: 9, name: 'Azure Pipelines', isHosted: true } },
    priority: 'normal',
    reason: build.reason,
    requestedFor: requester,
    requestedBy: requester,
    lastChangedDate: wireDate(build.lastChangedDate),
    lastChangedBy: requester,
    orchestrationPlan: { planId: build.planId },
    logs: { id: 0, type: 'Container', url: `${buildUrl}/logs` },
    repository: {
      id: stableGuid('repository', pipeline.projectId, pipeline.repositoryName),
      type: 'TfsGit',
      name: pipeline.repositoryName,
      url: `${context.collectionUrl}${encodeURIComponent(context.project.name)}/_git/${encodeURIComponent(pipeline.repositoryName)}`,
      clean: null,
      checkoutSubmodules: false,
    },
    retainedByRelease: false,
    triggeredByBuild: null,
    appendCommitMessageToRunName: true,
  };
}

/** The build `Timeline`: one Stage → Phase → Job chain per stage, each record at its current attempt. */
export function timelineView(build: BuildRecord, context: ViewContext): Record<string, unknown> {
  const records = build.stages.flatMap((stage) => [
    stageRecordView(stage, build),
    phaseRecordView(stage, build),
    jobRecordView(stage, stage.job, build),
  ]);
  return {
    records,
    lastChangedBy: identityView(build.requestedBy, context),
    lastChangedOn: wireDate(build.lastChangedDate),
    id: build.planId,
    changeId: build.changeId,
    url: `${context.collectionUrl}${context.project.id}/_apis/build/builds/${build.id}/Timeline/${build.planId}`,
  };
}

/** A Pipelines API `Run` (the same run as the build with that id). */
export function runView(
  build: BuildRecord,
  pipeline: PipelineRecord,
  context: ViewContext,
): Record<string, unknown> {
  const pipelineUrl = `${context.collectionUrl}${context.project.id}/_apis/Pipelines/${pipeline.id}?revision=${pipeline.revision}`;
  const runUrl = `${context.collectionUrl}${context.project.id}/_apis/Pipelines/${pipeline.id}/runs/${build.id}`;
  return {
    _links: {
      self: { href: runUrl },
      web: { href: buildWebUrl(build, context) },
      'pipeline.web': {
        href: `${context.collectionUrl}${context.project.id}/_build/definition?definitionId=${pipeline.id}`,
      },
      pipeline: { href: pipelineUrl },
    },
    templateParameters: { ...build.templateParameters },
    pipeline: {
      url: pipelineUrl,
      id: pipeline.id,
      revision: pipeline.revision,
      name: pipeline.name,
      folder: pipeline.folder,
    },
    state:
      build.status === 'completed' ? 'completed' : build.status === 'cancelling' ? 'canceling' : 'inProgress',
    ...(build.result === undefined ? {} : { result: runResult(build.result) }),
    createdDate: wireDate(build.queueTime),
    ...(build.finishTime === undefined ? {} : { finishedDate: wireDate(build.finishTime) }),
    url: runUrl,
    resources: {
      repositories: {
        self: {
          repository: {
            id: stableGuid('repository', pipeline.projectId, pipeline.repositoryName),
            type: 'azureReposGit',
          },
          refName: build.sourceBranch,
          version: build.sourceVersion,
        },
      },
    },
    ...(Object.keys(build.variables).length === 0
      ? {}
      : {
          variables: Object.fromEntries(
            Object.entries(build.variables).map(([name, variable]) => [
              name,
              variable.isSecret ? { isSecret: true } : { value: variable.value },
            ]),
          ),
        }),
    id: build.id,
    name: build.buildNumber,
  };
}

/** An `EnvironmentDeploymentExecutionRecord`. */
export function environmentDeploymentRecordView(
  record: EnvironmentDeploymentRecord,
  pipeline: PipelineRecord,
  environment: PipelineEnvironmentRecord,
  context: ViewContext,
): Record<string, unknown> {
  return {
    id: record.id,
    requestIdentifier: stableGuid('deployment-request', record.id),
    environmentId: environment.id,
    serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7',
    scopeId: context.project.id,
    resourceId: 0,
    planType: 'Build',
    planId: record.build.planId,
    stageName: record.stageName,
    jobName: record.jobName,
    stageAttempt: record.stageAttempt,
    jobAttempt: record.jobAttempt,
    definition: {
      id: pipeline.id,
      name: pipeline.name,
      _links: {
        web: {
          href: `${context.collectionUrl}${context.project.id}/_build/definition?definitionId=${pipeline.id}`,
        },
        self: {
          href: `${context.collectionUrl}${context.project.id}/_apis/build/Definitions/${pipeline.id}`,
        },
      },
    },
    owner: {
      id: record.build.id,
      name: record.build.buildNumber,
      _links: {
        web: { href: buildWebUrl(record.build, context) },
        self: { href: `${context.collectionUrl}${context.project.id}/_apis/build/Builds/${record.build.id}` },
      },
    },
    result: record.result,
    queueTime: wireDate(record.queueTime),
    startTime: wireDate(record.startTime),
    finishTime: wireDate(record.finishTime),
  };
}

function stageRecordView(stage: StageRecord, build: BuildRecord): Record<string, unknown> {
  return recordView({
    id: stage.recordId,
    parentId: null,
    type: 'Stage',
    name: stage.displayName,
    identifier: stage.name,
    refName: stage.name,
    order: stage.order,
    record: stage,
    build,
  });
}

function phaseRecordView(stage: StageRecord, build: BuildRecord): Record<string, unknown> {
  return recordView({
    id: stage.job.phaseRecordId,
    parentId: stage.recordId,
    type: 'Phase',
    name: stage.job.name,
    identifier: `${stage.name}.${stage.job.name}`,
    refName: `${stage.job.name}`,
    order: 1,
    record: stage.job,
    build,
  });
}

function jobRecordView(stage: StageRecord, job: JobRecord, build: BuildRecord): Record<string, unknown> {
  return recordView({
    id: job.recordId,
    parentId: job.phaseRecordId,
    type: 'Job',
    name: job.name,
    identifier: `${stage.name}.${job.name}.__default`,
    refName: 'Job',
    order: 1,
    record: job,
    build,
  });
}

function recordView(input: {
  id: string;
  parentId: string | null;
  type: string;
  name: string;
  identifier: string;
  refName: string;
  order: number;
  record: {
    state: string;
    result: TaskResultName | undefined;
    attempt: number;
    startTime: number | undefined;
    finishTime: number | undefined;
    previousAttempts: readonly PreviousAttempt[];
  };
  build: BuildRecord;
}): Record<string, unknown> {
  const { record } = input;
  return {
    previousAttempts: record.previousAttempts.map((previous) => ({
      attempt: previous.attempt,
      timelineId: input.build.planId,
      recordId: previous.recordId,
    })),
    id: input.id,
    parentId: input.parentId,
    type: input.type,
    name: input.name,
    startTime: record.startTime === undefined ? null : wireDate(record.startTime),
    finishTime: record.finishTime === undefined ? null : wireDate(record.finishTime),
    currentOperation: null,
    percentComplete: record.state === 'completed' ? 100 : null,
    state: record.state,
    result: record.result ?? null,
    resultCode: null,
    changeId: input.build.changeId,
    lastModified: wireDate(input.build.lastChangedDate),
    workerName: input.type === 'Job' && record.startTime !== undefined ? 'Hosted Agent' : null,
    order: input.order,
    details: null,
    errorCount: record.result === 'failed' ? 1 : 0,
    warningCount: 0,
    url: null,
    log: null,
    task: null,
    attempt: record.attempt,
    identifier: input.identifier,
    refName: input.refName,
  };
}

/**
 * Run results have no "partially succeeded"; such a run is reported as succeeded (its tasks finished
 * "succeeded with issues"). The mapping is the simulator's reading, not a documented rule.
 */
function runResult(result: BuildResultName): string {
  switch (result) {
    case 'succeeded':
    case 'partiallySucceeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    case 'none':
      return 'unknown';
  }
}

function buildWebUrl(build: BuildRecord, context: ViewContext): string {
  return `${context.collectionUrl}${context.project.id}/_build/results?buildId=${build.id}`;
}
