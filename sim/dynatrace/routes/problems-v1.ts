import { type ConstraintViolation, constraintsViolated, violation } from '../api-error';
import { commentViewV1, problemViewV1 } from '../problem-views';
import { type Route, type RouteContext, type SimRequest, type SimResponse } from '../route';
import { requireProblem } from './problems-v2';

/** Problems API v1: details and comments (api-facts A.7, "v1 legacy"). */
export function problemsV1Routes(context: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/problem/details/{problemId}',
      scope: 'DataExport',
      handle: (request) => ({
        status: 200,
        body: problemViewV1(requireProblem(context, request), context.state),
      }),
    },
    {
      method: 'POST',
      pattern: '/api/v1/problem/details/{problemId}/comments',
      scope: 'DataExport',
      handle: (request) => addComment(context, request),
    },
  ];
}

function addComment(context: RouteContext, request: SimRequest): SimResponse {
  const problem = requireProblem(context, request);
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw constraintsViolated([
      violation('', 'the request body must be a JSON object { comment, user, context? }', 'PAYLOAD_BODY'),
    ]);
  }
  const record = body as Record<string, unknown>;
  const violations: ConstraintViolation[] = [];
  for (const field of ['comment', 'user']) {
    const value = record[field];
    if (typeof value !== 'string' || value.trim() === '')
      violations.push(violation(field, 'must not be empty', 'PAYLOAD_BODY'));
  }
  if (record.context !== undefined && record.context !== null && typeof record.context !== 'string') {
    violations.push(
      violation('context', `must be a string, found ${JSON.stringify(record.context)}`, 'PAYLOAD_BODY'),
    );
  }
  if (violations.length > 0) throw constraintsViolated(violations);
  const comment = context.state.addProblemComment(problem.problemId, {
    content: record.comment as string,
    authorName: record.user as string,
    context: typeof record.context === 'string' ? record.context : null,
  });
  return { status: 200, body: commentViewV1(comment) };
}
