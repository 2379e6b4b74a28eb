import { nodeApiRoutes } from './node-api-routes';
import { parsePipelineRun, type PipelineRun } from './parse-pipeline-run';
import { type SendRequest } from './send-request';
import { WireReader } from './wire-reader';

/** One run of a YAML pipeline (`GET …/_apis/pipelines/{pipelineId}/runs/{runId}`). */
export async function getRun(
  send: SendRequest,
  project: string,
  pipelineId: number,
  runId: number,
): Promise<PipelineRun> {
  const response = await send({
    route: nodeApiRoutes.pipelineRuns,
    method: 'GET',
    expect: 'json',
    routeValues: { project, pipelineId, runId },
  });
  return parsePipelineRun(WireReader.of(response));
}
