import { environmentStatus } from '../../sim/azure-devops/wire-enum';
import { type RedeployRequest } from './demo-summary';

/** A request as the Azure DevOps simulator recorded it. */
export interface RecordedAdoRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
}

const RELEASE_ENVIRONMENT_PATH = /\/releases\/(\d+)\/environments\/(\d+)$/i;

/**
 * Reads a `PATCH …/releases/{releaseId}/environments/{environmentId}` (ReleaseEnvironmentUpdateMetadata:
 * status, comment, variables) from the simulator's request log; `undefined` for any other request. The
 * status is named as Azure DevOps names it (azure-devops-node-api sends the number: 2 is `inProgress`).
 */
export function readRedeployRequest(request: RecordedAdoRequest): RedeployRequest | undefined {
  const match = RELEASE_ENVIRONMENT_PATH.exec(request.path);
  if (request.method !== 'PATCH' || match === null) return undefined;
  const body = record(request.body);
  const variables: Record<string, string> = {};
  for (const [name, variable] of Object.entries(record(body.variables))) {
    const value = record(variable).value;
    variables[name] = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  }
  return {
    releaseId: Number(match[1]),
    releaseEnvironmentId: Number(match[2]),
    httpStatus: request.status,
    status: statusName(body.status),
    comment: typeof body.comment === 'string' ? body.comment : '',
    variables,
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function statusName(raw: unknown): string {
  try {
    return environmentStatus.parseName(raw, 'status');
  } catch {
    return JSON.stringify(raw ?? null);
  }
}
