import assert from 'node:assert/strict';
import { type EntryResult, type EvaluationResult } from '../../../lib/monspec/evaluation-result';
import { renderMarkdown } from '../../../lib/monspec/render-markdown';
import { evaluateValues, planScenario } from './monspec-test-kit';

/** Splits a table row into cells at pipes that are not escaped. */
function cellsOf(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  assert.ok(start >= 0, `no table headed ${header}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cellsOf(line));
  }
  return rows;
}

const ENTRY_HEADER = '| Status | Metric | Aggregate | Staging | Production | Threshold | Reason |';
const WINDOW_HEADER = '| Window | Environment | From (UTC) | To (UTC) | Entity selector |';

function sampleResult(): EvaluationResult {
  const plan = planScenario(
    [
      { timeseries: 'service.responsetime' },
      { timeseries: 'service.failurerate' },
      { timeseries: 'service.requestspermin', aggregate: 'count', validate: 'lower' },
      { timeseries: 'service.responsetime', aggregate: 'max', upperlimit: 500, lowerlimit: 10 },
    ],
    { scalefactorperc: { default: 15, 'service.requestspermin': 90 } },
  );
  return evaluateValues(plan, [120.4567, 33.7, 20, 250], [110, 0.5, null, 300]);
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(sampleResult());

  it('starts with the verdict, the service and the comparison, then the summary', () => {
    const [heading, blank, summary] = markdown.split('\n');
    assert.equal(heading, '## FAIL: SampleJSonService / Scenario');
    assert.equal(blank, '');
    assert.equal(summary, sampleResult().summary);
  });

  it('marks pass and warning verdicts in the heading', () => {
    const plan = planScenario([{ timeseries: 'service.responsetime' }]);
    assert.match(renderMarkdown(evaluateValues(plan, [1], [1])), /^## PASS: /);
    assert.match(renderMarkdown(evaluateValues(plan, [1], [null])), /^## WARNING: /);
  });

  it('names the value columns after the environments', () => {
    assert.ok(markdown.includes(ENTRY_HEADER));
  });

  it('marks the value columns when an environment is compared with itself', () => {
    const plan = planScenario([{ timeseries: 'service.responsetime' }], {
      compare: 'Staging',
      shiftcomparetimeframe: 3600,
    });
    assert.match(
      renderMarkdown(evaluateValues(plan, [1], [1])),
      /^\| Status \| Metric \| Aggregate \| Staging \(source\) \| Staging \(compare\) \| Threshold \| Reason \|$/m,
    );
  });

  it('shows both windows with their entity selectors as code', () => {
    assert.deepEqual(tableRows(markdown, WINDOW_HEADER), [
      [
        'Source',
        'Staging',
        '2024-05-01T09:55:00.000Z',
        '2024-05-01T10:00:00.000Z',
        '`type(SERVICE),tag("DeploymentGroup:Staging")`',
      ],
      [
        'Compare',
        'Production',
        '2024-05-01T09:55:00.000Z',
        '2024-05-01T10:00:00.000Z',
        '`type(SERVICE),tag("DeploymentGroup:Production")`',
      ],
    ]);
  });

  it('renders one row per entry with rounded values, thresholds and reasons', () => {
    assert.deepEqual(tableRows(markdown, ENTRY_HEADER), [
      [
        'PASS',
        'Response time',
        'avg',
        '120 ms',
        '110 ms',
        '≤ 127 ms',
        '120 ms ≤ threshold 127 ms (Production 110 ms + 15 %)',
      ],
      [
        'FAIL',
        'Failure rate',
        'avg',
        '33.7 %',
        '0.5 %',
        '≤ 0.58 %',
        '33.7 % > threshold 0.58 % (Production 0.5 % + 15 %)',
      ],
      [
        'NO DATA (WARNING)',
        'Requests per minute',
        'count',
        '20 req/min',
        '—',
        '—',
        'no data in Production for the window to compare with (onmissingcompare: warn, the default)',
      ],
      [
        'PASS',
        'Response time',
        'max',
        '250 ms',
        '300 ms',
        '10 ms … 500 ms (static)',
        '10 ms ≤ 250 ms ≤ 500 ms (static limits)',
      ],
    ]);
  });

  it('ends with a newline and has a separator row under each header', () => {
    assert.ok(markdown.endsWith('|\n'));
    assert.ok(markdown.includes(`${ENTRY_HEADER}\n|---|---|---|---|---|---|---|\n`));
    assert.ok(markdown.includes(`${WINDOW_HEADER}\n|---|---|---|---|---|\n`));
  });

  it('escapes pipes and line breaks inside cells', () => {
    const result = sampleResult();
    const [first, ...rest] = result.results;
    assert.ok(first);
    const tricky: EntryResult = { ...first, metric: 'Response | time', reason: 'line one\nline two | more' };
    const rendered = renderMarkdown({
      ...result,
      source: { ...result.source, environment: 'Stage|1' },
      results: [tricky, ...rest],
    });
    const [row] = tableRows(
      rendered,
      '| Status | Metric | Aggregate | Stage\\|1 | Production | Threshold | Reason |',
    );
    assert.equal(row?.length, 7);
    assert.equal(row?.[1], 'Response \\| time');
    assert.equal(row?.[6], 'line one<br>line two \\| more');
    assert.equal(tableRows(rendered, WINDOW_HEADER)[0]?.[1], 'Stage\\|1');
  });

  it('keeps a selector containing backticks inside its code span', () => {
    const result = sampleResult();
    const rendered = renderMarkdown({
      ...result,
      source: { ...result.source, entitySelector: 'type(SERVICE),tag("a`b")' },
    });
    assert.equal(tableRows(rendered, WINDOW_HEADER)[0]?.[4], '``type(SERVICE),tag("a`b")``');
  });

  it('shows static single limits and lower thresholds with their direction', () => {
    const plan = planScenario([
      { timeseries: 'service.responsetime', upperlimit: 200 },
      { timeseries: 'service.responsetime', aggregate: 'min', lowerlimit: 5 },
      { timeseries: 'service.requestspermin', aggregate: 'count', validate: 'lower' },
    ]);
    const rows = tableRows(
      renderMarkdown(evaluateValues(plan, [100, 10, 50], [null, null, 100])),
      ENTRY_HEADER,
    );
    assert.deepEqual(
      rows.map((row) => row[5]),
      ['≤ 200 ms (static)', '≥ 5 ms (static)', '≥ 100 req/min'],
    );
  });

  it('shows verbatim selectors as code with their aggregation in the selector', () => {
    const plan = planScenario([{ metric: 'builtin:service.response.time:splitBy():avg' }]);
    const [row] = tableRows(renderMarkdown(evaluateValues(plan, [1], [1])), ENTRY_HEADER);
    assert.deepEqual(row?.slice(1, 3), ['`builtin:service.response.time:splitBy():avg`', '(in selector)']);
  });

  it('lists notes after the table', () => {
    const plan = planScenario([{ timeseries: 'service.failurerate' }]);
    const result = evaluateValues(plan, [1], [1], new Map([['perfsignature[0]', ['approximate | mean']]]));
    assert.ok(
      renderMarkdown(result).endsWith(
        '\n\nNotes:\n\n- perfsignature[0] (Failure rate): approximate | mean\n',
      ),
    );
  });
});
