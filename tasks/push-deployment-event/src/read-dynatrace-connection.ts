import { InputError } from './input-error';
import { InputName } from './inputs';
import { type TaskIo } from './task-io';

/** The authorization parameter of the `dynatrace` service connection type that holds the token. */
export const API_TOKEN_PARAMETER = 'apitoken';

/** Where to send events and with which token. */
export interface DynatraceConnection {
  readonly connectionId: string;
  readonly environmentUrl: string;
  /** Without an `Api-Token ` prefix; registered as a secret before anything else happens. */
  readonly apiToken: string;
}

/**
 * Reads the Dynatrace service connection. The token is registered with `setSecret` the moment it is
 * known, before any other input is read or any line is logged, and in both forms a user may have
 * pasted (with and without the `Api-Token ` prefix the Authorization header adds).
 *
 * @throws InputError naming the connection input when the connection has no token or no URL.
 */
export function readDynatraceConnection(io: TaskIo): DynatraceConnection {
  const connectionId = io.getInput(InputName.connection)?.trim() ?? '';
  if (connectionId === '') {
    throw new InputError(InputName.connection, 'is required: choose a Dynatrace service connection');
  }
  const pasted = io.getEndpointAuthorizationParameter(connectionId, API_TOKEN_PARAMETER)?.trim() ?? '';
  if (pasted !== '') io.setSecret(pasted);
  const apiToken = pasted.replace(/^api-token(?:\s+|$)/i, '');
  if (apiToken !== pasted && apiToken !== '') io.setSecret(apiToken);
  if (apiToken === '') {
    throw new InputError(
      InputName.connection,
      `service connection "${connectionId}" has no API token (authorization parameter ` +
        `"${API_TOKEN_PARAMETER}"); edit the connection and paste a token with the events.ingest scope`,
    );
  }
  const environmentUrl = io.getEndpointUrl(connectionId)?.trim() ?? '';
  if (environmentUrl === '') {
    throw new InputError(
      InputName.connection,
      `service connection "${connectionId}" has no environment URL; expected e.g. https://abc12345.live.dynatrace.com`,
    );
  }
  return { connectionId, environmentUrl, apiToken };
}
