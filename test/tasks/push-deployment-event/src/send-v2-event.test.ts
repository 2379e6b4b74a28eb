import assert from 'node:assert/strict';

import { type EventIngest, type EventIngestResults } from '../../../../lib/dynatrace';
import { EventRejectedError } from '../../../../tasks/push-deployment-event/src/event-rejected-error';
import { sendV2Event } from '../../../../tasks/push-deployment-event/src/send-v2-event';
import { fakeDynatraceClient } from '../support/fake-dynatrace-client';

const EVENT: EventIngest = { eventType: 'CUSTOM_DEPLOYMENT', title: 't', entitySelector: 'type(SERVICE)' };

function answering(answer: EventIngestResults) {
  const sent: EventIngest[] = [];
  const client = fakeDynatraceClient({
    ingestEvent: (event) => {
      sent.push(event);
      return Promise.resolve(answer);
    },
  });
  return { client, sent };
}

describe('sendV2Event', () => {
  it('returns one correlation id per matched entity when every result is OK', async () => {
    const { client, sent } = answering({
      reportCount: 2,
      eventIngestResults: [
        { correlationId: 'a1', status: 'OK' },
        { correlationId: 'b2', status: 'OK' },
      ],
    });
    assert.deepEqual(await sendV2Event(client, EVENT), { matched: true, ids: ['a1', 'b2'] });
    assert.deepEqual(sent, [EVENT]);
  });

  it('reports no match when Dynatrace stored the event nowhere', async () => {
    const { client } = answering({ reportCount: 0, eventIngestResults: [] });
    assert.deepEqual(await sendV2Event(client, EVENT), { matched: false });
  });

  it('throws naming every entity’s status when any result is not OK', async () => {
    const { client } = answering({
      reportCount: 3,
      eventIngestResults: [
        { correlationId: 'a1', status: 'OK' },
        { correlationId: 'b2', status: 'INVALID_TIMESTAMPS' },
        { correlationId: 'c3', status: 'INVALID_ENTITY_TYPE' },
      ],
    });
    await assert.rejects(sendV2Event(client, EVENT), (error: unknown) => {
      assert.ok(error instanceof EventRejectedError);
      assert.match(
        error.message,
        /rejected the event for 2 of 3 matched entities \(expected every status to be OK\): entity #1 \(correlation id a1\): OK; entity #2 \(correlation id b2\): INVALID_TIMESTAMPS; entity #3 \(correlation id c3\): INVALID_ENTITY_TYPE/,
      );
      return true;
    });
  });

  it('lets Dynatrace errors through unchanged', async () => {
    const failure = new Error('Dynatrace POST /api/v2/events/ingest failed with 400: Constraints violated.');
    const client = fakeDynatraceClient({ ingestEvent: () => Promise.reject(failure) });
    await assert.rejects(sendV2Event(client, EVENT), (error: unknown) => error === failure);
  });
});
