import { DynatraceApiError, type DynatraceClient, type EventCreation } from '../../../lib/dynatrace';
import { type DeliveryAttempt } from './delivery-attempt';

/**
 * Sends the event through Events API v1. Unlike v2, v1 refuses an event whose attach rules match no
 * entity with a 400 ("No MEIdentifier do match"); that answer means "not yet", not "broken".
 *
 * @throws the client's `HttpError` for every other failure.
 */
export async function sendV1Event(client: DynatraceClient, event: EventCreation): Promise<DeliveryAttempt> {
  try {
    const stored = await client.v1.postEvent(event);
    // storedIds are exact; the numeric storedEventIds lose precision beyond 2^53.
    const ids = stored.storedIds.length > 0 ? stored.storedIds : stored.storedEventIds.map(String);
    return ids.length === 0 ? { matched: false } : { matched: true, ids };
  } catch (error) {
    if (isNoMatchingEntityAnswer(error)) return { matched: false };
    throw error;
  }
}

function isNoMatchingEntityAnswer(error: unknown): boolean {
  if (!(error instanceof DynatraceApiError) || error.status !== 400) return false;
  return (
    /no\s*me\s*identifier/i.test(error.errorMessage ?? '') ||
    error.constraintViolations.some(
      (violation) => violation.path === 'attachRules' && /\bmatch/i.test(violation.message),
    )
  );
}
