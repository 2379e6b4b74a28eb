import { type PipelineIdentity } from '../../lib/store';
import { type EvaluationContext } from './evaluation-record';
import { isUnexpandedMacro } from './is-unexpanded-macro';

type Field = keyof PipelineIdentity;

/**
 * The `context` keys read into the identity (case-insensitive), in order of preference. They match the
 * predefined variables a pipeline would put there: `"runId": "$(Build.BuildId)"`, `"releaseId":
 * "$(Release.ReleaseId)"`, `"stage": "$(System.StageName)"`, and so on.
 */
export const CONTEXT_KEYS: Readonly<Partial<Record<Field, readonly string[]>>> = {
  collectionUri: ['collectionUri'],
  projectId: ['projectId'],
  project: ['project'],
  releaseId: ['releaseId'],
  releaseName: ['releaseName'],
  runId: ['runId', 'buildId'],
  runName: ['runName', 'buildNumber'],
  stage: ['stage', 'stageName'],
  attempt: ['attempt', 'stageAttempt'],
};

const ID_FIELDS: ReadonlySet<Field> = new Set(['releaseId', 'runId', 'attempt']);
const MAX_VALUE_LENGTH = 256;

/**
 * Who asked for an evaluation, for the history and its links back to Azure DevOps: the identity headers of
 * the gate or check (collection, project, hub, plan, job, timeline, task instance), completed by the
 * release/run fields of the request's `context`. Values that are empty, unexpanded macros (`$(Build.BuildId)`),
 * not a number where an id is expected, or a collection that is not an http(s) URL are left out: the
 * context is free-form and must never make the gate fail. `undefined` when nothing is known.
 */
export function readPipelineIdentity(context: EvaluationContext): PipelineIdentity | undefined {
  const identity: Partial<Record<Field, string>> = {};
  const headers = context.azureDevOps ?? {};
  const fromRequest = lowerCaseKeys(context.request ?? {});

  for (const [field, keys] of Object.entries(CONTEXT_KEYS) as [Field, readonly string[]][]) {
    for (const key of keys) {
      const value = usable(field, fromRequest.get(key.toLowerCase()));
      if (value !== undefined) {
        identity[field] = value;
        break;
      }
    }
  }
  // The headers come from Azure DevOps itself, so they win over what a caller wrote into the context.
  const fromHeaders: readonly [Field, string | undefined][] = [
    ['collectionUri', headers.planUrl],
    ['projectId', headers.projectId],
    ['hubName', headers.hubName],
    ['planId', headers.planId],
    ['jobId', headers.jobId],
    ['timelineId', headers.timelineId],
    ['taskInstanceId', headers.taskInstanceId],
  ];
  for (const [field, raw] of fromHeaders) {
    const value = usable(field, raw);
    if (value !== undefined) identity[field] = value;
  }
  return Object.keys(identity).length === 0 ? undefined : identity;
}

function lowerCaseKeys(object: Readonly<Record<string, unknown>>): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object)) {
    if (!map.has(key.toLowerCase())) map.set(key.toLowerCase(), value);
  }
  return map;
}

function usable(field: Field, raw: unknown): string | undefined {
  if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) return undefined;
  const value = String(raw).trim();
  if (value === '' || value.length > MAX_VALUE_LENGTH || isUnexpandedMacro(value)) return undefined;
  if (ID_FIELDS.has(field) && !/^\d{1,12}$/.test(value)) return undefined;
  if (field === 'collectionUri') return collectionUri(value);
  return value;
}

/** The collection URI with a trailing slash, as `System.CollectionUri` has it; only http(s). */
function collectionUri(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return `${url.origin}${url.pathname.replace(/\/*$/, '/')}`;
}
