import { type DynatraceClient, type EventIngest } from '../../../lib/dynatrace';
import { type DeliveryAttempt } from './delivery-attempt';
import { EventRejectedError } from './event-rejected-error';

/**
 * Sends the event through Events API v2. Dynatrace answers 201 with one result per matched entity, so no
 * result means no entity matched, and a result other than `OK` means the event was not stored there.
 *
 * @throws EventRejectedError when any result is not `OK`; the client's `HttpError` when Dynatrace fails.
 */
export async function sendV2Event(client: DynatraceClient, event: EventIngest): Promise<DeliveryAttempt> {
  const answer = await client.ingestEvent(event);
  const results = answer.eventIngestResults;
  if (results.length === 0) return { matched: false };
  if (results.some((result) => result.status !== 'OK')) throw new EventRejectedError(results);
  return { matched: true, ids: results.map((result) => result.correlationId) };
}
