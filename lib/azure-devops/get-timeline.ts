import { nodeApiRoutes } from './node-api-routes';
import { parseTimeline, type Timeline } from './parse-timeline';
import { type SendRequest } from './send-request';
import { WireReader } from './wire-reader';

/**
 * The timeline of a build (`GET …/_apis/build/builds/{buildId}/timeline`): its Stage, Phase, Job and Task
 * records with identifier, state, result and attempt. A stage record's `identifier` is the name
 * `retryStage` takes.
 */
export async function getTimeline(send: SendRequest, project: string, buildId: number): Promise<Timeline> {
  const response = await send({
    route: nodeApiRoutes.buildTimeline,
    method: 'GET',
    expect: 'json',
    routeValues: { project, buildId },
  });
  return parseTimeline(WireReader.of(response));
}
