import { type EvaluationSeries } from '../../../lib/store';
import { formatTime } from './format-report-values';
import { markup } from './markup';
import { renderDocument } from './render-document';

/** What the report's start page lists. */
export interface SeriesPickerData {
  /** Ordered by service, then comparison. */
  readonly series: readonly EvaluationSeries[];
  readonly notices: readonly string[];
  readonly generatedAt: number;
}

const STATUS_TEXT: Readonly<Record<EvaluationSeries['latestStatus'], string>> = {
  pass: '✓ pass',
  warning: '! warning',
  fail: '✕ fail',
};

/**
 * The report's start page (`/api/report` without a service and comparison): a form to open a report and the
 * series evaluated within the retention period with their latest verdict. The form has a field for the
 * function key because the page never repeats the key it was opened with, so its links lose it; the form
 * puts the key into the address as `code`, the way Azure Functions accepts it.
 */
export function renderSeriesPicker(data: SeriesPickerData): string {
  const services = unique(data.series.map((item) => item.service));
  const comparisons = unique(data.series.map((item) => item.comparison));
  const rows = data.series.map((item) => {
    const query = new URLSearchParams({ service: item.service, comparison: item.comparison });
    return markup`
      <tr>
        <th scope="row"><a href="report?${query.toString()}">${item.service}</a></th>
        <td>${item.comparison}</td>
        <td><span class="status-text status-${item.latestStatus}">${STATUS_TEXT[item.latestStatus]}</span></td>
        <td>${formatTime(item.latestEvaluatedAt)}</td>
      </tr>`;
  });
  const content =
    data.series.length === 0
      ? markup`<p>No evaluations are recorded yet. They appear here after the gate's next evaluation.</p>`
      : markup`<form class="open" method="get" action="report">
  <label>Service<select name="service">${services.map((name) => markup`<option>${name}</option>`)}</select></label>
  <label>Comparison<select name="comparison">${comparisons.map((name) => markup`<option>${name}</option>`)}</select></label>
  <label>Function key (if the app requires one)<input type="password" name="code" autocomplete="off"></label>
  <button type="submit">Open report</button>
</form>
<table class="series">
  <caption>Recorded series. The links carry no function key; where the app requires one, use the form or add <code>&amp;code=…</code> to the address.</caption>
  <thead><tr><th scope="col">Service</th><th scope="col">Comparison</th><th scope="col">Latest verdict</th><th scope="col">Latest evaluation</th></tr></thead>
  <tbody>${rows}
  </tbody>
</table>`;
  const body = markup`<header>
  <h1>Build validation reports</h1>
  <p class="subtitle">Every gate verdict is recorded; a report charts each metric of one service and comparison across builds.</p>
</header>
${data.notices.map((notice) => markup`<p class="notice" role="note">${notice}</p>`)}
${content}
<footer>Generated ${formatTime(data.generatedAt)} by the Unbreakable Pipeline gate function. All times are UTC.</footer>`;
  return renderDocument('Build validation reports', body);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}
