import { isJsonContentType, renderNotificationPayload } from './notification-payload';
import { testNotificationValues } from './notification-values';
import { type Problem } from './problem-store';
import { type SimulatorState } from './simulator-state';
import { matchesTag, parseTagFilter } from './tag-filter';

/** A problem notification integration ("Custom integration" webhook), api-facts §A.8. */
export interface NotificationTarget {
  /** Shown in the delivery log; default: the URL without its query string. */
  readonly name?: string;
  /** Where the notification is POSTed (http or https). */
  readonly url: string;
  /** Custom headers, e.g. a function key or a shared secret. `Content-Type` defaults to JSON. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The payload template with `{Placeholders}`. */
  readonly payload: string;
  /**
   * Like the integration's alerting profile: only problems with an impacted entity that carries every one of
   * these tags (`[Context]key:value`) are sent. The test notification is always sent.
   */
  readonly alertingProfile?: { readonly entityTags?: readonly string[] };
  /** How long a delivery may take; default 10 000 ms. */
  readonly timeoutMs?: number;
}

/** The default time limit of one delivery. */
export const DEFAULT_NOTIFICATION_TIMEOUT_MS = 10_000;

/**
 * Checks a target the way Dynatrace checks an integration before saving it: an absolute http(s) URL, string
 * headers without line breaks, valid tag filters, a positive timeout and — for a JSON payload — a template
 * that gives valid JSON (tried with the test notification's values).
 *
 * @throws RangeError naming the field (`where.url`, `where.payload`, …) and what was expected.
 */
export function validateNotificationTarget(
  target: NotificationTarget,
  where = 'notification',
): NotificationTarget {
  const problems: string[] = [];
  let url: URL | undefined;
  try {
    url = new URL(target.url);
  } catch {
    problems.push(`${where}.url: expected an absolute http(s) URL, found ${JSON.stringify(target.url)}`);
  }
  if (url !== undefined && url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`${where}.url: expected http or https, found ${url.protocol}`);
  }
  if (typeof target.payload !== 'string' || target.payload.trim() === '') {
    problems.push(`${where}.payload: expected a payload template (a non-empty string)`);
  }
  const headers: unknown = target.headers;
  if (headers !== undefined && (typeof headers !== 'object' || headers === null || Array.isArray(headers))) {
    problems.push(`${where}.headers: expected an object of header names and values`);
  }
  for (const [name, value] of Object.entries(isPlainObject(headers) ? headers : {})) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name))
      problems.push(`${where}.headers: "${name}" is not a header name`);
    // The value is not echoed: headers carry secrets.
    if (typeof value !== 'string' || /[\r\n]/.test(value)) {
      problems.push(`${where}.headers.${name}: expected a string without line breaks`);
    }
  }
  const entityTags: unknown = target.alertingProfile?.entityTags;
  if (entityTags !== undefined && !Array.isArray(entityTags)) {
    problems.push(
      `${where}.alertingProfile.entityTags: expected a list of tags such as "DeploymentGroup:Production"`,
    );
  }
  (Array.isArray(entityTags) ? (entityTags as unknown[]) : []).forEach((tag, index) => {
    try {
      if (typeof tag !== 'string')
        throw new Error(`expected a tag such as "DeploymentGroup:Production", found ${JSON.stringify(tag)}`);
      parseTagFilter(tag);
    } catch (error) {
      problems.push(`${where}.alertingProfile.entityTags[${index}]: ${(error as Error).message}`);
    }
  });
  if (
    target.timeoutMs !== undefined &&
    !(typeof target.timeoutMs === 'number' && Number.isFinite(target.timeoutMs) && target.timeoutMs > 0)
  ) {
    problems.push(
      `${where}.timeoutMs: expected a positive number of milliseconds, found ${String(target.timeoutMs)}`,
    );
  }
  if (problems.length === 0 && isJsonContentType(contentTypeOf(target))) {
    const sample = renderNotificationPayload(
      target.payload,
      testNotificationValues('https://sample.invalid', 0),
      {
        json: true,
      },
    );
    try {
      JSON.parse(sample);
    } catch (error) {
      problems.push(
        `${where}.payload: the JSON payload is invalid once its placeholders are filled in (${(error as Error).message}); ` +
          'quote text placeholders such as "{ProblemTitle}" and leave {ImpactedEntities} and {ProblemDetailsJSON…} unquoted',
      );
    }
  }
  if (problems.length > 0) throw new RangeError(`Invalid problem notification: ${problems.join('; ')}`);
  return target;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The configured `Content-Type` header, found case-insensitively. */
export function contentTypeOf(target: NotificationTarget): string | undefined {
  return Object.entries(target.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
}

/** Whether the target's alerting profile lets a notification about `problem` through. */
export function matchesAlertingProfile(
  target: NotificationTarget,
  problem: Problem,
  state: SimulatorState,
): boolean {
  const filters = (target.alertingProfile?.entityTags ?? []).map(parseTagFilter);
  if (filters.length === 0) return true;
  return problem.impactedEntityIds.some((entityId) => {
    const tags = state.entities.get(entityId)?.tags ?? [];
    return filters.every((filter) => tags.some((tag) => matchesTag(filter, tag)));
  });
}

/** What the delivery log calls a target: its name, else its URL without the query string. */
export function targetName(target: NotificationTarget): string {
  return target.name !== undefined && target.name !== '' ? target.name : withoutQuery(target.url);
}

/** A URL without its query string and fragment, which may carry a key (`?code=`). */
export function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
