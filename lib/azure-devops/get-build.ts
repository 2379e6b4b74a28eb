import { nodeApiRoutes } from './node-api-routes';
import { parseBuild, type Build } from './parse-build';
import { type SendRequest } from './send-request';
import { WireReader } from './wire-reader';

/** One build (a YAML run) by id (`GET …/_apis/build/builds/{buildId}`). */
export async function getBuild(send: SendRequest, project: string, buildId: number): Promise<Build> {
  const response = await send({
    route: nodeApiRoutes.builds,
    method: 'GET',
    expect: 'json',
    routeValues: { project, buildId },
  });
  return parseBuild(WireReader.of(response));
}
