import assert from 'node:assert/strict';

import {
  renderReportPage,
  type ReportPageData,
} from '../../../../gate-function/src/report/render-report-page';
import {
  failureRate,
  FIXTURE_T0,
  HOUR,
  recordedEvaluation,
  responseTime,
} from '../recorded-evaluation-fixture';

const HOSTILE = `<script>alert("x")</script>'"><img src=x onerror=alert(1)>`;

function page(overrides: Partial<ReportPageData> = {}): string {
  return renderReportPage({
    service: 'SampleJSonService',
    comparison: 'StagingToProduction',
    evaluations: [
      recordedEvaluation(3),
      recordedEvaluation(2, {
        status: 'fail',
        totalViolations: 1,
        summary: 'fail: 1 of 2 metrics violated — Failure rate (avg) in Staging 50 % > 1.15 %',
        results: [responseTime(), failureRate({ source: 50, status: 'violation', outcome: 'fail' })],
      }),
      recordedEvaluation(1),
    ],
    notices: [],
    generatedAt: FIXTURE_T0 + 4 * HOUR,
    ...overrides,
  });
}

/** Every start tag of the document, to check that no attribute was injected. */
function startTags(document: string): string[] {
  return document.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

/** A start tag whose attribute values are all double-quoted without quotes or angle brackets inside. */
const WELL_FORMED_TAG = /^<[a-zA-Z][a-zA-Z0-9-]*((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)\s*\/?>$/;

/** The attribute names of a well-formed start tag. */
function attributeNames(tag: string): string[] {
  const attributes = WELL_FORMED_TAG.exec(tag)?.[1];
  assert.ok(attributes !== undefined, `malformed start tag (an attribute broke out of its quotes?): ${tag}`);
  return [...attributes.matchAll(/\s+([^\s=]+)(?:="[^"]*")?/g)].map((match) => match[1] ?? '');
}

describe('renderReportPage', () => {
  it('is a complete document titled after the service and comparison', () => {
    const text = page();
    assert.match(text, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(text, /<title>Build validation: SampleJSonService · StagingToProduction<\/title>/);
    assert.match(text, /3 evaluations from 2026-03-02 09:00:00 UTC to 2026-03-02 11:00:00 UTC/);
  });

  it('shows the latest verdict with every metric first', () => {
    const text = page();
    assert.match(text, /<section class="card verdict-pass"[^>]*>/);
    assert.match(text, /Latest evaluation <span class="muted">Release-103<\/span>/);
    assert.match(text, /<caption>Every metric of Release-103<\/caption>/);
  });

  it('shows the selected evaluation first when the link named one', () => {
    const text = page({ selectedEvaluationId: 'evaluation-2' });
    assert.match(text, /<section class="card verdict-fail"[^>]*>/);
    assert.match(text, /Selected evaluation <span class="muted">Release-102<\/span>/);
    assert.match(text, /<span class="badge status-fail">✕ FAIL<\/span>/);
    assert.equal((text.match(/<rect class="band-selected"/g) ?? []).length, 2, 'outlined in both charts');
  });

  it('draws one chart per metric across the evaluations', () => {
    const text = page();
    assert.equal((text.match(/<figure class="chart"/g) ?? []).length, 2);
    assert.match(text, /<h3>Response time <span class="muted">\(avg, lower is better\)<\/span><\/h3>/);
    assert.match(text, /<h3>Failure rate <span class="muted">\(avg, lower is better\)<\/span><\/h3>/);
    assert.equal(
      (text.match(/<circle class="marker-violation"/g) ?? []).length,
      3,
      'one violation and two legends',
    );
  });

  it('lists every evaluation newest first, with its verdict and a link back to the release', () => {
    const text = page();
    const entries = [...text.matchAll(/<details class="evaluation" id="evaluation-(evaluation-\d)">/g)].map(
      (match) => match[1],
    );
    assert.deepEqual(entries, ['evaluation-3', 'evaluation-2', 'evaluation-1']);
    assert.match(
      text,
      /<a href="https:\/\/dev\.azure\.com\/contoso\/Sample%20App\/_release\?releaseId=102&amp;_a=release-summary" rel="noreferrer noopener" target="_blank">Release-102 · Production<\/a>/,
    );
  });

  it('links a YAML run to its results', () => {
    const text = page({
      evaluations: [
        recordedEvaluation(1, {
          pipeline: {
            collectionUri: 'https://dev.azure.com/contoso/',
            projectId: '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c',
            runId: '812',
            runName: '20260302.4',
            stage: 'Production',
            attempt: '2',
          },
        }),
      ],
    });
    assert.match(
      text,
      /href="https:\/\/dev\.azure\.com\/contoso\/6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c\/_build\/results\?buildId=812&amp;view=results"[^>]*>20260302\.4 · Production · attempt 2<\/a>/,
    );
  });

  it('loads nothing from anywhere: no script, no external stylesheet, image or font', () => {
    const text = page();
    assert.doesNotMatch(text, /<script/i);
    assert.doesNotMatch(text, /\ssrc=/i);
    assert.deepEqual(
      startTags(text).filter((tag) => tag.startsWith('<link')),
      ['<link rel="icon" href="data:,">'],
    );
    assert.doesNotMatch(text, /@import|url\(/);
  });

  it('renders hostile service, comparison, context, metric, environment and summary values as text', () => {
    const hostile = recordedEvaluation(1, {
      service: HOSTILE,
      comparison: HOSTILE,
      summary: HOSTILE,
      source: { ...recordedEvaluation(1).source, environment: HOSTILE },
      results: [responseTime({ metric: HOSTILE, aggregate: HOSTILE, unit: HOSTILE, reason: HOSTILE })],
      pipeline: {
        releaseName: HOSTILE,
        stage: HOSTILE,
        collectionUri: 'https://dev.azure.com/x/',
        project: HOSTILE,
        releaseId: '1',
      },
      requestContext: { note: HOSTILE, [HOSTILE]: 1 },
      evaluationId: HOSTILE,
    });
    const text = page({
      service: HOSTILE,
      comparison: HOSTILE,
      evaluations: [hostile],
      notices: [HOSTILE],
      selectedEvaluationId: HOSTILE,
    });

    assert.doesNotMatch(text, /<script/i);
    assert.doesNotMatch(text, /<img/i);
    for (const tag of startTags(text)) {
      const injected = attributeNames(tag).filter((name) => /^on/i.test(name));
      assert.deepEqual(injected, [], `an event handler attribute was injected: ${tag}`);
    }
    assert.ok(
      text.includes(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
      ),
    );
    assert.match(text, /<h1>&lt;script&gt;/);
    assert.match(text, /_release\?releaseId=1&amp;_a=release-summary/);
    assert.match(
      text,
      /%3Cscript%3Ealert\(%22x%22\)%3C%2Fscript%3E/,
      'the project is URL-encoded in the link',
    );
  });

  it('shows notices', () => {
    assert.match(
      page({ notices: ['Evaluation x is not kept any more.'] }),
      /<p class="notice" role="note">Evaluation x is not kept any more\.<\/p>/,
    );
  });

  it('says so when nothing is recorded', () => {
    const text = page({ evaluations: [] });
    assert.match(
      text,
      /No evaluations of this service and comparison are recorded within the retention period\./,
    );
    assert.doesNotMatch(text, /<figure/);
  });
});
