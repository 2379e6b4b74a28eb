import { appendJsonPath } from './append-json-path';
import { describeJsonValue } from './describe-json-value';
import { type IssueCollector } from './issue-collector';
import { isCommentKey, isJsonObject, ownValue, type JsonObject } from './json-object';
import { type EntityType, type MonspecEnvironment, type MonspecTag } from './monspec';
import { OPTIONAL, readString, REQUIRED, reportMissing } from './read-field';
import { warnUnknownKeys } from './warn-unknown-keys';

const ENVIRONMENT_KEYS = ['tags', 'entities'] as const;
const TAG_KEYS = ['context', 'key', 'value'] as const;
const CONTEXTLESS = 'CONTEXTLESS';
/** Tag contexts Dynatrace knows; compared without case and underscores (`CloudFoundry` = `CLOUD_FOUNDRY`). */
const KNOWN_CONTEXTS = [
  'AWS',
  'AWS_GENERIC',
  'AZURE',
  'CLOUD_FOUNDRY',
  CONTEXTLESS,
  'ENVIRONMENT',
  'GOOGLE_CLOUD',
  'KUBERNETES',
];
const EXPECTED_ENVIRONMENTS =
  'an object mapping environment names (e.g. "Staging") to {"tags": [...]} or {"entities": [...]}';

/**
 * Validates `environments` of an entity definition. Returns `undefined` when the block is unusable, so
 * comparisons are not additionally blamed for naming environments that merely failed to validate.
 */
export function validateEnvironments(
  issues: IssueCollector,
  definition: JsonObject,
  definitionPath: string,
  etype: EntityType | undefined,
): MonspecEnvironment[] | undefined {
  const path = appendJsonPath(definitionPath, 'environments');
  const value = ownValue(definition, 'environments');
  if (value === undefined) {
    reportMissing(
      issues,
      { object: definition, path: definitionPath, key: 'environments' },
      EXPECTED_ENVIRONMENTS,
    );
    return undefined;
  }
  if (!isJsonObject(value)) {
    issues.error(path, `expected ${EXPECTED_ENVIRONMENTS}, found ${describeJsonValue(value)}`);
    return undefined;
  }
  const names = Object.keys(value).filter((key) => !isCommentKey(key));
  if (names.length === 0) {
    issues.error(path, `expected at least one environment, found none; ${EXPECTED_ENVIRONMENTS}`);
    return undefined;
  }
  const environments: MonspecEnvironment[] = [];
  let usable = true;
  for (const name of names) {
    const environment = validateEnvironment(issues, name, value[name], appendJsonPath(path, name), etype);
    if (environment === undefined) usable = false;
    else environments.push(environment);
  }
  return usable ? environments : undefined;
}

function validateEnvironment(
  issues: IssueCollector,
  name: string,
  value: unknown,
  path: string,
  etype: EntityType | undefined,
): MonspecEnvironment | undefined {
  if (!isJsonObject(value)) {
    issues.error(path, `expected an object with "tags" or "entities", found ${describeJsonValue(value)}`);
    return undefined;
  }
  warnUnknownKeys(issues, value, path, ENVIRONMENT_KEYS);
  const hasEntities = ownValue(value, 'entities') !== undefined;
  const hasTags = ownValue(value, 'tags') !== undefined;
  // Both lists are checked even when one is ignored, so the file stays valid against the schema.
  const entities = hasEntities ? validateEntities(issues, value, path, etype) : undefined;
  const tags = hasTags ? validateTags(issues, value, path) : undefined;
  if (!hasEntities && !hasTags) {
    issues.error(
      path,
      'expected "entities" (a list of entity IDs) or "tags" (a list of {context, key, value}) to find this environment\'s entities',
    );
    return undefined;
  }
  if (hasEntities && hasTags) {
    issues.warning(
      appendJsonPath(path, 'tags'),
      'is ignored because "entities" is also given (entities win)',
    );
  }
  if (hasEntities) {
    return entities === undefined ? undefined : { name, match: { kind: 'entities', entities } };
  }
  return tags === undefined ? undefined : { name, match: { kind: 'tags', tags } };
}

function validateEntities(
  issues: IssueCollector,
  environment: JsonObject,
  environmentPath: string,
  etype: EntityType | undefined,
): string[] | undefined {
  const path = appendJsonPath(environmentPath, 'entities');
  const value = ownValue(environment, 'entities');
  if (!Array.isArray(value) || value.length === 0) {
    issues.error(
      path,
      `expected a non-empty list of entity IDs (e.g. "SERVICE-1A2B3C4D5E6F7A8B"), found ${describeJsonValue(value)}`,
    );
    return undefined;
  }
  const entities: string[] = [];
  let valid = true;
  value.forEach((id: unknown, index) => {
    const idPath = appendJsonPath(path, index);
    if (typeof id !== 'string' || id.trim() === '') {
      const found = id === '' ? 'an empty string' : describeJsonValue(id);
      issues.error(idPath, `expected an entity ID string, found ${found}`);
      valid = false;
    } else if (entities.includes(id)) {
      issues.warning(idPath, `entity ID ${JSON.stringify(id)} is listed twice`);
    } else {
      if (etype !== undefined && !id.startsWith(`${etype}-`)) {
        issues.warning(
          idPath,
          `${JSON.stringify(id)} is not a ${etype} ID (${etype}-…); type(${etype}) will not match it`,
        );
      }
      entities.push(id);
    }
  });
  return valid ? entities : undefined;
}

function validateTags(
  issues: IssueCollector,
  environment: JsonObject,
  environmentPath: string,
): MonspecTag[] | undefined {
  const path = appendJsonPath(environmentPath, 'tags');
  const value = ownValue(environment, 'tags');
  if (!Array.isArray(value) || value.length === 0) {
    issues.error(
      path,
      `expected a non-empty list of tags like {"context": "CONTEXTLESS", "key": "DeploymentGroup", "value": "Staging"}, found ${describeJsonValue(value)}`,
    );
    return undefined;
  }
  const tags = value.map((tag: unknown, index) => validateTag(issues, tag, appendJsonPath(path, index)));
  return tags.every((tag) => tag !== undefined) ? tags : undefined;
}

function validateTag(issues: IssueCollector, value: unknown, path: string): MonspecTag | undefined {
  if (!isJsonObject(value)) {
    issues.error(path, `expected a tag object {context?, key, value?}, found ${describeJsonValue(value)}`);
    return undefined;
  }
  warnUnknownKeys(issues, value, path, TAG_KEYS);
  const errorsBefore = issues.errors.length;
  const at = (key: string) => ({ object: value, path, key });
  const contextValue = readString(
    issues,
    at('context'),
    'a tag context such as "CONTEXTLESS" or "Environment"',
    OPTIONAL,
  );
  const key = readString(issues, at('key'), 'the tag key, a non-empty string', REQUIRED);
  const tagValue = readString(
    issues,
    at('value'),
    'the tag value, a non-empty string (omit it for a key-only tag)',
    OPTIONAL,
  );
  if (issues.errors.length > errorsBefore || key === undefined) return undefined;
  const context = contextValue === undefined || isContextless(contextValue) ? CONTEXTLESS : contextValue;
  if (!KNOWN_CONTEXTS.some((known) => comparableContext(known) === comparableContext(context))) {
    issues.warning(
      appendJsonPath(path, 'context'),
      `${JSON.stringify(context)} is not a Dynatrace tag context (${KNOWN_CONTEXTS.join(', ')}); no entity will match it`,
    );
  }
  return tagValue === undefined ? { context, key } : { context, key, value: tagValue };
}

function isContextless(context: string): boolean {
  return context.toUpperCase() === CONTEXTLESS;
}

function comparableContext(context: string): string {
  return context.toUpperCase().replaceAll('_', '');
}
