import { readChunkedJson, writeChunkedJson } from './chunked-json-property';
import {
  type PipelineIdentity,
  type RecordedEvaluation,
  type RecordedResult,
  type RecordedStatus,
  type RecordedWindow,
} from './evaluation-history';
import { RowReader } from './row-reader';
import { StoredRecordError } from './stored-record-error';

/** The properties of one evaluation row (keys excluded). */
export type EvaluationRow = Record<string, string | number | boolean>;

/** Bumped for incompatible changes of the row layout; rows of other formats are reported as unreadable. */
const ROW_FORMAT = 1;
/** 12 × 30 000 characters: far more than any monspec needs, and within the 1 MiB entity limit. */
const MAX_RESULT_CHUNKS = 12;
/** The request's free-form context is kept up to 60 000 characters of JSON. */
const MAX_CONTEXT_CHUNKS = 2;
const MAX_SUMMARY_CHARS = 4_000;

const STATUSES: readonly RecordedStatus[] = ['pass', 'warning', 'fail'];
const PIPELINE_FIELDS: readonly (keyof PipelineIdentity)[] = [
  'collectionUri',
  'projectId',
  'project',
  'hubName',
  'planId',
  'jobId',
  'timelineId',
  'taskInstanceId',
  'releaseId',
  'releaseName',
  'runId',
  'runName',
  'stage',
  'attempt',
];

/**
 * The row properties of an evaluation. Windows and the summary are columns (readable in Storage
 * Explorer); results, the pipeline identity and the request context are JSON.
 *
 * @throws RangeError when the results do not fit a table entity (hundreds of thousands of characters).
 */
export function toEvaluationRow(evaluation: RecordedEvaluation): EvaluationRow {
  const row: EvaluationRow = {
    format: ROW_FORMAT,
    evaluationId: evaluation.evaluationId,
    evaluatedAt: new Date(evaluation.evaluatedAt).toISOString(),
    service: evaluation.service,
    comparison: evaluation.comparison,
    status: evaluation.status,
    summary: clip(evaluation.summary, MAX_SUMMARY_CHARS),
    totalViolations: evaluation.totalViolations,
    windowMinutes: evaluation.windowMinutes,
    ...windowColumns('source', evaluation.source),
    ...windowColumns('compare', evaluation.compare),
  };
  if (!writeChunkedJson(row, 'results', evaluation.results, MAX_RESULT_CHUNKS)) {
    throw new RangeError(
      `the evaluation ${evaluation.evaluationId} has too many results to record: ${evaluation.results.length} ` +
        `entries take more than ${MAX_RESULT_CHUNKS} table properties of JSON`,
    );
  }
  if (evaluation.pipeline !== undefined && Object.keys(evaluation.pipeline).length > 0) {
    row.pipeline = JSON.stringify(evaluation.pipeline);
  }
  if (evaluation.requestContext !== undefined) {
    if (!writeChunkedJson(row, 'requestContext', evaluation.requestContext, MAX_CONTEXT_CHUNKS)) {
      row.requestContextOmitted = true;
    }
  } else if (evaluation.requestContextOmitted === true) {
    row.requestContextOmitted = true;
  }
  if (evaluation.monspecOrigin !== undefined) row.monspecOrigin = evaluation.monspecOrigin;
  return row;
}

/**
 * Reads an evaluation row back.
 *
 * @throws StoredRecordError naming the property that does not have the shape this version writes.
 */
export function readEvaluationRow(
  tableName: string,
  partitionKey: string,
  rowKey: string,
  row: Readonly<Record<string, unknown>>,
): RecordedEvaluation {
  const malformed = (problem: string): StoredRecordError =>
    new StoredRecordError(tableName, partitionKey, rowKey, problem);
  if (row['format'] !== ROW_FORMAT) {
    throw malformed(
      `property format should be ${ROW_FORMAT} (an evaluation row of this version), found ${JSON.stringify(row['format'] ?? null)}`,
    );
  }
  const read = new RowReader(tableName, partitionKey, rowKey, row);
  const totalViolations = row['totalViolations'];
  if (typeof totalViolations !== 'number' || !Number.isInteger(totalViolations) || totalViolations < 0) {
    throw malformed(`property totalViolations should be a whole number ≥ 0, found ${show(totalViolations)}`);
  }
  const windowMinutes = row['windowMinutes'];
  if (typeof windowMinutes !== 'number' || !(windowMinutes > 0)) {
    throw malformed(`property windowMinutes should be a positive number, found ${show(windowMinutes)}`);
  }
  const results = parseJson(readChunkedJson(row, 'results'), 'results', malformed);
  if (!Array.isArray(results))
    throw malformed(`property results should be a JSON array, found ${show(results)}`);
  const pipelineText = read.optionalString('pipeline');
  const pipeline =
    pipelineText === undefined
      ? undefined
      : readPipeline(parseJson(pipelineText, 'pipeline', malformed), malformed);
  const contextText = readChunkedJson(row, 'requestContext');
  const requestContext =
    contextText === undefined
      ? undefined
      : readObject(parseJson(contextText, 'requestContext', malformed), 'requestContext', malformed);
  const monspecOrigin = read.optionalString('monspecOrigin');
  return {
    evaluationId: read.string('evaluationId'),
    evaluatedAt: read.time('evaluatedAt'),
    service: read.string('service'),
    comparison: read.string('comparison'),
    status: read.oneOf('status', STATUSES),
    summary: read.string('summary'),
    totalViolations,
    windowMinutes,
    source: readWindow(read, 'source'),
    compare: readWindow(read, 'compare'),
    results: results.map((value, index) => readResult(value, `results[${index}]`, malformed)),
    ...(pipeline === undefined ? {} : { pipeline }),
    ...(requestContext === undefined ? {} : { requestContext }),
    ...(row['requestContextOmitted'] === true ? { requestContextOmitted: true as const } : {}),
    ...(monspecOrigin === undefined ? {} : { monspecOrigin }),
  };
}

function windowColumns(side: 'source' | 'compare', window: RecordedWindow): EvaluationRow {
  return {
    [`${side}Environment`]: window.environment,
    [`${side}From`]: window.from,
    [`${side}To`]: window.to,
    [`${side}Selector`]: window.entitySelector,
  };
}

function readWindow(read: RowReader, side: 'source' | 'compare'): RecordedWindow {
  return {
    environment: read.string(`${side}Environment`),
    from: read.string(`${side}From`),
    to: read.string(`${side}To`),
    entitySelector: read.string(`${side}Selector`),
  };
}

type Malformed = (problem: string) => StoredRecordError;

function parseJson(text: string | undefined, name: string, malformed: Malformed): unknown {
  if (text === undefined) throw malformed(`property ${name} is missing`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed(`property ${name} should be JSON, found "${clip(text, 40)}"`);
  }
}

function readObject(value: unknown, where: string, malformed: Malformed): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`${where} should be a JSON object, found ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

function readPipeline(value: unknown, malformed: Malformed): PipelineIdentity {
  const object = readObject(value, 'pipeline', malformed);
  const identity: Partial<Record<keyof PipelineIdentity, string>> = {};
  for (const field of PIPELINE_FIELDS) {
    const entry = object[field];
    if (entry === undefined) continue;
    if (typeof entry !== 'string')
      throw malformed(`pipeline.${field} should be a string, found ${show(entry)}`);
    identity[field] = entry;
  }
  return identity;
}

function readResult(value: unknown, where: string, malformed: Malformed): RecordedResult {
  const object = readObject(value, where, malformed);
  const text = (name: string): string => {
    const entry = object[name];
    if (typeof entry !== 'string')
      throw malformed(`${where}.${name} should be a string, found ${show(entry)}`);
    return entry;
  };
  const numberOrNull = (name: string): number | null => {
    const entry = object[name];
    if (entry === null || (typeof entry === 'number' && Number.isFinite(entry))) return entry;
    throw malformed(`${where}.${name} should be a number or null, found ${show(entry)}`);
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T => {
    const entry = object[name];
    const match = allowed.find((candidate) => candidate === entry);
    if (match === undefined) {
      throw malformed(`${where}.${name} should be one of ${allowed.join(', ')}, found ${show(entry)}`);
    }
    return match;
  };
  return {
    metric: text('metric'),
    key: text('key'),
    aggregate: text('aggregate'),
    validate: oneOf('validate', ['upper', 'lower']),
    unit: text('unit'),
    source: numberOrNull('source'),
    compare: numberOrNull('compare'),
    threshold: numberOrNull('threshold'),
    limitKind: oneOf('limitKind', ['relative', 'static']),
    status: oneOf('status', ['pass', 'violation', 'nodata']),
    outcome: oneOf('outcome', ['pass', 'warning', 'fail']),
    reason: text('reason'),
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}
