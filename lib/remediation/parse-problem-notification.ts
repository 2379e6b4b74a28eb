import { findExcessiveNesting, MAX_JSON_NESTING } from '../json/find-excessive-nesting';
import { lineAndColumn } from '../json/line-and-column';
import { locateJsonSyntaxError } from '../json/locate-json-syntax-error';
import { isEntityId } from './entity-id';
import { type ImpactedEntity, type ProblemNotification } from './problem-notification';
import { ProblemNotificationError } from './problem-notification-error';

/** More entities than this are not looked at: each costs an Events API query. */
export const MAX_ENTITIES = 50;
/** Deepest nesting of objects and arrays accepted; a body nested deeper is refused before anything runs. */
export const MAX_NESTING_DEPTH = MAX_JSON_NESTING;

const PLACEHOLDER = /^\{[A-Za-z0-9[\]_]+\}$/;
const EXAMPLE_TEMPLATE =
  '{"State":"{State}","ProblemID":"{ProblemID}","ProblemTitle":"{ProblemTitle}","PID":"{PID}","ImpactedEntities":{ImpactedEntities}}';

type JsonObject = Readonly<Record<string, unknown>>;

/**
 * Reads a Dynatrace problem notification from the body of a custom-integration webhook call.
 *
 * The payload is a template the user wrote, so this is tolerant: keys match case-insensitively, unknown
 * keys are ignored, and the data may come from the original Unbreakable template
 * (`State`, `ProblemID`, `ProblemTitle`, `PID`, `ImpactedEntities`), from `{ProblemDetailsJSONv2}` (a v2
 * `Problem`: impactedEntities, affectedEntities, rootCauseEntity, startTime, displayId, status) or from
 * `{ProblemDetailsJSON}` (a v1 problem: rankedImpacts, startTime, displayName, status), plus `{Tags}` and
 * `{ProblemURL}`. Entities whose id is not a Dynatrace entity id are dropped with a note, because ids end up
 * in Events API selectors.
 *
 * @throws ProblemNotificationError when the body is not a JSON object or has no problem id or state.
 */
export function parseProblemNotification(body: string): ProblemNotification {
  const text = body.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new ProblemNotificationError(
      `body is empty; expected the JSON payload of the Dynatrace custom integration, e.g. ${EXAMPLE_TEMPLATE}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProblemNotificationError(describeSyntaxError(text));
  }
  const excess = findExcessiveNesting(text, MAX_NESTING_DEPTH);
  if (excess !== undefined) {
    throw new ProblemNotificationError(
      `body nests objects and arrays more than ${MAX_NESTING_DEPTH} levels deep at ${describePosition(text, excess.offset)}; ` +
        'a Dynatrace problem notification nests fewer than ten levels',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ProblemNotificationError(
      `body is ${describeKind(parsed)}; expected a JSON object such as ${EXAMPLE_TEMPLATE}`,
    );
  }
  const notes: string[] = [];
  const fields = new CaseInsensitiveFields(parsed as JsonObject);
  // Keptn-style templates put either shape under `ProblemDetails`; the id fields tell them apart.
  const generic = fields.object('ProblemDetails', notes);
  const genericIsV2 = generic !== undefined && ('problemId' in generic.value || 'displayId' in generic.value);
  const v2 = fields.object('ProblemDetailsJSONv2', notes) ?? (genericIsV2 ? generic : undefined);
  const v1 = fields.object('ProblemDetailsJSON', notes) ?? (genericIsV2 ? undefined : generic);
  const v2Fields = v2 === undefined ? undefined : new CaseInsensitiveFields(v2.value, v2.name);
  const v1Fields = v1 === undefined ? undefined : new CaseInsensitiveFields(v1.value, v1.name);

  const problemId =
    fields.identifier('PID') ?? v2Fields?.identifier('problemId') ?? v1Fields?.identifier('id');
  if (problemId === undefined) {
    throw new ProblemNotificationError(
      'PID is missing: the payload must carry the internal problem id, e.g. "PID":"{PID}"',
      'PID',
    );
  }
  const state = readState(fields, v2Fields, v1Fields);
  const displayId =
    fields.identifier('ProblemID') ??
    v2Fields?.identifier('displayId') ??
    v1Fields?.identifier('displayName');
  const title = fields.text('ProblemTitle') ?? v2Fields?.text('title') ?? v1Fields?.text('title');
  const problemUrl = fields.text('ProblemURL');
  const startTime = v2Fields?.epochMs('startTime') ?? v1Fields?.epochMs('startTime');

  const entities = new EntityCollector(notes);
  entities.addList(fields.entityList('ImpactedEntities', notes), readWebhookEntity);
  if (v2Fields !== undefined) {
    entities.addOne(v2Fields.get('rootCauseEntity'), readV2Entity);
    entities.addList(v2Fields.list('impactedEntities'), readV2Entity);
    entities.addList(v2Fields.list('affectedEntities'), readV2Entity);
  }
  if (v1Fields !== undefined) entities.addList(v1Fields.list('rankedImpacts'), readV1Entity);

  return {
    state,
    problemId,
    ...(displayId === undefined ? {} : { displayId }),
    ...(title === undefined ? {} : { title }),
    ...(problemUrl === undefined ? {} : { problemUrl }),
    ...(startTime === undefined ? {} : { startTime }),
    entities: entities.result(),
    tags: readTags(fields.get('Tags')),
    notes,
  };
}

function readState(
  fields: CaseInsensitiveFields,
  v2: CaseInsensitiveFields | undefined,
  v1: CaseInsensitiveFields | undefined,
): string {
  const state = fields.identifier('State');
  if (state !== undefined) return state.toUpperCase();
  const status = v2?.identifier('status') ?? v1?.identifier('status');
  if (status !== undefined) {
    // The Problems API says CLOSED where the webhook says RESOLVED.
    return status.toUpperCase() === 'CLOSED' ? 'RESOLVED' : status.toUpperCase();
  }
  throw new ProblemNotificationError(
    'State is missing: the payload must say whether the problem is OPEN or RESOLVED, e.g. "State":"{State}"',
    'State',
  );
}

/** Object access by key regardless of case, remembering how the sender spelled the key for messages. */
class CaseInsensitiveFields {
  private readonly byLowerKey = new Map<string, { key: string; value: unknown }>();

  constructor(
    object: JsonObject,
    private readonly prefix?: string,
  ) {
    for (const [key, value] of Object.entries(object)) {
      const lower = key.toLowerCase();
      if (!this.byLowerKey.has(lower)) this.byLowerKey.set(lower, { key, value });
    }
  }

  get(name: string): { key: string; value: unknown } | undefined {
    const entry = this.byLowerKey.get(name.toLowerCase());
    if (entry === undefined || entry.value === null || entry.value === undefined) return undefined;
    return { key: this.prefix === undefined ? entry.key : `${this.prefix}.${entry.key}`, value: entry.value };
  }

  /** A string (or number) that identifies something; an unreplaced `{Placeholder}` is an error. */
  identifier(name: string): string | undefined {
    const entry = this.get(name);
    if (entry === undefined) return undefined;
    const { key, value } = entry;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') {
      throw new ProblemNotificationError(`${key} is ${describeKind(value)}; expected a string`, key);
    }
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    if (PLACEHOLDER.test(trimmed)) {
      throw new ProblemNotificationError(
        `${key} is the unreplaced placeholder "${trimmed}"; check the spelling of the placeholder in the payload template`,
        key,
      );
    }
    return trimmed;
  }

  text(name: string): string | undefined {
    const value = this.get(name)?.value;
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    return trimmed === '' || PLACEHOLDER.test(trimmed) ? undefined : trimmed;
  }

  epochMs(name: string): number | undefined {
    const value = this.get(name)?.value;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  }

  list(name: string): { key: string; items: readonly unknown[] } | undefined {
    const entry = this.get(name);
    return entry !== undefined && Array.isArray(entry.value)
      ? { key: entry.key, items: entry.value }
      : undefined;
  }

  /**
   * A nested object. Templates that quote a `{ProblemDetailsJSON…}` placeholder deliver it as a string
   * holding JSON, so a string is parsed too; anything unusable is noted and ignored.
   */
  object(name: string, notes: string[]): { name: string; value: JsonObject } | undefined {
    const entry = this.get(name);
    if (entry === undefined) return undefined;
    const value = typeof entry.value === 'string' ? tryParseJson(entry.value) : entry.value;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return { name: entry.key, value: value as JsonObject };
    }
    notes.push(`${entry.key} is ${describeKind(entry.value)}, not a JSON object; ignored`);
    return undefined;
  }

  /** `{ImpactedEntities}` arrives as a raw array, or (older Dynatrace versions) as a string holding one. */
  entityList(name: string, notes: string[]): { key: string; items: readonly unknown[] } | undefined {
    const entry = this.get(name);
    if (entry === undefined) return undefined;
    const value = typeof entry.value === 'string' ? tryParseJson(entry.value) : entry.value;
    if (Array.isArray(value)) return { key: entry.key, items: value };
    notes.push(`${entry.key} is ${describeKind(entry.value)}, not a list of entities; ignored`);
    return undefined;
  }
}

type EntityReader = (value: unknown) => { id?: unknown; type?: unknown; name?: unknown } | undefined;

/** Collects entities in order, dropping duplicates and ids that are not Dynatrace entity ids. */
class EntityCollector {
  private readonly entities: ImpactedEntity[] = [];
  private readonly seen = new Set<string>();
  private dropped = 0;

  constructor(private readonly notes: string[]) {}

  addList(list: { key: string; items: readonly unknown[] } | undefined, read: EntityReader): void {
    list?.items.forEach((item, index) => this.add(item, `${list.key}[${index}]`, read));
  }

  addOne(entry: { key: string; value: unknown } | undefined, read: EntityReader): void {
    if (entry !== undefined) this.add(entry.value, entry.key, read);
  }

  result(): readonly ImpactedEntity[] {
    if (this.dropped > 0) {
      this.notes.push(`${this.dropped} more entities were ignored: at most ${MAX_ENTITIES} are looked at`);
    }
    return this.entities;
  }

  private add(value: unknown, path: string, read: EntityReader): void {
    const raw = read(value);
    const id = typeof raw?.id === 'string' ? raw.id.trim() : undefined;
    if (id === undefined || !isEntityId(id)) {
      const shown = id === undefined ? 'no entity id' : `"${id.slice(0, 80)}", not a Dynatrace entity id`;
      this.notes.push(`${path} has ${shown}; ignored`);
      return;
    }
    if (this.seen.has(id)) return;
    this.seen.add(id);
    if (this.entities.length >= MAX_ENTITIES) {
      this.dropped += 1;
      return;
    }
    const type = typeof raw?.type === 'string' && raw.type.trim() !== '' ? raw.type.trim() : undefined;
    const name = typeof raw?.name === 'string' && raw.name.trim() !== '' ? raw.name.trim() : undefined;
    this.entities.push({
      id,
      ...(type === undefined ? {} : { type }),
      ...(name === undefined ? {} : { name }),
    });
  }
}

/** `{type, name, entity}` from `{ImpactedEntities}`; `entity` may also be spelled `entityId` or `id`. */
function readWebhookEntity(value: unknown): ReturnType<EntityReader> {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = new CaseInsensitiveFields(value as JsonObject);
  const reference = fields.get('entity')?.value ?? fields.get('entityId')?.value ?? fields.get('id')?.value;
  const nested = typeof reference === 'object' && reference !== null ? (reference as JsonObject) : undefined;
  return {
    id: nested === undefined ? reference : nested['id'],
    type: fields.get('type')?.value ?? nested?.['type'],
    name: fields.get('name')?.value ?? fields.get('entityName')?.value,
  };
}

/** A v2 `EntityStub`: `{entityId: {id, type}, name}`. */
function readV2Entity(value: unknown): ReturnType<EntityReader> {
  if (typeof value !== 'object' || value === null) return undefined;
  const stub = value as JsonObject;
  const entityId = stub['entityId'];
  if (typeof entityId !== 'object' || entityId === null) return undefined;
  const reference = entityId as JsonObject;
  return { id: reference['id'], type: reference['type'], name: stub['name'] };
}

/** A v1 ranked impact: `{entityId, entityName}`. */
function readV1Entity(value: unknown): ReturnType<EntityReader> {
  if (typeof value !== 'object' || value === null) return undefined;
  const impact = value as JsonObject;
  return { id: impact['entityId'], name: impact['entityName'] };
}

/** `{Tags}` is a comma-separated string ("a, b:c"); a list of strings is accepted too. */
function readTags(entry: { key: string; value: unknown } | undefined): readonly string[] {
  if (entry === undefined) return [];
  const values = Array.isArray(entry.value)
    ? entry.value.filter((item): item is string => typeof item === 'string')
    : typeof entry.value === 'string'
      ? entry.value.split(',')
      : [];
  return values.map((tag) => tag.trim()).filter((tag) => tag !== '' && !PLACEHOLDER.test(tag));
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeSyntaxError(text: string): string {
  const problem = locateJsonSyntaxError(text);
  if (problem === undefined) return 'body is not JSON';
  return `body is not JSON at ${describePosition(text, problem.offset)}: ${problem.detail}`;
}

function describePosition(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return `line ${line} column ${column}`;
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${value}`;
  return 'an object';
}
