import { AdoServiceError, entityNotFound, invalidArgument } from './ado-service-error';
import { continuationPage } from './continuation-page';
import {
  requireEnvironment,
  requireRelease,
  type DeploymentRow,
  type EnvironmentUpdate,
  type ReleaseDefinitionRecord,
  type ReleaseRecord,
  type VariableRecord,
} from './release-store';
import { deploymentView, environmentView, releaseView, revisionView } from './release-views';
import {
  listResponse,
  projectContext,
  routeInt,
  type LocationHandlers,
  type RouteRequest,
  type RouteResponse,
} from './route-handler';
import {
  deploymentOperationStatus,
  deploymentStatus,
  environmentStatus,
  releaseExpands,
  releaseQueryOrder,
  releaseStatus,
} from './wire-enum';

/**
 * The Release API on the vsrm host (api-facts §B.1): list and get releases, get and PATCH a release
 * environment (deploy / redeploy / cancel), the release history, and the Deployments API with its
 * filters, ordering and continuation.
 */
export const releaseRoutes: LocationHandlers = {
  releases: {
    GET: (request) =>
      request.routeValues['releaseId'] === undefined ? listReleases(request) : getRelease(request),
  },
  releaseEnvironments: { GET: getReleaseEnvironment, PATCH: updateReleaseEnvironment },
  releaseHistory: { GET: getReleaseHistory },
  deployments: { GET: listDeployments },
};

const defaultTop = 50;

function listReleases(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const { query } = request;
  query.rejectUnsupported([
    'artifactTypeId',
    'sourceId',
    'artifactVersionId',
    'sourceBranchFilter',
    'tagFilter',
    'propertyFilters',
    'path',
  ]);
  const definitionId = query.int('definitionId');
  const definitionEnvironmentId = query.int('definitionEnvironmentId');
  const searchText = query.string('searchText')?.toLowerCase();
  const createdBy = query.string('createdBy')?.toLowerCase();
  const statusFilter = query.enumValue('statusFilter', releaseStatus);
  const environmentStatusFilter = query.int('environmentStatusFilter', 0);
  const minCreatedTime = query.date('minCreatedTime');
  const maxCreatedTime = query.date('maxCreatedTime');
  const descending =
    (query.enumValue('queryOrder', releaseQueryOrder) ?? releaseQueryOrder.valueOf('descending')) === 0;
  const top = query.int('$top', 1) ?? defaultTop;
  const token = query.int('continuationToken', 0);
  const expand = query.enumValue('$expand', releaseExpands) ?? 0;
  const isDeleted = query.bool('isDeleted') ?? false;
  const releaseIds = query.intList('releaseIdFilter');

  const matching = request.state.releases.releases.filter((release) => {
    if (release.projectId !== project.id || isDeleted) return false;
    if (definitionId !== undefined && release.definitionId !== definitionId) return false;
    if (releaseIds !== undefined && !releaseIds.includes(release.id)) return false;
    if (searchText !== undefined && !release.name.toLowerCase().includes(searchText)) return false;
    if (createdBy !== undefined && !identityMatches(release.createdBy, createdBy)) return false;
    if (
      statusFilter !== undefined &&
      statusFilter !== 0 &&
      (releaseStatus.valueOf(release.status) & statusFilter) === 0
    )
      return false;
    if (minCreatedTime !== undefined && release.createdOn < minCreatedTime) return false;
    if (maxCreatedTime !== undefined && release.createdOn > maxCreatedTime) return false;
    const stages =
      definitionEnvironmentId === undefined
        ? release.environments
        : release.environments.filter(
            (environment) => environment.definitionEnvironmentId === definitionEnvironmentId,
          );
    if (stages.length === 0) return false;
    if (
      environmentStatusFilter !== undefined &&
      environmentStatusFilter !== 0 &&
      !stages.some(
        (environment) => (environmentStatus.valueOf(environment.status) & environmentStatusFilter) !== 0,
      )
    ) {
      return false;
    }
    return true;
  });
  const sorted = [...matching].sort((a, b) => (descending ? b.id - a.id : a.id - b.id));
  const page = continuationPage(sorted, { top, token, descending, sortKey: (release) => release.id });
  return listResponse({
    items: page.items.map((release) =>
      releaseView(release, definitionOf(request, release), context, {
        environments: (expand & releaseExpands.valueOf('environments')) !== 0,
        variables: (expand & releaseExpands.valueOf('variables')) !== 0,
      }),
    ),
    continuationToken: page.continuationToken,
  });
}

function getRelease(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const release = requireRelease(request.state.releases, project.id, routeInt(request, 'releaseId') ?? 0);
  return {
    status: 200,
    body: releaseView(release, definitionOf(request, release), context, {
      environments: true,
      variables: true,
    }),
  };
}

function getReleaseEnvironment(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const release = requireRelease(request.state.releases, project.id, routeInt(request, 'releaseId') ?? 0);
  const environment = requireEnvironment(release, requiredEnvironmentId(request));
  return {
    status: 200,
    body: environmentView(release, definitionOf(request, release), environment, context),
  };
}

function updateReleaseEnvironment(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const release = requireRelease(request.state.releases, project.id, routeInt(request, 'releaseId') ?? 0);
  const environment = requireEnvironment(release, requiredEnvironmentId(request));
  const update = readEnvironmentUpdate(request.body);
  request.state.releases.updateEnvironment(release, environment, update, request.requester);
  return {
    status: 200,
    body: environmentView(release, definitionOf(request, release), environment, context),
  };
}

function getReleaseHistory(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const release = requireRelease(request.state.releases, project.id, routeInt(request, 'releaseId') ?? 0);
  return listResponse({
    items: release.revisions.map((revision) => revisionView(release, revision, context)),
    continuationToken: undefined,
  });
}

function listDeployments(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const { query } = request;
  const definitionId = query.int('definitionId');
  const definitionEnvironmentId = query.int('definitionEnvironmentId');
  const createdBy = query.string('createdBy')?.toLowerCase();
  const createdFor = query.string('createdFor')?.toLowerCase();
  const minModifiedTime = query.date('minModifiedTime');
  const maxModifiedTime = query.date('maxModifiedTime');
  const minStartedTime = query.date('minStartedTime');
  const maxStartedTime = query.date('maxStartedTime');
  const statusFilter = query.enumValue('deploymentStatus', deploymentStatus) ?? 0;
  const operationFilter = query.enumValue('operationStatus', deploymentOperationStatus) ?? 0;
  const latestAttemptsOnly = query.bool('latestAttemptsOnly') ?? false;
  const descending =
    (query.enumValue('queryOrder', releaseQueryOrder) ?? releaseQueryOrder.valueOf('descending')) === 0;
  const top = query.int('$top', 1) ?? defaultTop;
  const token = query.int('continuationToken', 0);
  const sourceBranch = query.string('sourceBranch');

  const matching = request.state.releases.deployments.filter(
    ({ release, environment, deployment }: DeploymentRow) => {
      if (release.projectId !== project.id) return false;
      if (definitionId !== undefined && release.definitionId !== definitionId) return false;
      if (
        definitionEnvironmentId !== undefined &&
        environment.definitionEnvironmentId !== definitionEnvironmentId
      )
        return false;
      if (latestAttemptsOnly && environment.attempts.at(-1) !== deployment) return false;
      if (statusFilter !== 0 && (deploymentStatus.valueOf(deployment.deploymentStatus) & statusFilter) === 0)
        return false;
      if (
        operationFilter !== 0 &&
        (deploymentOperationStatus.valueOf(deployment.operationStatus) & operationFilter) === 0
      )
        return false;
      if (createdBy !== undefined && !identityMatches(deployment.requestedBy, createdBy)) return false;
      if (createdFor !== undefined && !identityMatches(deployment.requestedBy, createdFor)) return false;
      if (minModifiedTime !== undefined && deployment.lastModifiedOn < minModifiedTime) return false;
      if (maxModifiedTime !== undefined && deployment.lastModifiedOn > maxModifiedTime) return false;
      if (
        minStartedTime !== undefined &&
        (deployment.startedOn === undefined || deployment.startedOn < minStartedTime)
      )
        return false;
      if (
        maxStartedTime !== undefined &&
        (deployment.startedOn === undefined || deployment.startedOn > maxStartedTime)
      )
        return false;
      if (sourceBranch !== undefined && release.sourceBranch.toLowerCase() !== sourceBranch.toLowerCase())
        return false;
      return true;
    },
  );
  const sorted = [...matching].sort((a, b) =>
    descending ? b.deployment.id - a.deployment.id : a.deployment.id - b.deployment.id,
  );
  const page = continuationPage(sorted, { top, token, descending, sortKey: (row) => row.deployment.id });
  return listResponse({
    items: page.items.map((row) => deploymentView(row, definitionOf(request, row.release), context)),
    continuationToken: page.continuationToken,
  });
}

function requiredEnvironmentId(request: RouteRequest): number {
  const environmentId = routeInt(request, 'environmentId');
  if (environmentId === undefined) {
    throw new AdoServiceError(
      405,
      'HttpException',
      'The requested resource does not support listing the environments of a release; get the release instead.',
    );
  }
  return environmentId;
}

function definitionOf(request: RouteRequest, release: ReleaseRecord): ReleaseDefinitionRecord {
  const definition = request.state.releases.definition(release.definitionId);
  if (definition === undefined)
    throw entityNotFound(
      'ReleaseDefinitionNotFoundException',
      `Release pipeline with ID ${release.definitionId} does not exist.`,
    );
  return definition;
}

function identityMatches(
  identity: { readonly id: string; readonly uniqueName: string },
  wanted: string,
): boolean {
  return identity.id.toLowerCase() === wanted || identity.uniqueName.toLowerCase() === wanted;
}

/** Validates a `ReleaseEnvironmentUpdateMetadata` body; each rejection names the JSON path. */
function readEnvironmentUpdate(body: unknown): EnvironmentUpdate {
  if (body === undefined || body === null) {
    throw new AdoServiceError(
      400,
      'ArgumentNullException',
      'Value cannot be null.\r\nParameter name: environmentUpdateData',
      'System.ArgumentNullException, mscorlib',
    );
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalidArgument(
      `The request body must be a ReleaseEnvironmentUpdateMetadata object, found ${Array.isArray(body) ? 'an array' : typeof body}.`,
    );
  }
  const fields = body as Record<string, unknown>;
  if (fields['status'] === undefined || fields['status'] === null) {
    throw invalidArgument("status is required: 'inProgress' (2) to deploy or 'canceled' (8) to cancel.");
  }
  const status = environmentStatus.parseName(fields['status'], 'status');
  const comment = fields['comment'];
  if (comment !== undefined && comment !== null && typeof comment !== 'string') {
    throw invalidArgument(`comment must be a string, found ${typeof comment}.`);
  }
  const scheduled = fields['scheduledDeploymentTime'];
  let scheduledDeploymentTime: number | undefined;
  if (scheduled !== undefined && scheduled !== null) {
    scheduledDeploymentTime = typeof scheduled === 'string' ? Date.parse(scheduled) : Number.NaN;
    if (Number.isNaN(scheduledDeploymentTime)) {
      throw invalidArgument(
        `scheduledDeploymentTime must be an ISO-8601 date, found ${JSON.stringify(scheduled)}.`,
      );
    }
  }
  return {
    status,
    comment: comment ?? undefined,
    scheduledDeploymentTime,
    variables: readVariables(fields['variables']),
  };
}

function readVariables(raw: unknown): Record<string, VariableRecord> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw invalidArgument('variables must be an object of name → {value, isSecret, allowOverride}.');
  const variables: Record<string, VariableRecord> = {};
  for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw invalidArgument(`variables.${name} must be an object {value, isSecret, allowOverride}.`);
    }
    const { value, isSecret, allowOverride } = entry as Record<string, unknown>;
    if (
      value !== undefined &&
      value !== null &&
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean'
    ) {
      throw invalidArgument(`variables.${name}.value must be a string, found ${typeof value}.`);
    }
    for (const [field, flag] of [
      ['isSecret', isSecret],
      ['allowOverride', allowOverride],
    ] as const) {
      if (flag !== undefined && flag !== null && typeof flag !== 'boolean') {
        throw invalidArgument(`variables.${name}.${field} must be a boolean, found ${typeof flag}.`);
      }
    }
    variables[name] = {
      value: value === undefined || value === null ? '' : String(value),
      isSecret: isSecret === true,
      allowOverride: allowOverride === true,
    };
  }
  return variables;
}
