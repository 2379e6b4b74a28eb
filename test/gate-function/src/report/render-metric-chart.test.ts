import assert from 'node:assert/strict';

import {
  type MetricPoint,
  type MetricSeries,
} from '../../../../gate-function/src/report/build-metric-series';
import { renderMetricChart } from '../../../../gate-function/src/report/render-metric-chart';
import { FIXTURE_T0, HOUR } from '../recorded-evaluation-fixture';

function point(index: number, overrides: Partial<MetricPoint> = {}): MetricPoint {
  return {
    evaluationId: `evaluation-${index}`,
    evaluatedAt: FIXTURE_T0 + index * HOUR,
    label: `Release-${100 + index}`,
    source: 90,
    compare: 100,
    threshold: 115,
    status: 'pass',
    reason: 'within the threshold',
    ...overrides,
  };
}

function series(points: readonly MetricPoint[], overrides: Partial<MetricSeries> = {}): MetricSeries {
  return {
    id: 'metric-1',
    metric: 'Response time',
    key: 'com.dynatrace.builtin:service.responsetime',
    aggregate: 'avg',
    validate: 'upper',
    unit: 'ms',
    limitKind: 'relative',
    sourceEnvironment: 'Staging',
    compareEnvironment: 'Production',
    points,
    ...overrides,
  };
}

/** The `d` attribute of the chart's path of this class (the legend's sample comes first). */
function pathOf(svg: string, className: string): string {
  const matches = [...svg.matchAll(new RegExp(`<path class="${className}" d="([^"]*)"`, 'g'))];
  assert.equal(matches.length, 2, `expected the legend's and the chart's ${className} path`);
  return matches[1]?.[1] ?? '';
}

const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;

describe('renderMetricChart', () => {
  it('is an accessible image: role img, labelled by its title and description', () => {
    const text = renderMetricChart(series([point(1), point(2)])).text;
    assert.match(
      text,
      /<svg class="chart-svg" viewBox="0 0 560 220" role="img" aria-labelledby="metric-1-title metric-1-desc"/,
    );
    assert.match(text, /<title id="metric-1-title">Response time \(avg\) across 2 evaluations<\/title>/);
    assert.match(
      text,
      /<desc id="metric-1-desc">2 evaluations from 2026-03-02 09:00:00 UTC to 2026-03-02 10:00:00 UTC\. Latest \(Release-102\): Staging 90 ms, Production 100 ms, threshold 115 ms, pass\. No violations\.<\/desc>/,
    );
  });

  it('draws source and compare as lines with a marker per evaluation and the threshold as steps', () => {
    const text = renderMetricChart(series([point(1), point(2, { threshold: 130 }), point(3)])).text;
    assert.equal(count(pathOf(text, 'line-source'), /[ML]/g), 3);
    assert.equal(count(pathOf(text, 'line-compare'), /[ML]/g), 3);
    assert.equal(count(text, /<circle class="marker-source"/g), 4, 'three points and the legend');
    assert.equal(count(text, /<rect class="marker-compare"/g), 4);
    // One run of steps: a move, then one vertical change per following evaluation.
    assert.equal(count(pathOf(text, 'line-threshold'), /M/g), 1);
    assert.equal(count(pathOf(text, 'line-threshold'), /V/g), 2);
  });

  it('leaves a gap where a value is missing, and never draws it at zero', () => {
    const text = renderMetricChart(
      series([point(1), point(2, { source: null, threshold: null, status: 'nodata' }), point(3)]),
    ).text;
    assert.equal(count(pathOf(text, 'line-source'), /M/g), 2, 'two separate pieces');
    assert.equal(count(pathOf(text, 'line-source'), /L/g), 0);
    assert.equal(count(pathOf(text, 'line-threshold'), /M/g), 2);
    assert.equal(count(text, /<circle class="marker-source"/g), 3, 'two points and the legend');
    assert.equal(count(text, /<rect class="band-nodata"/g), 1);
    assert.match(text, /<td class="number">no data<\/td>/);
  });

  it('marks violations with their own marker and a shaded column, and names them in the description', () => {
    const text = renderMetricChart(
      series([point(1), point(2, { source: 180, status: 'violation' }), point(3)]),
    ).text;
    assert.equal(count(text, /<circle class="marker-violation"/g), 2, 'the point and the legend');
    assert.equal(count(text, /<rect class="band-violation"/g), 1);
    assert.match(text, /1 violation: Release-102\./);
    assert.match(text, /<span class="status-text status-violation">✕ violation<\/span>/);
  });

  it('outlines the selected evaluation and emphasises its axis label', () => {
    const text = renderMetricChart(series([point(1), point(2)]), {
      selectedEvaluationId: 'evaluation-1',
    }).text;
    assert.equal(count(text, /<rect class="band-selected"/g), 1);
    assert.match(text, /<text class="tick selected"[^>]*>Release-101<\/text>/);
  });

  it('links every column to its evaluation and explains it on hover', () => {
    const text = renderMetricChart(series([point(1)])).text;
    assert.match(
      text,
      /<a href="#evaluation-evaluation-1" tabindex="-1"><rect class="hit"[^>]*\/><title>Release-101 · 2026-03-02 09:00:00 UTC\nStaging: 90 ms\nProduction: 100 ms\nThreshold: 115 ms\n✓ pass — within the threshold<\/title><\/a>/,
    );
  });

  it('labels at most what fits on the axis, always including the newest evaluation', () => {
    const points = Array.from({ length: 30 }, (_, index) => point(index));
    const text = renderMetricChart(series(points)).text;
    const labels = [
      ...text.matchAll(/<text class="tick[^"]*" x="[^"]*" y="206" text-anchor="middle">([^<]*)<\/text>/g),
    ].map((match) => match[1]);
    assert.ok(labels.length <= 7, `${labels.length} labels`);
    assert.equal(labels[labels.length - 1], 'Release-129');
  });

  it('offers the numbers as a table, newest first', () => {
    const text = renderMetricChart(series([point(1), point(2, { source: 95.25 })])).text;
    const rows = [...text.matchAll(/<th scope="row">(Release-\d+)/g)].map((match) => match[1]);
    assert.deepEqual(rows, ['Release-102', 'Release-101']);
    assert.match(text, /<td class="number">95\.3 ms<\/td>/);
  });

  it('says so when no evaluation has a value', () => {
    const text = renderMetricChart(
      series([point(1, { source: null, compare: null, threshold: null, status: 'absent' })]),
    ).text;
    assert.match(text, /No values recorded for this metric in these evaluations/);
    assert.equal(count(text, /class="line-source"/g), 1, 'only the legend sample');
  });

  it('calls a static limit a limit', () => {
    const text = renderMetricChart(series([point(1)], { limitKind: 'static' })).text;
    assert.match(text, /<th scope="col">Limit<\/th>/);
    assert.match(text, /Limit: 115 ms/);
  });
});
