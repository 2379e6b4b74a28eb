import { AdoServiceError } from './ado-service-error';
import { maxApiVersion } from './resource-locations';

/**
 * Reads and checks the api-version of a request (api-facts §B.0): from the `api-version` query parameter,
 * else from the Accept header (`application/json;api-version=7.2-preview.9`, how azure-devops-node-api
 * sends it). A request without one is accepted for GET, HEAD and OPTIONS (discovery) and rejected with
 * `VssVersionNotSpecifiedException` for anything else; a version newer than the service knows is
 * `VssVersionOutOfRangeException`.
 *
 * @returns the version string the response should echo, or undefined when none was given
 */
export function readApiVersion(
  method: string,
  query: URLSearchParams,
  acceptHeader: string | undefined,
): string | undefined {
  const fromQuery = [...query].find(([name]) => name.toLowerCase() === 'api-version')?.[1];
  const fromAccept = /(?:^|[;,\s])api-version\s*=\s*([^;,\s]+)/i.exec(acceptHeader ?? '')?.[1];
  const version = fromQuery ?? fromAccept;
  if (version === undefined || version === '') {
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return undefined;
    throw new AdoServiceError(
      400,
      'VssVersionNotSpecifiedException',
      `No api-version was supplied for the "${method}" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. "?api-version=1.0").`,
    );
  }
  const parsed = /^(\d+)\.(\d+)(?:-preview(?:\.(\d+))?)?$/i.exec(version);
  if (parsed === null) {
    throw new AdoServiceError(
      400,
      'VssInvalidApiVersionException',
      `The requested api-version '${version}' is not valid. Expected a version such as 7.1 or 7.2-preview.1.`,
    );
  }
  const requested = Number(`${parsed[1]}.${parsed[2]}`);
  if (requested > Number(maxApiVersion)) {
    throw new AdoServiceError(
      400,
      'VssVersionOutOfRangeException',
      `The requested REST API version of ${parsed[1]}.${parsed[2]} is out of range for this server. The latest REST API version for this server is ${maxApiVersion}.`,
    );
  }
  return version;
}
