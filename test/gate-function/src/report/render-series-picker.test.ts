import assert from 'node:assert/strict';

import { renderSeriesPicker } from '../../../../gate-function/src/report/render-series-picker';
import { FIXTURE_T0 } from '../recorded-evaluation-fixture';

describe('renderSeriesPicker', () => {
  const series = [
    {
      service: 'Checkout & Pay',
      comparison: 'StagingToProduction',
      latestEvaluationId: 'a',
      latestEvaluatedAt: FIXTURE_T0,
      latestStatus: 'fail' as const,
    },
    {
      service: 'SampleJSonService',
      comparison: '<b>Canary</b>',
      latestEvaluationId: 'b',
      latestEvaluatedAt: FIXTURE_T0,
      latestStatus: 'pass' as const,
    },
  ];

  it('lists the series with their latest verdict and a link to each report', () => {
    const text = renderSeriesPicker({ series, notices: [], generatedAt: FIXTURE_T0 });
    assert.match(
      text,
      /<a href="report\?service=Checkout\+%26\+Pay&amp;comparison=StagingToProduction">Checkout &amp; Pay<\/a>/,
    );
    assert.match(text, /<td>&lt;b&gt;Canary&lt;\/b&gt;<\/td>/);
    assert.match(text, /<span class="status-text status-fail">✕ fail<\/span>/);
  });

  it('offers a form that takes the function key, because the page never repeats it', () => {
    const text = renderSeriesPicker({ series, notices: [], generatedAt: FIXTURE_T0 });
    assert.match(text, /<form class="open" method="get" action="report">/);
    assert.match(text, /<option>Checkout &amp; Pay<\/option><option>SampleJSonService<\/option>/);
    assert.match(text, /<input type="password" name="code" autocomplete="off">/);
  });

  it('says when nothing is recorded yet', () => {
    const text = renderSeriesPicker({ series: [], notices: ['a notice'], generatedAt: FIXTURE_T0 });
    assert.match(text, /No evaluations are recorded yet/);
    assert.match(text, /<p class="notice" role="note">a notice<\/p>/);
    assert.doesNotMatch(text, /<form/);
  });
});
