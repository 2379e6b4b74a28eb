import { DynatraceApiError, type DynatraceClient } from '../../lib/dynatrace';
import { COMMENT_CONTEXT } from '../../lib/remediation';

/** Whether the problem comment was posted, and through which API. */
export type CommentResult =
  { readonly posted: true; readonly api: 'v2' | 'v1' } | { readonly posted: false; readonly error: string };

/** Who v1 comments are attributed to (v2 comments are attributed to the token's owner). */
export const COMMENT_USER = 'Unbreakable Pipeline';

/**
 * Comments on the problem with Problems API v2, falling back to v1 when v2 is not available (404/405 on
 * older Managed clusters) or the token lacks `problems.write` but has the v1 scope. A failure is returned,
 * not thrown: the outcome is already recorded, and a missing comment must not undo it.
 */
export async function postProblemComment(
  dynatrace: DynatraceClient,
  problemId: string,
  message: string,
): Promise<CommentResult> {
  try {
    await dynatrace.addProblemComment(problemId, { message, context: COMMENT_CONTEXT });
    return { posted: true, api: 'v2' };
  } catch (error) {
    if (!worthTryingV1(error)) return { posted: false, error: describe(error) };
    try {
      await dynatrace.v1.addProblemComment(problemId, {
        comment: message,
        user: COMMENT_USER,
        context: COMMENT_CONTEXT,
      });
      return { posted: true, api: 'v1' };
    } catch (v1Error) {
      return { posted: false, error: `${describe(error)}; the v1 fallback failed too: ${describe(v1Error)}` };
    }
  }
}

function worthTryingV1(error: unknown): boolean {
  if (!(error instanceof DynatraceApiError)) return false;
  if (error.status === 404 || error.status === 405) return true;
  return error.status === 403 && /problems\.write|scope/i.test(error.errorMessage ?? error.message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
