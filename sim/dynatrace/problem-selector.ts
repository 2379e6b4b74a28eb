import { type Problem } from './problem-store';
import { type ScenarioEntity } from './scenario';
import {
  type Criterion,
  SelectorSyntaxError,
  parseCriteria,
  singleValue,
  someValues,
} from './selector-criteria';
import { matchesTag, parseTagFilter } from './tag-filter';

/** A parsed `problemSelector`: all criteria must hold. */
export type ProblemMatcher = (problem: Problem) => boolean;

/**
 * Parses a Problems API v2 `problemSelector` (api-facts A.7): `status("open"|"closed")`, `severityLevel`,
 * `impactLevel`, `rootCauseEntity`, `impactedEntities`, `affectedEntities`, `affectedEntityTypes`,
 * `problemId`, `displayId`, `entityTags`, `text` and `underMaintenance` (never true here). Several values in
 * one criterion mean OR. Throws {@link SelectorSyntaxError}.
 */
export function parseProblemSelector(
  text: string,
  entityOf: (entityId: string) => ScenarioEntity | undefined,
): ProblemMatcher {
  const matchers = parseCriteria(text).map((criterion) => toMatcher(criterion, entityOf));
  return (problem) => matchers.every((matches) => matches(problem));
}

function toMatcher(
  criterion: Criterion,
  entityOf: (entityId: string) => ScenarioEntity | undefined,
): ProblemMatcher {
  const anyOf = (values: readonly string[], candidates: readonly string[]): boolean =>
    candidates.some((candidate) => values.includes(candidate));
  switch (criterion.name) {
    case 'status': {
      const status = singleValue(criterion).toUpperCase();
      if (status !== 'OPEN' && status !== 'CLOSED') {
        throw new SelectorSyntaxError(`status(…) takes "open" or "closed", found ${JSON.stringify(status)}`);
      }
      return (problem) => problem.status === status;
    }
    case 'severityLevel': {
      const values = someValues(criterion).map((value) => value.toUpperCase());
      return (problem) => values.includes(problem.severityLevel);
    }
    case 'impactLevel': {
      const values = someValues(criterion).map((value) =>
        value.toUpperCase() === 'SERVICE' ? 'SERVICES' : value.toUpperCase(),
      );
      return (problem) => values.includes(problem.impactLevel);
    }
    case 'rootCauseEntity': {
      const values = someValues(criterion);
      return (problem) => problem.rootCauseEntityId !== null && values.includes(problem.rootCauseEntityId);
    }
    case 'impactedEntities': {
      const values = someValues(criterion);
      return (problem) => anyOf(values, problem.impactedEntityIds);
    }
    case 'affectedEntities': {
      const values = someValues(criterion);
      return (problem) => anyOf(values, problem.affectedEntityIds);
    }
    case 'affectedEntityTypes': {
      const values = someValues(criterion).map((value) =>
        value.startsWith('dt.entity.') ? value.slice('dt.entity.'.length).toUpperCase() : value,
      );
      return (problem) =>
        anyOf(
          values,
          problem.affectedEntityIds.map((id) => entityOf(id)?.type ?? ''),
        );
    }
    case 'problemId': {
      const values = someValues(criterion);
      return (problem) => values.includes(problem.problemId);
    }
    case 'displayId': {
      const values = someValues(criterion);
      return (problem) => values.includes(problem.displayId);
    }
    case 'entityTags': {
      const filters = someValues(criterion).map((value) => {
        try {
          return parseTagFilter(value);
        } catch (error) {
          throw new SelectorSyntaxError(error instanceof Error ? error.message : String(error));
        }
      });
      return (problem) =>
        problem.affectedEntityIds.some((id) =>
          (entityOf(id)?.tags ?? []).some((tag) => filters.some((filter) => matchesTag(filter, tag))),
        );
    }
    case 'text': {
      const needle = singleValue(criterion).toLowerCase();
      return (problem) => problem.title.toLowerCase().includes(needle);
    }
    case 'underMaintenance': {
      const value = singleValue(criterion);
      if (value !== 'true' && value !== 'false') {
        throw new SelectorSyntaxError(
          `underMaintenance(…) takes true or false, found ${JSON.stringify(value)}`,
        );
      }
      return () => value === 'false';
    }
    default:
      throw new SelectorSyntaxError(
        `unsupported criterion ${criterion.name}(…); supported: status, severityLevel, impactLevel, rootCauseEntity, impactedEntities, affectedEntities, affectedEntityTypes, problemId, displayId, entityTags, text, underMaintenance`,
      );
  }
}
