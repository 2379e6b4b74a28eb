import { appendJsonPath } from './append-json-path';
import { type IssueCollector } from './issue-collector';
import { isCommentKey, type JsonObject } from './json-object';
import { suggestClosest } from './suggest-closest';

/**
 * Reports keys that the monspec format does not know as warnings, with a "did you mean" hint when one is
 * close. Unknown keys are not errors because monspecs are hand-annotated files that other tools (the
 * original CLI, dashboards) may extend; a typo in a known key would otherwise silently drop a setting.
 */
export function warnUnknownKeys(
  issues: IssueCollector,
  object: JsonObject,
  path: string,
  knownKeys: readonly string[],
): void {
  for (const key of Object.keys(object)) {
    if (isCommentKey(key) || knownKeys.includes(key)) continue;
    const suggestion = suggestClosest(key, knownKeys);
    const hint =
      suggestion === undefined
        ? `known keys: ${knownKeys.join(', ')}; prefix a key with "_" to mark it as a comment`
        : `did you mean "${suggestion}"?`;
    issues.warning(appendJsonPath(path, key), `unknown key ${JSON.stringify(key)} is ignored; ${hint}`);
  }
}
