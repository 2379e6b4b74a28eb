import { type RecordedEvaluation } from '../../../lib/store';
import { describePipeline } from '../describe-pipeline';
import { CONTEXT_KEYS } from '../read-pipeline-identity';
import { buildMetricSeries, evaluationLabel } from './build-metric-series';
import { formatTime, formatWindow } from './format-report-values';
import { markup, type Markup } from './markup';
import { renderDocument } from './render-document';
import { renderMetricChart } from './render-metric-chart';
import { renderVerdictTable } from './render-verdict-table';

/** What the report of one series shows. */
export interface ReportPageData {
  readonly service: string;
  readonly comparison: string;
  /** Newest first. */
  readonly evaluations: readonly RecordedEvaluation[];
  /** The evaluation the link named; its verdict is shown first and it is outlined in the charts. */
  readonly selectedEvaluationId?: string;
  /** Things the reader should know, e.g. that the named evaluation is no longer kept. */
  readonly notices: readonly string[];
  readonly generatedAt: number;
}

const BADGE: Readonly<Record<RecordedEvaluation['status'], string>> = {
  pass: '✓ PASS',
  warning: '! WARNING',
  fail: '✕ FAIL',
};
const MAX_CONTEXT_CHARS = 400;
const IDENTITY_KEYS: ReadonlySet<string> = new Set(
  Object.values(CONTEXT_KEYS).flatMap((keys) => keys.map((key) => key.toLowerCase())),
);

/**
 * The build-validation report of one service and comparison as a complete HTML document: the selected (or
 * latest) verdict with its metric table, one chart per metric across the evaluations, and every evaluation
 * with its verdict and its link back to Azure DevOps. Pure: data in, HTML out; every user-controlled text is
 * escaped by the `markup` template tag.
 */
export function renderReportPage(data: ReportPageData): string {
  const { evaluations } = data;
  const newest = evaluations[0];
  const oldest = evaluations[evaluations.length - 1];
  const selected = evaluations.find((item) => item.evaluationId === data.selectedEvaluationId) ?? newest;
  const series = buildMetricSeries(evaluations);
  const chartOptions = selected === undefined ? {} : { selectedEvaluationId: selected.evaluationId };
  const subtitle =
    newest === undefined || oldest === undefined
      ? 'No evaluations of this service and comparison are recorded within the retention period.'
      : `${evaluations.length} ${evaluations.length === 1 ? 'evaluation' : 'evaluations'} from ${formatTime(oldest.evaluatedAt)} to ${formatTime(newest.evaluatedAt)}`;

  const verdict =
    selected === undefined
      ? ''
      : markup`<section class="card verdict-${selected.status}" aria-labelledby="verdict-heading">
  <div class="card-head">
    <span class="badge status-${selected.status}">${BADGE[selected.status]}</span>
    <h2 id="verdict-heading">${selected === newest ? 'Latest evaluation' : 'Selected evaluation'} <span class="muted">${evaluationLabel(selected)}</span></h2>
  </div>
  <p class="summary">${selected.summary}</p>
  ${renderFacts(selected)}
  ${renderVerdictTable(selected, `Every metric of ${evaluationLabel(selected)}`)}
</section>`;
  const charts =
    series.length === 0
      ? ''
      : markup`<section aria-labelledby="charts-heading">
  <h2 id="charts-heading">Metrics across evaluations</h2>
  <div class="charts">
  ${series.map((item) => renderMetricChart(item, chartOptions))}
  </div>
</section>`;
  const history =
    evaluations.length === 0
      ? ''
      : markup`<section aria-labelledby="history-heading">
  <h2 id="history-heading">Evaluations <span class="muted">newest first</span></h2>
  ${evaluations.map((evaluation) => renderHistoryEntry(evaluation, evaluation === selected))}
</section>`;

  const body = markup`<header>
  <p class="crumbs"><a href="report">All reports</a></p>
  <h1>${data.service} <span class="muted">·</span> ${data.comparison}</h1>
  <p class="subtitle">Build validation — ${subtitle}</p>
</header>
${data.notices.map((notice) => markup`<p class="notice" role="note">${notice}</p>`)}
${verdict}
${charts}
${history}
<footer>Generated ${formatTime(data.generatedAt)} by the Unbreakable Pipeline gate function. All times are UTC.</footer>`;
  return renderDocument(`Build validation: ${data.service} · ${data.comparison}`, body);
}

function renderHistoryEntry(evaluation: RecordedEvaluation, selected: boolean): Markup {
  const violations =
    evaluation.totalViolations === 0
      ? 'no violations'
      : `${evaluation.totalViolations} ${evaluation.totalViolations === 1 ? 'violation' : 'violations'}`;
  return markup`
  <details class="evaluation" id="evaluation-${evaluation.evaluationId}">
    <summary><span class="evaluation-line"><span class="status-text status-${evaluation.status}">${BADGE[evaluation.status]}</span><strong>${evaluationLabel(evaluation)}</strong><span class="muted">${formatTime(evaluation.evaluatedAt)}</span><span>${violations}</span>${selected ? markup`<span class="muted">(selected)</span>` : ''}<span class="summary-text">${evaluation.summary}</span></span></summary>
    ${renderFacts(evaluation)}
    ${renderVerdictTable(evaluation, `Every metric of ${evaluationLabel(evaluation)}`)}
  </details>`;
}

function renderFacts(evaluation: RecordedEvaluation): Markup {
  const pipeline = describePipeline(evaluation.pipeline);
  const context =
    evaluation.requestContext !== undefined
      ? otherContext(evaluation.requestContext)
      : evaluation.requestContextOmitted === true
        ? 'too large to keep'
        : undefined;
  const pipelineText =
    pipeline === undefined
      ? ''
      : markup`<dt>Azure DevOps</dt><dd>${
          pipeline.url === undefined
            ? pipeline.label
            : markup`<a href="${pipeline.url}" rel="noreferrer noopener" target="_blank">${pipeline.label}</a>`
        }</dd>`;
  return markup`<dl class="facts">
    <dt>Evaluated</dt><dd>${formatTime(evaluation.evaluatedAt)}</dd>
    ${pipelineText}
    <dt>Source</dt><dd>${evaluation.source.environment} · ${formatWindow(evaluation.source.from, evaluation.source.to)}</dd>
    <dt>Compare</dt><dd>${evaluation.compare.environment} · ${formatWindow(evaluation.compare.from, evaluation.compare.to)}</dd>
    ${context === undefined ? '' : markup`<dt>Context</dt><dd><code>${context}</code></dd>`}
    <dt>Evaluation id</dt><dd><code>${evaluation.evaluationId}</code></dd>
  </dl>`;
}

/** The request context without the keys already shown as the Azure DevOps release or run; `undefined` when none is left. */
function otherContext(context: Readonly<Record<string, unknown>>): string | undefined {
  const rest = Object.fromEntries(
    Object.entries(context).filter(([key]) => !IDENTITY_KEYS.has(key.toLowerCase())),
  );
  return Object.keys(rest).length === 0 ? undefined : clip(JSON.stringify(rest), MAX_CONTEXT_CHARS);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
