import assert from 'node:assert/strict';

import { createScenario } from '../../../sim/dynatrace';
import { MINUTE, NOW_MINUTE } from './support/api-client';

const service = { id: 'SERVICE-1', type: 'SERVICE', displayName: 'svc', tags: [] };
const workload = {
  from: NOW_MINUTE - 10 * MINUTE,
  profile: { build: '1', responseTimeMs: 50, failureRatePercent: 0, requestsPerMinute: 10 },
};

describe('createScenario', () => {
  it('attaches a sample function computed from the workloads', () => {
    const scenario = createScenario({ entities: [service], workloads: { 'SERVICE-1': [workload] } });
    assert.equal(scenario.sampleAt('SERVICE-1', NOW_MINUTE)?.failures, 0);
    assert.equal(scenario.entities[0], service);
  });

  it('rejects duplicate entity ids', () => {
    assert.throws(
      () => createScenario({ entities: [service, service] }),
      /entities\[1\]\.id: "SERVICE-1" is used by an earlier entity/,
    );
  });

  it('rejects workloads, events and problems on unknown entities, naming the entry', () => {
    assert.throws(
      () => createScenario({ entities: [service], workloads: { 'SERVICE-2': [workload] } }),
      /workloads\["SERVICE-2"\]: entity "SERVICE-2" is not defined/,
    );
    assert.throws(
      () =>
        createScenario({
          entities: [service],
          events: [{ eventType: 'CUSTOM_INFO', title: 't', entityId: 'HOST-9', startTime: NOW_MINUTE }],
        }),
      /events\[0\]\.entityId: entity "HOST-9"/,
    );
    assert.throws(
      () =>
        createScenario({
          entities: [service],
          problems: [{ title: 'p', entityIds: ['SERVICE-1', 'X'], startTime: 1 }],
        }),
      /problems\[0\]\.entityIds\[1\]: entity "X"/,
    );
  });

  it('validates the build catalogue up front', () => {
    assert.throws(
      () =>
        createScenario({
          entities: [service],
          builds: { Staging: { '1': { responseTimeMs: 10, failureRatePercent: 101, requestsPerMinute: 1 } } },
        }),
      /builds\.Staging\.1\.profile\.failureRatePercent/,
    );
  });
});
