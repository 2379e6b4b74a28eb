import {
  type ConstraintViolation,
  constraintsViolated,
  invalidParameter,
  notFound,
  violation,
} from '../api-error';
import { matchesEntitySelector, parseEntitySelector } from '../entity-selector';
import { type SortOrder, decodePageKey, encodePageKey, sortBy, sortKeyFrom, takePage } from '../paging';
import { type Problem, type ProblemComment } from '../problem-store';
import { parseProblemSelector } from '../problem-selector';
import { PROBLEM_FIELDS, type ProblemField, commentViewV2, problemViewV2 } from '../problem-views';
import {
  assertOnlyPageKey,
  integerParameter,
  optionalParameter,
  timeframeParameters,
} from '../query-parameters';
import { type Route, type RouteContext, type SimRequest, type SimResponse } from '../route';
import { parseSelectorParameter } from '../selector-parameter';

const PROBLEMS_PAGE = 'problems.v2';
const COMMENTS_PAGE = 'problems.v2.comments';

/** Who the v2 comment API records as author: the API has no user, only the token. */
export const API_COMMENT_AUTHOR = 'API token';

/** Problems API v2: list, details, comments (api-facts A.7). */
export function problemsV2Routes(context: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v2/problems',
      scope: 'problems.read',
      handle: (request) => list(context, request),
    },
    {
      method: 'GET',
      pattern: '/api/v2/problems/{problemId}',
      scope: 'problems.read',
      handle: (request) => ({
        status: 200,
        body: problemViewV2(
          requireProblem(context, request),
          context.state,
          problemFields(optionalParameter(request.query, 'fields')),
          request.now,
        ),
      }),
    },
    {
      method: 'POST',
      pattern: '/api/v2/problems/{problemId}/comments',
      scope: 'problems.write',
      handle: (request) => addComment(context, request),
    },
    {
      method: 'GET',
      pattern: '/api/v2/problems/{problemId}/comments',
      scope: 'problems.read',
      handle: (request) => listComments(context, request),
    },
  ];
}

/** 404 envelope for an unknown problem id. */
export function requireProblem(context: RouteContext, request: SimRequest): Problem {
  const problemId = request.params.problemId ?? '';
  const problem = context.state.problems.get(problemId);
  if (!problem) throw notFound(`Problem ${JSON.stringify(problemId)} not found.`);
  return problem;
}

function problemFields(text: string | undefined): Set<ProblemField> {
  const fields = new Set<ProblemField>();
  for (const raw of (text ?? '').split(',')) {
    const name = raw.trim().replace(/^\+/, '');
    if (name === '') continue;
    const field = PROBLEM_FIELDS.find((candidate) => candidate === name);
    if (!field)
      throw invalidParameter(
        'fields',
        `unknown field ${JSON.stringify(name)}; allowed: ${PROBLEM_FIELDS.join(', ')}`,
      );
    fields.add(field);
  }
  return fields;
}

interface ListQuery {
  readonly from: number;
  readonly to: number;
  readonly problemSelector: string | undefined;
  readonly entitySelector: string | undefined;
  readonly sort: string;
  readonly pageSize: number;
}

function list(context: RouteContext, request: SimRequest): SimResponse {
  const pageKey = optionalParameter(request.query, 'nextPageKey');
  let query: ListQuery;
  let after: readonly (string | number)[] | undefined;
  if (pageKey !== undefined) {
    assertOnlyPageKey(request.query, ['fields']);
    const state = decodePageKey(PROBLEMS_PAGE, pageKey) as { query?: ListQuery; after?: unknown };
    if (!state.query) throw invalidParameter('nextPageKey', 'is not a valid page key (it holds no query)');
    query = state.query;
    after = sortKeyFrom(state.after);
  } else {
    query = {
      ...timeframeParameters(request.query, request.now, { from: 'now-2h', to: 'now' }),
      problemSelector: optionalParameter(request.query, 'problemSelector'),
      entitySelector: optionalParameter(request.query, 'entitySelector'),
      sort: optionalParameter(request.query, 'sort') ?? '-startTime',
      pageSize: integerParameter(request.query, 'pageSize', { min: 1, max: 500, fallback: 50 }),
    };
  }
  const fields = problemFields(optionalParameter(request.query, 'fields'));
  const order = sortOrder(query.sort);
  const problemMatcher =
    query.problemSelector === undefined
      ? undefined
      : parseSelectorParameter(
          (text) => parseProblemSelector(text, (entityId) => context.state.entities.get(entityId)),
          query.problemSelector,
          'problemSelector',
        );
  const entitySelector =
    query.entitySelector === undefined
      ? undefined
      : parseSelectorParameter(parseEntitySelector, query.entitySelector, 'entitySelector');
  const matching = context.state.problems
    .list()
    .filter(
      (problem) => problem.startTime <= query.to && (problem.endTime === -1 || problem.endTime >= query.from),
    )
    .filter((problem) => !problemMatcher || problemMatcher(problem))
    .filter(
      (problem) =>
        !entitySelector ||
        [...problem.affectedEntityIds, ...problem.impactedEntityIds].some((entityId) => {
          const entity = context.state.entities.get(entityId);
          return entity !== undefined && matchesEntitySelector(entitySelector, entity);
        }),
    );
  const page = takePage(sortBy(matching, order), order, query.pageSize, after);
  return {
    status: 200,
    body: {
      totalCount: matching.length,
      pageSize: query.pageSize,
      nextPageKey: page.continueAfter
        ? encodePageKey(PROBLEMS_PAGE, { query, after: page.continueAfter })
        : null,
      problems: page.items.map((problem) => problemViewV2(problem, context.state, fields, request.now)),
      warnings: [],
    },
  };
}

/** `sort`: comma-separated `status` / `startTime`, each optionally prefixed with `+` or `-`. */
function sortOrder(text: string): SortOrder<Problem> {
  const parts = text.split(',').map((part) => part.trim());
  const keys: ((problem: Problem) => number)[] = [];
  const descending: boolean[] = [];
  for (const part of parts) {
    const direction = part.startsWith('-') ? 'desc' : 'asc';
    const name = part.replace(/^[+-]/, '');
    if (name === 'startTime') keys.push((problem) => problem.startTime);
    // "+status" lists open problems first.
    else if (name === 'status') keys.push((problem) => (problem.status === 'OPEN' ? 0 : 1));
    else
      throw invalidParameter(
        'sort',
        `unsupported sort field ${JSON.stringify(part)}; supported: status, startTime (with + or -)`,
      );
    descending.push(direction === 'desc');
  }
  return {
    key: (problem) => [...keys.map((key) => key(problem)), problem.sequence],
    descending: [...descending, true],
  };
}

function addComment(context: RouteContext, request: SimRequest): SimResponse {
  const problem = requireProblem(context, request);
  const body = request.body;
  const violations: ConstraintViolation[] = [];
  const record =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  if (!record) {
    throw constraintsViolated([
      violation('', 'the request body must be a JSON object { message, context? }', 'PAYLOAD_BODY'),
    ]);
  }
  if (typeof record.message !== 'string' || record.message.trim() === '') {
    violations.push(violation('message', 'must not be empty', 'PAYLOAD_BODY'));
  }
  if (record.context !== undefined && record.context !== null && typeof record.context !== 'string') {
    violations.push(
      violation('context', `must be a string, found ${JSON.stringify(record.context)}`, 'PAYLOAD_BODY'),
    );
  }
  if (violations.length > 0) throw constraintsViolated(violations);
  context.state.addProblemComment(problem.problemId, {
    content: record.message as string,
    authorName: API_COMMENT_AUTHOR,
    context: typeof record.context === 'string' ? record.context : null,
  });
  return { status: 201 };
}

const COMMENTS_NEWEST_FIRST: SortOrder<ProblemComment> = {
  key: (comment) => [comment.createdAtTimestamp, comment.sequence],
  descending: [true, true],
};

function listComments(context: RouteContext, request: SimRequest): SimResponse {
  const problem = requireProblem(context, request);
  const pageKey = optionalParameter(request.query, 'nextPageKey');
  let pageSize: number;
  let after: readonly (string | number)[] | undefined;
  if (pageKey !== undefined) {
    assertOnlyPageKey(request.query);
    const state = decodePageKey(COMMENTS_PAGE, pageKey) as {
      problemId?: string;
      pageSize?: number;
      after?: unknown;
    };
    if (state.problemId !== problem.problemId || typeof state.pageSize !== 'number') {
      throw invalidParameter('nextPageKey', 'belongs to another problem or is malformed');
    }
    pageSize = state.pageSize;
    after = sortKeyFrom(state.after);
  } else {
    pageSize = integerParameter(request.query, 'pageSize', { min: 1, max: 500, fallback: 10 });
  }
  const comments = context.state.commentsOf(problem.problemId);
  const page = takePage(sortBy(comments, COMMENTS_NEWEST_FIRST), COMMENTS_NEWEST_FIRST, pageSize, after);
  return {
    status: 200,
    body: {
      totalCount: comments.length,
      pageSize,
      nextPageKey: page.continueAfter
        ? encodePageKey(COMMENTS_PAGE, { problemId: problem.problemId, pageSize, after: page.continueAfter })
        : null,
      comments: page.items.map(commentViewV2),
    },
  };
}
