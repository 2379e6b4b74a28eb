import assert from 'node:assert/strict';

import { REPRESENTATIVE_DURATIONS } from '../../../sim/dynatrace/minute-sample';
import { type WorkloadProfile } from '../../../sim/dynatrace/scenario';
import { WorkloadModel } from '../../../sim/dynatrace/workload-model';
import { MINUTE, NOW_MINUTE } from './support/api-client';

const START = NOW_MINUTE - 600 * MINUTE;
const profile = (overrides: Partial<WorkloadProfile> = {}): WorkloadProfile => ({
  build: '1',
  responseTimeMs: 120,
  failureRatePercent: 1.5,
  requestsPerMinute: 150,
  ...overrides,
});

function model(overrides: Partial<WorkloadProfile> = {}): WorkloadModel {
  return new WorkloadModel({ 'SERVICE-A': [{ from: START, profile: profile(overrides) }] });
}

describe('WorkloadModel', () => {
  it('gives the same sample for the same entity and minute, in any model instance and call order', () => {
    const first = model();
    const second = model();
    const late = first.sampleAt('SERVICE-A', START + 300 * MINUTE);
    first.sampleAt('SERVICE-A', START + 10 * MINUTE);
    assert.deepEqual(second.sampleAt('SERVICE-A', START + 300 * MINUTE), late);
    assert.deepEqual(first.sampleAt('SERVICE-A', START + 300 * MINUTE), late);
  });

  it('varies requests around the profile by at most 5 % from minute to minute', () => {
    const counts = Array.from(
      { length: 200 },
      (_, index) => model().sampleAt('SERVICE-A', START + index * MINUTE)?.requests ?? -1,
    );
    assert.ok(
      counts.every((count) => count >= 142 && count <= 158),
      `counts ${counts.join(',')}`,
    );
    assert.ok(new Set(counts).size > 5, 'requests should not be constant');
  });

  it('keeps the failure count of any window within one request of the expected rate', () => {
    const workload = model();
    const samples = Array.from({ length: 400 }, (_, index) =>
      workload.sampleAt('SERVICE-A', START + index * MINUTE),
    );
    for (const length of [1, 3, 5, 17, 60]) {
      for (let first = 0; first + length <= samples.length; first += 7) {
        const window = samples.slice(first, first + length);
        const requests = window.reduce((sum, sample) => sum + (sample?.requests ?? 0), 0);
        const failures = window.reduce((sum, sample) => sum + (sample?.failures ?? 0), 0);
        assert.ok(
          Math.abs(failures - requests * 0.015) < 1,
          `window ${first}+${length}: ${failures} of ${requests}`,
        );
      }
    }
  });

  it('never reports more failures than requests, even at 100 %', () => {
    const workload = model({ failureRatePercent: 100 });
    for (let index = 0; index < 50; index += 1) {
      const sample = workload.sampleAt('SERVICE-A', START + index * MINUTE);
      assert.equal(sample?.failures, sample?.requests);
    }
  });

  it('describes each minute with 20 representative response times whose mean is the profile within 3 %', () => {
    const sample = model().sampleAt('SERVICE-A', START + 42 * MINUTE);
    assert.equal(sample?.responseTimesMicros.length, REPRESENTATIVE_DURATIONS);
    const durations = sample?.responseTimesMicros ?? [];
    const mean = durations.reduce((sum, value) => sum + value, 0) / durations.length;
    assert.ok(Math.abs(mean - 120_000) <= 0.031 * 120_000, `mean ${mean}`);
    assert.ok(
      durations.every((value, index) => index === 0 || value >= (durations[index - 1] ?? 0)),
      'ascending quantiles',
    );
    assert.ok(Math.max(...durations) > 2 * mean, 'a long tail');
  });

  it('uses fewer representatives than 20 when fewer requests arrived, and none without requests', () => {
    assert.equal(model({ requestsPerMinute: 3 }).sampleAt('SERVICE-A', START)?.responseTimesMicros.length, 3);
    assert.deepEqual(model({ requestsPerMinute: 0 }).sampleAt('SERVICE-A', START), {
      requests: 0,
      failures: 0,
      responseTimesMicros: [],
    });
  });

  it('has no sample before the first phase or for an entity without workload', () => {
    assert.equal(model().sampleAt('SERVICE-A', START - MINUTE), undefined);
    assert.equal(model().sampleAt('SERVICE-B', START), undefined);
    assert.equal(model().firstSampleMinute('SERVICE-B'), undefined);
  });

  it('rejects a minute start that is not minute-aligned', () => {
    assert.throws(
      () => model().sampleAt('SERVICE-A', START + 30_000),
      /expects a minute-aligned epoch ms .* got \d+/,
    );
  });

  it('starts a phase with the first full minute after its start time', () => {
    const workload = model();
    workload.addPhase('SERVICE-A', {
      from: START + 10 * MINUTE + 1,
      profile: profile({ build: '2', failureRatePercent: 100 }),
    });
    assert.notEqual(
      workload.sampleAt('SERVICE-A', START + 10 * MINUTE)?.failures,
      workload.sampleAt('SERVICE-A', START + 10 * MINUTE)?.requests,
    );
    const switched = workload.sampleAt('SERVICE-A', START + 11 * MINUTE);
    assert.equal(switched?.failures, switched?.requests);
    assert.equal(workload.firstSampleMinute('SERVICE-A'), START);
  });

  it('leaves the samples before a later deployment unchanged', () => {
    const workload = model();
    const before = Array.from({ length: 30 }, (_, index) =>
      workload.sampleAt('SERVICE-A', START + index * MINUTE),
    );
    workload.addPhase('SERVICE-A', {
      from: START + 20 * MINUTE,
      profile: profile({ build: '2', failureRatePercent: 50 }),
    });
    const after = Array.from({ length: 20 }, (_, index) =>
      workload.sampleAt('SERVICE-A', START + index * MINUTE),
    );
    assert.deepEqual(after, before.slice(0, 20));
  });

  it('replaces a phase that starts at the same instant and keeps later phases', () => {
    const workload = model();
    workload.addPhase('SERVICE-A', { from: START + 60 * MINUTE, profile: profile({ build: '3' }) });
    workload.addPhase('SERVICE-A', { from: START, profile: profile({ build: '2' }) });
    assert.deepEqual(
      workload.phasesOf('SERVICE-A').map((phase) => phase.profile.build),
      ['2', '3'],
    );
    assert.deepEqual(workload.entityIds(), ['SERVICE-A']);
  });

  it('names every invalid profile field', () => {
    assert.throws(
      () =>
        new WorkloadModel({
          'SERVICE-A': [
            {
              from: START,
              profile: { build: '', responseTimeMs: 0, failureRatePercent: 120, requestsPerMinute: -1 },
            },
          ],
        }),
      (error: unknown) => {
        assert.ok(error instanceof RangeError);
        for (const field of ['build', 'responseTimeMs', 'failureRatePercent', 'requestsPerMinute']) {
          assert.match(error.message, new RegExp(`workloads\\["SERVICE-A"\\]\\[0\\]\\.profile\\.${field}`));
        }
        return true;
      },
    );
    assert.throws(
      () => new WorkloadModel({ X: [{ from: Number.NaN, profile: profile() }] }),
      /\.from: expected epoch ms/,
    );
  });
});
