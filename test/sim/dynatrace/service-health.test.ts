import assert from 'node:assert/strict';

import { DEFAULT_PROBLEM_DETECTION, type MinuteSample } from '../../../sim/dynatrace';
import { judgeServiceHealth } from '../../../sim/dynatrace/service-health';
import { MINUTE, NOW_MINUTE } from './support/api-client';

/** A minute of `requests` requests, `failures` of them failed, every one taking `ms` milliseconds. */
function minute(requests: number, failures: number, ms: number): MinuteSample {
  return { requests, failures, responseTimesMicros: requests === 0 ? [] : [ms * 1000, ms * 1000] };
}

/** A sample function: `recent` for the judged window, `baseline` before it. */
function sampler(
  recent: (minuteStart: number) => MinuteSample | undefined,
  baseline: (minuteStart: number) => MinuteSample | undefined = () => minute(100, 0, 100),
): (entityId: string, minuteStart: number) => MinuteSample | undefined {
  const windowStart = NOW_MINUTE - DEFAULT_PROBLEM_DETECTION.windowMinutes * MINUTE;
  return (_entityId, minuteStart) =>
    minuteStart >= windowStart ? recent(minuteStart) : baseline(minuteStart);
}

describe('judgeServiceHealth', () => {
  it('is normal at its baseline with a failure rate at or under the threshold', () => {
    const health = judgeServiceHealth(
      sampler(() => minute(100, 5, 100)),
      'SERVICE-1',
      NOW_MINUTE,
      DEFAULT_PROBLEM_DETECTION,
    );
    assert.ok(health.status === 'normal');
    assert.equal(health.failureRatePercent, 5);
    assert.equal(health.responseTimeMs, 100);
    assert.equal(health.baselineResponseTimeMs, 100);
    assert.deepEqual(health.violations, []);
  });

  it('is abnormal when the failure rate of the window exceeds the threshold', () => {
    const health = judgeServiceHealth(
      sampler(() => minute(200, 11, 100)),
      'SERVICE-1',
      NOW_MINUTE,
      DEFAULT_PROBLEM_DETECTION,
    );
    assert.ok(health.status === 'abnormal');
    assert.deepEqual(
      health.violations.map((violation) => [violation.kind, violation.description]),
      [['failure-rate', 'failure rate 5.5 % > 5 %']],
    );
  });

  it('is abnormal when the response time exceeds twice the median of the baseline minutes', () => {
    // A few slow minutes in the baseline period do not move the median.
    const health = judgeServiceHealth(
      sampler(
        () => minute(100, 0, 250),
        (minuteStart) => minute(100, 0, minuteStart % (10 * MINUTE) === 0 ? 900 : 120),
      ),
      'SERVICE-1',
      NOW_MINUTE,
      DEFAULT_PROBLEM_DETECTION,
    );
    assert.ok(health.status === 'abnormal');
    assert.equal(health.baselineResponseTimeMs, 120);
    assert.deepEqual(
      health.violations.map((violation) => [violation.kind, violation.value, violation.threshold]),
      [['response-time', 250, 240]],
    );
  });

  it('weighs the response time of each minute by its requests', () => {
    const slowMinute = NOW_MINUTE - MINUTE;
    const health = judgeServiceHealth(
      sampler((minuteStart) => (minuteStart === slowMinute ? minute(300, 0, 200) : minute(100, 0, 100))),
      'SERVICE-1',
      NOW_MINUTE,
      DEFAULT_PROBLEM_DETECTION,
    );
    assert.ok(health.status !== 'unknown');
    assert.equal(health.responseTimeMs, (300 * 200 + 2 * 100 * 100) / 500);
  });

  it('does not judge the response time without baseline traffic', () => {
    const health = judgeServiceHealth(
      sampler(
        () => minute(100, 0, 5000),
        () => undefined,
      ),
      'SERVICE-1',
      NOW_MINUTE,
      DEFAULT_PROBLEM_DETECTION,
    );
    assert.ok(health.status === 'normal');
    assert.equal(health.baselineResponseTimeMs, null);
  });

  it('is unknown when a minute of the window has no sample or no request', () => {
    const gap = NOW_MINUTE - 2 * MINUTE;
    for (const missing of [undefined, minute(0, 0, 0)]) {
      const health = judgeServiceHealth(
        sampler((minuteStart) => (minuteStart === gap ? missing : minute(100, 90, 900))),
        'SERVICE-1',
        NOW_MINUTE,
        DEFAULT_PROBLEM_DETECTION,
      );
      assert.ok(health.status === 'unknown');
      assert.match(
        health.reason,
        new RegExp(`no traffic in the minute starting ${new Date(gap).toISOString()}`),
      );
    }
  });
});
