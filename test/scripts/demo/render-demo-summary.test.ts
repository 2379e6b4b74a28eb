import assert from 'node:assert/strict';

import { checkDemo } from '../../../scripts/demo/check-demo';
import { type DemoSummary } from '../../../scripts/demo/demo-summary';
import { renderDemoSummary } from '../../../scripts/demo/render-demo-summary';
import { goodFacts } from './demo-fixtures';

function summary(overrides: Partial<DemoSummary> = {}): DemoSummary {
  const facts = goodFacts();
  return {
    ok: true,
    startedAt: '2026-01-15T15:00:00.000Z',
    durationMs: 4321,
    demoTime: { from: '2026-01-15T12:00:00Z', to: '2026-01-15T12:44:00Z' },
    stories: facts.stories.map((entry) => entry.outcome),
    problems: facts.problems,
    notifications: facts.notifications,
    redeployRequests: facts.redeployRequests,
    checks: checkDemo(facts),
    ...overrides,
  };
}

describe('renderDemoSummary', () => {
  it('leads with the verdict, the duration and the demo clock', () => {
    const markdown = renderDemoSummary(summary());
    assert.match(markdown, /^# Unbreakable Pipeline demo: PASSED\n\nAll 21 checks held\.\n/);
    assert.match(
      markdown,
      /took 4\.3 s\. Demo clock \(Dynatrace and Azure DevOps simulators\): 2026-01-15T12:00:00Z to 2026-01-15T12:44:00Z/,
    );
  });

  it('tabulates the stories: staging verdict, Production and outcome', () => {
    const markdown = renderDemoSummary(summary());
    assert.match(markdown, /\| 1 \| Release-1 \| 1 \| PASS \| succeeded \| live \|/);
    assert.match(markdown, /\| 2 \| Release-2 \| 2 \| FAIL \| not deployed \| early break \|/);
  });

  it('shows the problems, webhook calls, redeploy requests and comments, with table cells kept on one line', () => {
    const markdown = renderDemoSummary(summary());
    assert.match(
      markdown,
      /- \*\*P-240002\*\* "Failure rate increase" \(ERROR\) on Production\/SampleNodeJsService \(east\)/,
    );
    assert.match(markdown, /\| OPEN P-240002 \| 200 \| remediated \| Rolled back \|/);
    assert.match(markdown, /\| test notification \| 200 \| ignored \| test \|/);
    assert.match(
      markdown,
      /\| PATCH …\/releases\/3\/environments\/6 \(inProgress\) \| 200 \| UnbreakablePipeline\.RollbackOfProblem=P-240002 \|/,
    );
    assert.match(
      markdown,
      /Comment on P-240002:\n\n> Remediated: redeployed Release-3 in place of Release-4 \| with a pipe/,
    );
  });

  it("nests each gate's Markdown verdict under its story", () => {
    const markdown = renderDemoSummary(summary());
    assert.match(
      markdown,
      /### Story 2, Release-2: pre \(2026-01-15T12:00:00Z\)\n\n#### FAIL: SampleJSonService \/ StagingToProduction/,
    );
  });

  it('marks failed checks and names the error that stopped the demo', () => {
    const base = summary();
    const checks = base.checks.map((check, index) =>
      index === 0 ? { ...check, ok: false, actual: 'not sent | never' } : check,
    );
    const markdown = renderDemoSummary({
      ...base,
      ok: false,
      checks,
      error: 'the gate answered 500',
      problems: [],
    });
    assert.match(
      markdown,
      /^# Unbreakable Pipeline demo: FAILED\n\n1 of 21 checks failed; the demo stopped on an error: the gate answered 500\./,
    );
    assert.match(
      markdown,
      /\| ❌ \| The test notification reaches the self-healing function, which does nothing \| 200 ignored \| not sent \\\| never \|/,
    );
    assert.match(markdown, /Dynatrace opened no problem\./);
  });
});
