import assert from 'node:assert/strict';

import { DEFAULT_START_BEHIND_MS, DemoClock, MIN_LEAD_MS } from '../../../scripts/demo/demo-clock';

describe('DemoClock', () => {
  const REAL = Date.UTC(2026, 0, 15, 15, 0, 0);

  it('starts three hours behind the real clock and runs at its speed', () => {
    let real = REAL;
    const clock = new DemoClock(() => real);
    assert.equal(clock.now(), REAL - DEFAULT_START_BEHIND_MS);
    real += 1234;
    assert.equal(clock.now(), REAL - DEFAULT_START_BEHIND_MS + 1234);
  });

  it('jumps ahead and returns the new time', () => {
    const clock = new DemoClock(() => REAL, 60 * 60_000);
    assert.equal(clock.advance(6 * 60_000), REAL - 54 * 60_000);
    assert.equal(clock.now(), REAL - 54 * 60_000);
    assert.equal(clock.advance(0), REAL - 54 * 60_000);
  });

  it('never comes closer to the real clock than the minimum lead, so no gate window ends in the future', () => {
    const clock = new DemoClock(() => REAL, 10 * 60_000);
    clock.advance(10 * 60_000 - MIN_LEAD_MS);
    assert.equal(clock.now(), REAL - MIN_LEAD_MS);
    assert.throws(() => clock.advance(1), /must stay at least 60000 ms behind it; start it further back/);
    assert.equal(clock.now(), REAL - MIN_LEAD_MS, 'a refused jump changes nothing');
  });

  it('refuses a start inside the minimum lead and jumps backwards', () => {
    assert.throws(
      () => new DemoClock(() => REAL, MIN_LEAD_MS - 1),
      /startBehindMs must be at least 60000 ms/,
    );
    assert.throws(() => new DemoClock(() => REAL).advance(-1), /expected a duration ≥ 0 ms, found -1/);
    assert.throws(() => new DemoClock(() => REAL).advance(Number.NaN), /found NaN/);
  });
});
