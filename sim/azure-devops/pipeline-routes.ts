import { entityNotFound, invalidArgument } from './ado-service-error';
import { type RunRequest } from './pipeline-store';
import { runView } from './pipeline-views';
import {
  listResponse,
  projectContext,
  routeInt,
  type LocationHandlers,
  type RouteRequest,
  type RouteResponse,
} from './route-handler';

/**
 * The Pipelines API runs resource (api-facts §B.3): list a pipeline's runs (newest first, no paging, as
 * the service returns up to 10 000 runs in one answer), get one run, and run the pipeline with
 * resources, template parameters, variables and stages to skip.
 */
export const pipelineRoutes: LocationHandlers = {
  pipelineRuns: {
    GET: (request) => (request.routeValues['runId'] === undefined ? listRuns(request) : getRun(request)),
    POST: runPipeline,
  },
};

const maxRunsListed = 10_000;

function listRuns(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const pipeline = request.state.pipelines.requirePipeline(project.id, routeInt(request, 'pipelineId') ?? 0);
  const runs = request.state.pipelines.builds
    .filter((build) => build.pipelineId === pipeline.id)
    .sort((a, b) => b.id - a.id)
    .slice(0, maxRunsListed);
  return listResponse({
    items: runs.map((build) => runView(build, pipeline, context)),
    continuationToken: undefined,
  });
}

function getRun(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const pipeline = request.state.pipelines.requirePipeline(project.id, routeInt(request, 'pipelineId') ?? 0);
  const runId = routeInt(request, 'runId') ?? 0;
  const build = request.state.pipelines.build(runId, project.id);
  if (build === undefined || build.pipelineId !== pipeline.id) {
    throw entityNotFound(
      'PipelineRunNotFoundException',
      `Run ${runId} of pipeline ${pipeline.id} does not exist.`,
    );
  }
  return { status: 200, body: runView(build, pipeline, context) };
}

function runPipeline(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const pipeline = request.state.pipelines.requirePipeline(project.id, routeInt(request, 'pipelineId') ?? 0);
  if (routeInt(request, 'runId') !== undefined)
    throw invalidArgument('POST runs takes no run id: POST …/pipelines/{pipelineId}/runs.');
  const pipelineVersion = request.query.int('pipelineVersion', 1);
  if (pipelineVersion !== undefined && pipelineVersion !== pipeline.revision) {
    throw invalidArgument(
      `pipelineVersion ${pipelineVersion} of pipeline '${pipeline.name}' does not exist; the simulator keeps revision ${pipeline.revision} only.`,
    );
  }
  const build = request.state.pipelines.runPipeline(
    pipeline,
    readRunRequest(request.body),
    request.requester,
  );
  return { status: 200, body: runView(build, pipeline, context) };
}

/** Validates a `RunPipelineParameters` body; each rejection names the JSON path. */
function readRunRequest(body: unknown): RunRequest {
  const fields = body === undefined || body === null ? {} : asObject(body, 'the request body');
  if (fields['previewRun'] === true) throw invalidArgument('previewRun is not supported by the simulator.');
  if (typeof fields['yamlOverride'] === 'string')
    throw invalidArgument('yamlOverride is not supported by the simulator.');
  const resources =
    fields['resources'] === undefined || fields['resources'] === null
      ? {}
      : asObject(fields['resources'], 'resources');
  const repositories =
    resources['repositories'] === undefined || resources['repositories'] === null
      ? {}
      : asObject(resources['repositories'], 'resources.repositories');
  for (const name of Object.keys(repositories)) {
    if (name !== 'self')
      throw invalidArgument(
        `resources.repositories.${name}: the simulated pipelines have only the 'self' repository.`,
      );
  }
  const self =
    repositories['self'] === undefined ? {} : asObject(repositories['self'], 'resources.repositories.self');
  const refName = optionalString(self['refName'], 'resources.repositories.self.refName');
  const version = optionalString(self['version'], 'resources.repositories.self.version');
  const templateParameters: Record<string, string> = {};
  const rawParameters = fields['templateParameters'];
  if (rawParameters !== undefined && rawParameters !== null) {
    for (const [name, value] of Object.entries(asObject(rawParameters, 'templateParameters'))) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw invalidArgument(`templateParameters.${name} must be a string, found ${typeof value}.`);
      }
      templateParameters[name] = String(value);
    }
  }
  const variables: Record<string, { value: string; isSecret: boolean }> = {};
  const rawVariables = fields['variables'];
  if (rawVariables !== undefined && rawVariables !== null) {
    for (const [name, entry] of Object.entries(asObject(rawVariables, 'variables'))) {
      const variable = asObject(entry, `variables.${name}`);
      const value = optionalString(variable['value'], `variables.${name}.value`) ?? '';
      const isSecret = variable['isSecret'];
      if (isSecret !== undefined && isSecret !== null && typeof isSecret !== 'boolean') {
        throw invalidArgument(`variables.${name}.isSecret must be a boolean, found ${typeof isSecret}.`);
      }
      variables[name] = { value, isSecret: isSecret === true };
    }
  }
  const rawSkip = fields['stagesToSkip'];
  let stagesToSkip: string[] = [];
  if (rawSkip !== undefined && rawSkip !== null) {
    if (!Array.isArray(rawSkip) || !rawSkip.every((entry): entry is string => typeof entry === 'string')) {
      throw invalidArgument('stagesToSkip must be an array of stage names.');
    }
    stagesToSkip = rawSkip;
  }
  return { refName, version, templateParameters, variables, stagesToSkip };
}

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(
      `${path} must be an object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`,
    );
  }
  return value as Record<string, unknown>;
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`${path} must be a string, found ${typeof value}.`);
  return value;
}
