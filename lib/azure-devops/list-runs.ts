import { nodeApiRoutes } from './node-api-routes';
import { parsePipelineRun, type PipelineRun } from './parse-pipeline-run';
import { type SendRequest } from './send-request';
import { WireReader } from './wire-reader';

/**
 * The runs of a YAML pipeline, newest first (`GET …/_apis/pipelines/{pipelineId}/runs`). The Pipelines
 * API does not page this list: it answers with up to the 10 000 most recent runs in one body. Use
 * `listBuilds` to filter by branch, status or time on the service side.
 */
export async function listRuns(
  send: SendRequest,
  project: string,
  pipelineId: number,
): Promise<PipelineRun[]> {
  const response = await send({
    route: nodeApiRoutes.pipelineRuns,
    method: 'GET',
    expect: 'json',
    routeValues: { project, pipelineId },
  });
  return WireReader.of(response).listItems().map(parsePipelineRun);
}
