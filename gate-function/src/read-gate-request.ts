import { type HttpRequest } from '@azure/functions';
import { findExcessiveNesting, MAX_JSON_NESTING } from '../../lib/json/find-excessive-nesting';
import { lineAndColumn } from '../../lib/json/line-and-column';

import { MAX_WINDOW_MINUTES, MISSING_DATA_POLICIES, type MissingDataPolicy } from '../../lib/monspec';
import { type GateRequest, type MonspecInput, type WindowEnd } from './gate-request';
import { GateRequestError } from './gate-request-error';
import { isUnexpandedMacro } from './is-unexpanded-macro';
import { MultipartFormError } from './multipart-form-error';
import { parseMultipartForm, readMultipartBoundary } from './parse-multipart-form';

/** Bodies above this are refused with 413: a monspec may have 1 MB, and the rest of a request is small. */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/** The fields of a gate request. Names are matched case-insensitively (`onMissingSource` works too). */
export const GATE_REQUEST_FIELDS = [
  'monspec',
  'monspecUrl',
  'monspecSource',
  'service',
  'comparison',
  'window',
  'end',
  'onmissingsource',
  'onmissingcompare',
  'context',
] as const;

type FieldName = (typeof GATE_REQUEST_FIELDS)[number];

/** A field as it arrived: JSON values keep their type, form fields are strings. */
type Fields = ReadonlyMap<FieldName, unknown>;

const MAX_NAME_LENGTH = 256;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Reads a gate request from either of its two encodings into one validated {@link GateRequest}:
 * - `application/json`: the documented API (curl, scripts, the built-in "Invoke Azure Function" check);
 * - `multipart/form-data`: what the quality-gate server task sends, because Azure DevOps pastes task
 *   inputs into its body template as raw text, and a form part carries quotes, backslashes and line
 *   breaks unchanged where a JSON string would break. Empty fields count as absent.
 *
 * @throws GateRequestError (400, 413 or 415) naming the field at fault.
 */
export async function readGateRequest(request: HttpRequest): Promise<GateRequest> {
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const isJson = mediaType === 'application/json' || mediaType.endsWith('+json');
  if (!isJson && mediaType !== 'multipart/form-data') {
    throw new GateRequestError(
      `expected Content-Type application/json or multipart/form-data, found ${contentType === '' ? 'none' : JSON.stringify(contentType)}` +
        (mediaType === 'application/x-www-form-urlencoded'
          ? " (curl -d sends that unless you add -H 'Content-Type: application/json')"
          : ''),
      { status: 415 },
    );
  }
  const declaredLength = Number(request.headers.get('content-length') ?? '0');
  if (declaredLength > MAX_REQUEST_BYTES) throw tooLarge(declaredLength);
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_REQUEST_BYTES) throw tooLarge(bytes.byteLength);
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.trim() === '') {
    throw new GateRequestError(
      'the request has no body; expected {"monspecUrl" or "monspec", "service", "comparison", …}',
    );
  }
  return readFields(isJson ? readJsonFields(text) : readFormFields(text, contentType));
}

function tooLarge(bytes: number): GateRequestError {
  return new GateRequestError(
    `the request body has ${bytes} bytes; at most ${MAX_REQUEST_BYTES} are accepted (a monspec may have 1 MB)`,
    { status: 413 },
  );
}

function readJsonFields(text: string): Fields {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new GateRequestError(
      `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  // Checked before anything walks the value: echoing or redacting a deeply nested context would
  // overflow the stack after Dynatrace had already been queried.
  const excess = findExcessiveNesting(text, MAX_JSON_NESTING);
  if (excess !== undefined) {
    const { line, column } = lineAndColumn(text, excess.offset);
    throw new GateRequestError(
      `the body nests objects and arrays more than ${MAX_JSON_NESTING} levels deep at line ${line}, column ${column}; ` +
        'a gate request needs only a few',
    );
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new GateRequestError(`expected a JSON object, found ${describeValue(body)}`);
  }
  const fields = new Map<FieldName, unknown>();
  for (const [name, value] of Object.entries(body)) {
    addField(fields, name, value);
  }
  return fields;
}

/**
 * Form parts named `context.<name>` carry the pipeline identity the quality-gate task sends (release or run,
 * stage, attempt). The task sends the variables of classic releases and YAML runs alike; in each kind of
 * pipeline the other kind's variables stay unexpanded (`$(Release.ReleaseId)`) and are dropped here.
 */
const CONTEXT_PART = /^context\.([A-Za-z][\w-]{0,63})$/i;
const MAX_CONTEXT_PARTS = 32;

function readFormFields(text: string, contentType: string): Fields {
  let parts;
  try {
    parts = parseMultipartForm(text, readMultipartBoundary(contentType));
  } catch (error) {
    if (!(error instanceof MultipartFormError)) throw error;
    throw new GateRequestError(`the multipart/form-data body cannot be read: ${error.message}`, {
      cause: error,
    });
  }
  const fields = new Map<FieldName, unknown>();
  const seen = new Set<string>();
  const once = (key: string, sentName: string): void => {
    if (seen.has(key)) duplicate(sentName);
    seen.add(key);
  };
  const context: Record<string, string> = {};
  let contextParts = 0;
  for (const part of parts) {
    const contextKey = CONTEXT_PART.exec(part.name)?.[1];
    if (contextKey !== undefined) {
      once(`context.${contextKey.toLowerCase()}`, part.name);
      contextParts += 1;
      if (contextParts > MAX_CONTEXT_PARTS) {
        throw new GateRequestError(`at most ${MAX_CONTEXT_PARTS} context.* parts are accepted`, {
          path: 'context',
        });
      }
      const value = part.value.trim();
      if (value !== '' && !isUnexpandedMacro(value)) context[contextKey] = value;
      continue;
    }
    const name = knownName(part.name);
    once(name, part.name);
    if (name === 'context') {
      throw new GateRequestError(
        'a form sends its context as context.<name> parts, not as one context part',
        {
          path: 'context',
        },
      );
    }
    // An empty form field is an input left blank; it means "not given".
    if (part.value.trim() !== '') fields.set(name, part.value);
  }
  if (Object.keys(context).length > 0) fields.set('context', context);
  return fields;
}

function addField(fields: Map<FieldName, unknown>, sentName: string, value: unknown): void {
  const name = knownName(sentName);
  if (fields.has(name)) duplicate(sentName);
  fields.set(name, value);
}

function knownName(sentName: string): FieldName {
  const lower = sentName.toLowerCase();
  const name = GATE_REQUEST_FIELDS.find((field) => field.toLowerCase() === lower);
  if (name === undefined) {
    throw new GateRequestError(
      `unknown field ${JSON.stringify(sentName)}; a gate request has ${GATE_REQUEST_FIELDS.join(', ')}`,
      { path: sentName },
    );
  }
  return name;
}

function duplicate(sentName: string): never {
  throw new GateRequestError(`the field ${JSON.stringify(sentName)} is given more than once`, {
    path: sentName,
  });
}

function readFields(fields: Fields): GateRequest {
  const onMissingSource = readPolicy(fields, 'onmissingsource');
  const onMissingCompare = readPolicy(fields, 'onmissingcompare');
  const context = readContext(fields);
  return {
    monspec: readMonspecInput(fields),
    service: readName(fields, 'service', 'the entity definition to evaluate, a top-level key of the monspec'),
    comparison: readName(fields, 'comparison', 'the name of a comparison of that entity definition'),
    windowMinutes: readWindow(fields),
    end: readEnd(fields),
    ...(onMissingSource === undefined ? {} : { onMissingSource }),
    ...(onMissingCompare === undefined ? {} : { onMissingCompare }),
    ...(context === undefined ? {} : { context }),
  };
}

function readMonspecInput(fields: Fields): MonspecInput {
  const source = readText(fields, 'monspecSource');
  if (source !== undefined && source !== 'inline' && source !== 'url') {
    throw new GateRequestError(`expected inline or url, found ${JSON.stringify(source)}`, {
      path: 'monspecSource',
    });
  }
  const inline = fields.get('monspec');
  const url = fields.get('monspecUrl');
  const useUrl = source === 'url' || (source === undefined && url !== undefined);
  if (source === undefined && inline !== undefined && url !== undefined) {
    throw new GateRequestError(
      'send either monspec (the document) or monspecUrl (where to fetch it), not both; or choose one with monspecSource',
      { path: 'monspec' },
    );
  }
  if (useUrl) {
    if (url === undefined) {
      throw new GateRequestError('monspecSource is url, so monspecUrl must name an https URL', {
        path: 'monspecUrl',
      });
    }
    return { kind: 'url', url: requireString(url, 'monspecUrl', 'an https URL') };
  }
  if (inline === undefined) {
    throw new GateRequestError(
      source === 'inline'
        ? 'monspecSource is inline, so monspec must hold the monspec document'
        : 'expected the monspec: either monspec (the document itself) or monspecUrl (an https URL to fetch it from)',
      { path: 'monspec' },
    );
  }
  if (typeof inline === 'string') {
    if (inline.trim() === '') {
      throw new GateRequestError('monspec is empty; expected the monspec document', { path: 'monspec' });
    }
    rejectUnexpandedMacro(inline, 'monspec');
    return { kind: 'text', text: inline };
  }
  if (inline !== null && typeof inline === 'object' && !Array.isArray(inline)) {
    return { kind: 'document', document: inline };
  }
  throw new GateRequestError(
    `expected the monspec document as a JSON object (or as text in a string), found ${describeValue(inline)}`,
    { path: 'monspec' },
  );
}

function readName(fields: Fields, name: 'service' | 'comparison', what: string): string {
  const value = fields.get(name);
  if (value === undefined) throw new GateRequestError(`${name} is required: ${what}`, { path: name });
  const text = requireString(value, name, what).trim();
  if (text === '') throw new GateRequestError(`${name} is empty; expected ${what}`, { path: name });
  if (text.length > MAX_NAME_LENGTH) {
    throw new GateRequestError(
      `${name} has ${text.length} characters; at most ${MAX_NAME_LENGTH} are accepted`,
      {
        path: name,
      },
    );
  }
  return text;
}

function readWindow(fields: Fields): number | undefined {
  const value = fields.get('window');
  if (value === undefined) return undefined;
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!(number > 0 && number <= MAX_WINDOW_MINUTES)) {
    if (typeof value === 'string') rejectUnexpandedMacro(value.trim(), 'window');
    throw new GateRequestError(
      `expected the window in minutes, more than 0 and at most ${MAX_WINDOW_MINUTES}, found ${describeValue(value)}`,
      { path: 'window' },
    );
  }
  return number;
}

function readEnd(fields: Fields): WindowEnd {
  const value = fields.get('end');
  if (value === undefined) return { kind: 'default' };
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text?.toLowerCase() === 'now') return { kind: 'now' };
  const epochMs =
    typeof value === 'number'
      ? value
      : text !== undefined && /^\d+$/.test(text)
        ? Number(text)
        : text !== undefined && ISO_8601.test(text)
          ? Date.parse(text)
          : NaN;
  if (!Number.isSafeInteger(epochMs) || epochMs < 0) {
    throw new GateRequestError(
      `expected "now", epoch milliseconds or an ISO 8601 time with a zone (2026-11-22T12:00:00Z), found ${describeValue(value)}`,
      { path: 'end' },
    );
  }
  return { kind: 'at', epochMs };
}

function readPolicy(
  fields: Fields,
  name: 'onmissingsource' | 'onmissingcompare',
): MissingDataPolicy | undefined {
  const text = readText(fields, name)?.toLowerCase();
  if (text === undefined) return undefined;
  const policy = MISSING_DATA_POLICIES.find((candidate) => candidate === text);
  if (policy === undefined) {
    throw new GateRequestError(
      `expected one of ${MISSING_DATA_POLICIES.join(', ')}, found ${JSON.stringify(text)}`,
      {
        path: name,
      },
    );
  }
  return policy;
}

function readContext(fields: Fields): Readonly<Record<string, unknown>> | undefined {
  const value = fields.get('context');
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GateRequestError(`expected a JSON object, found ${describeValue(value)}`, { path: 'context' });
  }
  return value as Readonly<Record<string, unknown>>;
}

function readText(fields: Fields, name: FieldName): string | undefined {
  const value = fields.get(name);
  return value === undefined ? undefined : requireString(value, name, 'a string').trim();
}

function requireString(value: unknown, name: string, what: string): string {
  if (typeof value !== 'string') {
    throw new GateRequestError(`expected ${what} as a string, found ${describeValue(value)}`, { path: name });
  }
  rejectUnexpandedMacro(value.trim(), name);
  return value;
}

/**
 * Azure DevOps leaves `$(name)` as it is when no variable of that name exists, so a task input whose
 * default is an undefined variable arrives as the literal macro. Saying so beats "service not found".
 */
function rejectUnexpandedMacro(value: string, name: string): void {
  if (isUnexpandedMacro(value)) {
    throw new GateRequestError(
      `found ${value}, an Azure DevOps variable that is not defined in this pipeline; define the variable or fill in the input`,
      { path: name },
    );
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}
