import assert from 'node:assert/strict';

import { createDynatraceClient } from '../../../lib/dynatrace';
import { queryTimeseriesV1 } from '../../../lib/gate/query-timeseries-v1';
import { type V1Request } from '../../../lib/monspec';
import { type DynatraceSimulator, sampleAppScenario, startDynatraceSimulator } from '../../../sim/dynatrace';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

function request(tags: readonly string[], startTimestamp: number): V1Request {
  return {
    role: 'compare',
    path: 'perfsignature[0]',
    timeseriesId: 'com.dynatrace.builtin:service.responsetime',
    aggregationType: 'AVG',
    startTimestamp,
    endTimestamp: startTimestamp + 5 * 60_000,
    queryMode: 'TOTAL',
    conversion: 'none',
    tags,
  };
}

describe('queryTimeseriesV1', () => {
  let sim: DynatraceSimulator;

  before(async () => {
    sim = await startDynatraceSimulator({ scenario: sampleAppScenario({ now: NOW }), now: () => NOW });
  });
  after(async () => {
    await sim.close();
  });

  it('returns one total per entity that matches every tag', async () => {
    const client = createDynatraceClient({ environmentUrl: sim.url, apiToken: sim.token });
    const totals = await queryTimeseriesV1(
      client,
      request(['DeploymentGroup:Production'], NOW - 10 * 60_000),
    );
    assert.equal(totals.length, 2, 'Production has two services');
    for (const total of totals) assert.ok(total > 0);
    const sent = sim.requests.at(-1);
    assert.equal(sent?.query.queryMode, 'TOTAL');
    assert.equal(sent?.query.tag, 'DeploymentGroup:Production');
  });

  it('leaves out entities without data in the window', async () => {
    const client = createDynatraceClient({ environmentUrl: sim.url, apiToken: sim.token });
    const beforeHistory = NOW - 10 * 24 * 60 * 60_000;
    assert.deepEqual(
      await queryTimeseriesV1(client, request(['DeploymentGroup:Production'], beforeHistory)),
      [],
    );
  });
});
