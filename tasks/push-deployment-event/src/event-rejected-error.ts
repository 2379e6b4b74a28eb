import { type EventIngestResult } from '../../../lib/dynatrace';

/**
 * Dynatrace answered 201 but did not accept the event for every matched entity. The message lists each
 * result's status, as a partially stored deployment event is not a deployment event one can rely on.
 */
export class EventRejectedError extends Error {
  override readonly name = 'EventRejectedError';

  constructor(readonly results: readonly EventIngestResult[]) {
    const rejected = results.filter((result) => result.status !== 'OK');
    const listed = results
      .map(
        (result, index) => `entity #${index + 1} (correlation id ${result.correlationId}): ${result.status}`,
      )
      .join('; ');
    super(
      `Dynatrace rejected the event for ${rejected.length} of ${results.length} matched entities ` +
        `(expected every status to be OK): ${listed}. INVALID_METADATA points at the properties ` +
        '(at most 100; keys up to 100 and values up to 4096 characters), INVALID_TIMESTAMPS at the clock, ' +
        'INVALID_ENTITY_TYPE at an entity type this event type cannot be attached to.',
    );
  }
}
