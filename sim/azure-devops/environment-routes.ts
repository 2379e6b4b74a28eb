import { entityNotFound } from './ado-service-error';
import { opaqueContinuationPage } from './continuation-page';
import { environmentDeploymentRecordView } from './pipeline-views';
import {
  listResponse,
  projectContext,
  routeInt,
  type LocationHandlers,
  type RouteRequest,
  type RouteResponse,
} from './route-handler';

/**
 * `GET {project}/_apis/distributedtask/environments/{id}/environmentdeploymentrecords` (api-facts §B.3):
 * the deployment jobs that ran against a pipeline environment, newest first, paged with `top` and a
 * string continuation token.
 */
export const environmentRoutes: LocationHandlers = {
  environmentDeploymentRecords: { GET: listEnvironmentDeploymentRecords },
};

const defaultTop = 50;

function listEnvironmentDeploymentRecords(request: RouteRequest): RouteResponse {
  const { project, context } = projectContext(request);
  const environmentId = routeInt(request, 'environmentId') ?? 0;
  const environment = request.state.pipelines.environment(environmentId, project.id);
  if (environment === undefined) {
    throw entityNotFound(
      'EnvironmentNotFoundException',
      `Environment with id ${environmentId} does not exist in this project.`,
    );
  }
  const records = request.state.pipelines.environmentDeploymentRecords
    .filter((record) => record.environmentId === environment.id)
    .sort((a, b) => b.id - a.id);
  const page = opaqueContinuationPage(records, {
    top: request.query.int('top', 1) ?? defaultTop,
    token: request.query.string('continuationToken'),
    parameter: 'continuationToken',
    idOf: (record) => record.id,
  });
  return listResponse({
    items: page.items.map((record) => {
      const pipeline = request.state.pipelines.pipeline(record.build.pipelineId);
      if (pipeline === undefined)
        throw entityNotFound(
          'DefinitionNotFoundException',
          `Pipeline ${record.build.pipelineId} does not exist.`,
        );
      return environmentDeploymentRecordView(record, pipeline, environment, context);
    }),
    continuationToken: page.continuationToken,
  });
}
