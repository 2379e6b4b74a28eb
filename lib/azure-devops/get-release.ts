import { nodeApiRoutes } from './node-api-routes';
import { parseRelease, type Release } from './parse-release';
import { type SendRequest } from './send-request';
import { WireReader } from './wire-reader';

/** One release with its stages and variables (`GET …/_apis/release/releases/{releaseId}`). */
export async function getRelease(send: SendRequest, project: string, releaseId: number): Promise<Release> {
  const response = await send({
    route: nodeApiRoutes.releases,
    method: 'GET',
    expect: 'json',
    routeValues: { project, releaseId },
  });
  return parseRelease(WireReader.of(response));
}
