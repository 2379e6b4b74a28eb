import { type RecordedEvaluation, type RecordedResult } from '../../../lib/store';
import { formatValue } from './format-report-values';
import { markup, type Markup } from './markup';

/** Every metric of one evaluation: values, threshold, status and the one-line reason. */
export function renderVerdictTable(evaluation: RecordedEvaluation, caption: string): Markup {
  const rows = evaluation.results.map(
    (result) => markup`
      <tr>
        <th scope="row">${result.metric} <span class="muted">(${result.aggregate})</span></th>
        <td class="number">${formatValue(result.source, result.unit)}</td>
        <td class="number">${formatValue(result.compare, result.unit)}</td>
        <td class="number">${formatValue(result.threshold, result.unit)}${result.limitKind === 'static' ? markup` <span class="muted">(limit)</span>` : ''}</td>
        <td><span class="status-text status-${result.status}">${statusText(result)}</span></td>
        <td class="reason">${result.reason}</td>
      </tr>`,
  );
  return markup`<table class="verdict-table">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Metric</th><th scope="col">${evaluation.source.environment} <span class="muted">(source)</span></th><th scope="col">${evaluation.compare.environment} <span class="muted">(compare)</span></th><th scope="col">Threshold</th><th scope="col">Status</th><th scope="col">Why</th></tr></thead>
    <tbody>${rows}
    </tbody>
  </table>`;
}

function statusText(result: RecordedResult): string {
  switch (result.status) {
    case 'pass':
      return '✓ pass';
    case 'violation':
      return '✕ violation';
    case 'nodata':
      return `○ no data (${result.outcome === 'fail' ? 'fails' : result.outcome === 'warning' ? 'warns' : 'passes'})`;
  }
}
