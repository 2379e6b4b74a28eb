import { nodeApiRoutes } from './node-api-routes';
import { parseReleaseEnvironment, type ReleaseEnvironment } from './parse-release';
import { type SendRequest } from './send-request';
import { WireReader } from './wire-reader';

/**
 * One stage of one release (`GET …/releases/{releaseId}/environments/{environmentId}`); `environmentId`
 * is the release-environment id, not the definition's stage id.
 */
export async function getReleaseEnvironment(
  send: SendRequest,
  project: string,
  releaseId: number,
  environmentId: number,
): Promise<ReleaseEnvironment> {
  const response = await send({
    route: nodeApiRoutes.releaseEnvironments,
    method: 'GET',
    expect: 'json',
    routeValues: { project, releaseId, environmentId },
  });
  return parseReleaseEnvironment(WireReader.of(response));
}
