import assert from 'node:assert/strict';

import { DynatraceApiError, type EventCreation } from '../../../../lib/dynatrace';
import { sendV1Event } from '../../../../tasks/push-deployment-event/src/send-v1-event';
import { fakeDynatraceClient } from '../support/fake-dynatrace-client';

const EVENT: EventCreation = {
  eventType: 'CUSTOM_DEPLOYMENT',
  source: 'Unbreakable Pipeline for Azure DevOps',
  attachRules: { entityIds: ['SERVICE-1'] },
};

function apiError(status: number, body: unknown): DynatraceApiError {
  return new DynatraceApiError({
    kind: 'status',
    message: `Dynatrace POST /api/v1/events failed with ${status}`,
    serviceName: 'Dynatrace',
    method: 'POST',
    path: '/api/v1/events',
    attempts: 1,
    status,
    responseBody: body,
  });
}

function failingWith(error: Error) {
  return fakeDynatraceClient({ postEvent: () => Promise.reject(error) });
}

describe('sendV1Event', () => {
  it('returns the exact stored ids', async () => {
    const client = fakeDynatraceClient({
      postEvent: () =>
        Promise.resolve({
          storedEventIds: [-6153476110846051000],
          storedIds: ['-6153476110846051426_1533300519291'],
          storedCorrelationIds: [],
        }),
    });
    assert.deepEqual(await sendV1Event(client, EVENT), {
      matched: true,
      ids: ['-6153476110846051426_1533300519291'],
    });
  });

  it('falls back to the numeric ids when a tenant sends no storedIds', async () => {
    const client = fakeDynatraceClient({
      postEvent: () => Promise.resolve({ storedEventIds: [17], storedIds: [], storedCorrelationIds: [] }),
    });
    assert.deepEqual(await sendV1Event(client, EVENT), { matched: true, ids: ['17'] });
  });

  it('reports no match for an empty answer', async () => {
    const client = fakeDynatraceClient({
      postEvent: () => Promise.resolve({ storedEventIds: [], storedIds: [], storedCorrelationIds: [] }),
    });
    assert.deepEqual(await sendV1Event(client, EVENT), { matched: false });
  });

  it('reports no match for the 400 v1 answers when no entity matches the attach rules', async () => {
    const tenant = apiError(400, {
      error: { code: 400, message: 'No MEIdentifier do match the given rules' },
    });
    const constraint = apiError(400, {
      error: {
        code: 400,
        message: 'Constraints violated.',
        constraintViolations: [
          { path: 'attachRules', message: 'no monitored entity matches the attach rules' },
        ],
      },
    });
    assert.deepEqual(await sendV1Event(failingWith(tenant), EVENT), { matched: false });
    assert.deepEqual(await sendV1Event(failingWith(constraint), EVENT), { matched: false });
  });

  it('lets every other failure through, including other 400s', async () => {
    const otherConstraint = apiError(400, {
      error: {
        code: 400,
        message: 'Constraints violated.',
        constraintViolations: [{ path: 'eventType', message: 'must be any of' }],
      },
    });
    const forbidden = apiError(403, { error: { code: 403, message: 'Token is missing required scope.' } });
    for (const error of [otherConstraint, forbidden, new Error('socket hang up')]) {
      await assert.rejects(sendV1Event(failingWith(error), EVENT), (thrown: unknown) => thrown === error);
    }
  });
});
