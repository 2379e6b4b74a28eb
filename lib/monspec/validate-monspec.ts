import { appendJsonPath } from './append-json-path';
import { describeJsonValue } from './describe-json-value';
import { IssueCollector } from './issue-collector';
import { isCommentKey, isJsonObject, ownValue, type JsonObject } from './json-object';
import { ENTITY_TYPES, type EntityDefinition, type EntityType, type Monspec } from './monspec';
import { MonspecValidationError, type MonspecIssue } from './monspec-validation-error';
import { OPTIONAL, readChoice, readString } from './read-field';
import { validateComparisons } from './validate-comparisons';
import { validateEnvironments } from './validate-environments';
import { validatePerfSignature } from './validate-perf-signature';
import { warnUnknownKeys } from './warn-unknown-keys';

const DEFINITION_KEYS = [
  'etype',
  'name',
  'owner',
  'environments',
  'comparisons',
  'perfsignature',
  'servicemethods',
] as const;

/** A monspec that passed validation, and the warnings worth showing to its author. */
export interface ValidatedMonspec {
  readonly monspec: Monspec;
  readonly warnings: readonly MonspecIssue[];
}

/**
 * Validates a parsed monspec (any JSON value) and returns its normalised form. All problems are collected
 * before anything is thrown, so one run reports every mistake; unknown keys and suspicious settings are
 * warnings. For any JSON input this either returns or throws {@link MonspecValidationError}.
 *
 * @throws MonspecValidationError listing every error with its JSON path.
 */
export function validateMonspec(value: unknown): ValidatedMonspec {
  const issues = new IssueCollector();
  const monspec = readMonspec(issues, value);
  if (issues.errors.length > 0 || monspec === undefined) {
    throw new MonspecValidationError(
      issues.errors.length > 0 ? issues.errors : [{ path: '', message: 'monspec could not be read' }],
      { warnings: issues.warnings },
    );
  }
  return { monspec, warnings: issues.warnings };
}

function readMonspec(issues: IssueCollector, value: unknown): Monspec | undefined {
  const expected = 'a JSON object whose keys name entity definitions (e.g. {"SampleJSonService": {…}})';
  if (!isJsonObject(value)) {
    issues.error('', `expected ${expected}, found ${describeJsonValue(value)}`);
    return undefined;
  }
  const keys = Object.keys(value).filter((key) => !isCommentKey(key));
  if (keys.length === 0) {
    issues.error(
      '',
      `expected ${expected}, found no entity definition (keys starting with "_" are comments)`,
    );
    return undefined;
  }
  const definitions: EntityDefinition[] = [];
  for (const key of keys) {
    const definition = readDefinition(issues, key, value[key]);
    if (definition !== undefined) definitions.push(definition);
  }
  return { definitions };
}

function readDefinition(issues: IssueCollector, key: string, value: unknown): EntityDefinition | undefined {
  const path = appendJsonPath('', key);
  if (!isJsonObject(value)) {
    issues.error(
      path,
      `expected an entity definition object with "environments" and "perfsignature", found ${describeJsonValue(value)}`,
    );
    return undefined;
  }
  warnUnknownKeys(issues, value, path, DEFINITION_KEYS);
  const errorsBefore = issues.errors.length;
  const at = (field: string) => ({ object: value, path, key: field });
  const etype = readEntityType(issues, value, path);
  const name = readString(issues, at('name'), 'a display name string', OPTIONAL);
  const owner = readString(issues, at('owner'), 'an owner string (e.g. a team name)', OPTIONAL);
  rejectServiceMethods(issues, value, path);
  const environments = validateEnvironments(issues, value, path, etype);
  const perfsignature = validatePerfSignature(issues, value, path);
  const comparisons = validateComparisons(issues, value, path, { environments, perfsignature });
  if (
    issues.errors.length > errorsBefore ||
    etype === undefined ||
    environments === undefined ||
    perfsignature === undefined ||
    comparisons === undefined
  ) {
    return undefined;
  }
  return {
    key,
    etype,
    ...(name === undefined ? {} : { name }),
    ...(owner === undefined ? {} : { owner }),
    environments,
    comparisons,
    perfsignature,
  };
}

function readEntityType(
  issues: IssueCollector,
  definition: JsonObject,
  path: string,
): EntityType | undefined {
  if (ownValue(definition, 'etype') === undefined) return 'SERVICE';
  return readChoice(issues, { object: definition, path, key: 'etype' }, ENTITY_TYPES);
}

function rejectServiceMethods(issues: IssueCollector, definition: JsonObject, path: string): void {
  if (ownValue(definition, 'servicemethods') === undefined) return;
  // The original implementations accepted this block and never evaluated it; a silent pass is worse
  // than a clear refusal.
  issues.error(
    appendJsonPath(path, 'servicemethods'),
    'servicemethods are not supported; their per-method metrics would never be evaluated, so remove the ' +
      'block rather than rely on it',
  );
}
