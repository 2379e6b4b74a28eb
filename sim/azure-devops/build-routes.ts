import { AdoServiceError, entityNotFound, invalidArgument } from './ado-service-error';
import { opaqueContinuationPage } from './continuation-page';
import { type BuildRecord, type PipelineRecord } from './pipeline-store';
import { buildView, timelineView } from './pipeline-views';
import {
  listResponse,
  projectContext,
  routeInt,
  type LocationHandlers,
  type RouteRequest,
  type RouteResponse,
} from './route-handler';
import {
  buildQueryOrder,
  buildResult,
  buildStatus,
  stageUpdateType,
  type BuildQueryOrderName,
} from './wire-enum';

/**
 * The Build API parts a YAML rollback needs (api-facts §B.3): list and get builds, the build timeline
 * (Stage → Phase → Job records with identifier, state, result and attempt) and
 * `PATCH …/builds/{id}/stages/{stageRefName}` to retry or cancel a stage.
 */
export const buildRoutes: LocationHandlers = {
  builds: {
    GET: (request) =>
      request.routeValues['buildId'] === undefined ? listBuilds(request) : getBuild(request),
  },
  buildTimeline: { GET: getTimeline },
  buildStages: { PATCH: updateStage },
};

const defaultTop = 1000;

function listBuilds(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const { query } = request;
  query.rejectUnsupported(['queues', 'reasonFilter', 'tagFilters', 'repositoryId', 'repositoryType']);
  const definitions = query.intList('definitions');
  const buildIds = query.intList('buildIds');
  const buildNumber = query.string('buildNumber');
  const minTime = query.date('minTime');
  const maxTime = query.date('maxTime');
  const statusFilter = query.enumValue('statusFilter', buildStatus) ?? 0;
  const resultFilter = query.enumValue('resultFilter', buildResult) ?? 0;
  const branchName = query.string('branchName')?.toLowerCase();
  const top = query.int('$top', 1) ?? defaultTop;
  const maxPerDefinition = query.int('maxBuildsPerDefinition', 1);
  const deletedFilter = query.string('deletedFilter');
  if (deletedFilter !== undefined && !/^(excludeDeleted|1)$/i.test(deletedFilter)) {
    throw invalidArgument(
      `The simulator keeps no deleted builds; deletedFilter '${deletedFilter}' is not supported.`,
    );
  }
  const rawOrder = query.enumValue('queryOrder', buildQueryOrder);
  const order: BuildQueryOrderName =
    rawOrder === undefined
      ? 'queueTimeDescending'
      : (buildQueryOrder.nameOf(rawOrder) ?? 'queueTimeDescending');
  const timeOf = orderedTime(order);

  const matching = request.state.pipelines.builds.filter((build) => {
    if (build.projectId !== project.id) return false;
    if (definitions !== undefined && !definitions.includes(build.pipelineId)) return false;
    if (buildIds !== undefined && !buildIds.includes(build.id)) return false;
    if (buildNumber !== undefined && !matchesBuildNumber(build.buildNumber, buildNumber)) return false;
    if (statusFilter !== 0 && (buildStatus.valueOf(build.status) & statusFilter) === 0) return false;
    if (
      resultFilter !== 0 &&
      (build.result === undefined || (buildResult.valueOf(build.result) & resultFilter) === 0)
    )
      return false;
    if (branchName !== undefined && build.sourceBranch.toLowerCase() !== branchName) return false;
    const time = timeOf(build);
    // Ordering by finish or start time lists only builds that have that time, as the service does.
    if (time === undefined) return false;
    if (minTime !== undefined && time < minTime) return false;
    if (maxTime !== undefined && time > maxTime) return false;
    return true;
  });
  const descending = order.endsWith('Descending');
  let sorted = [...matching].sort((a, b) => {
    const delta = (timeOf(a) ?? 0) - (timeOf(b) ?? 0) || a.id - b.id;
    return descending ? -delta : delta;
  });
  if (maxPerDefinition !== undefined) {
    const seen = new Map<number, number>();
    sorted = sorted.filter((build) => {
      const count = (seen.get(build.pipelineId) ?? 0) + 1;
      seen.set(build.pipelineId, count);
      return count <= maxPerDefinition;
    });
  }
  const page = opaqueContinuationPage(sorted, {
    top,
    token: query.string('continuationToken'),
    parameter: 'continuationToken',
    idOf: (build) => build.id,
  });
  return listResponse({
    items: page.items.map((build) => buildView(build, pipelineOf(request, build), context)),
    continuationToken: page.continuationToken,
  });
}

function getBuild(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const build = request.state.pipelines.requireBuild(project.id, routeInt(request, 'buildId') ?? 0);
  return { status: 200, body: buildView(build, pipelineOf(request, build), context) };
}

function getTimeline(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const build = request.state.pipelines.requireBuild(project.id, routeInt(request, 'buildId') ?? 0);
  const timelineId = request.routeValues['timelineId'];
  if (timelineId !== undefined && timelineId.toLowerCase() !== build.planId.toLowerCase()) {
    throw entityNotFound(
      'TimelineNotFoundException',
      `Timeline ${timelineId} was not found for build ${build.id}.`,
    );
  }
  return { status: 200, body: timelineView(build, context) };
}

function updateStage(request: RouteRequest): RouteResponse {
  const { project } = projectContext(request);
  const build = request.state.pipelines.requireBuild(project.id, routeInt(request, 'buildId') ?? 0);
  const stageRefName = request.routeValues['stageRefName'];
  if (stageRefName === undefined) {
    throw new AdoServiceError(
      405,
      'HttpException',
      'The requested resource requires a stage name: PATCH …/builds/{buildId}/stages/{stageRefName}.',
    );
  }
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidArgument(
      'The request body must be an UpdateStageParameters object {state, forceRetryAllJobs, retryDependencies}.',
    );
  }
  const fields = body as Record<string, unknown>;
  if (fields['state'] === undefined || fields['state'] === null)
    throw invalidArgument("state is required: 'retry' (1) or 'cancel' (0).");
  const state = stageUpdateType.parseName(fields['state'], 'state');
  if (state === 'run')
    throw invalidArgument("state 'run' is not supported for a stage update; use 'retry' or 'cancel'.");
  const force = fields['forceRetryAllJobs'];
  if (force !== undefined && force !== null && typeof force !== 'boolean') {
    throw invalidArgument(`forceRetryAllJobs must be a boolean, found ${typeof force}.`);
  }
  request.state.pipelines.updateStage(build, stageRefName, state, force === true);
  // The service answers a stage update with 200 and no body.
  return { status: 200 };
}

function pipelineOf(request: RouteRequest, build: BuildRecord): PipelineRecord {
  const pipeline = request.state.pipelines.pipeline(build.pipelineId);
  if (pipeline === undefined)
    throw entityNotFound('DefinitionNotFoundException', `Pipeline ${build.pipelineId} does not exist.`);
  return pipeline;
}

function orderedTime(order: BuildQueryOrderName): (build: BuildRecord) => number | undefined {
  switch (order) {
    case 'finishTimeAscending':
    case 'finishTimeDescending':
      return (build) => build.finishTime;
    case 'startTimeAscending':
    case 'startTimeDescending':
      return (build) => build.startTime;
    case 'queueTimeAscending':
    case 'queueTimeDescending':
      return (build) => build.queueTime;
  }
}

/** `buildNumber` filters support a trailing `*` wildcard. */
function matchesBuildNumber(actual: string, wanted: string): boolean {
  return wanted.endsWith('*') ? actual.startsWith(wanted.slice(0, -1)) : actual === wanted;
}
