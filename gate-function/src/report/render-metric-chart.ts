import { formatNumber } from '../../../lib/monspec/format-number';
import { type MetricPoint, type MetricSeries } from './build-metric-series';
import { chooseChartScale } from './choose-chart-scale';
import { formatTime, formatValue } from './format-report-values';
import { markup, type Markup } from './markup';

/** How a chart is drawn. */
export interface ChartOptions {
  /** The evaluation to outline (the one the report link named). */
  readonly selectedEvaluationId?: string;
}

const WIDTH = 560;
const HEIGHT = 220;
const PLOT = { left: 58, right: 12, top: 22, bottom: 30 } as const;
const PLOT_WIDTH = WIDTH - PLOT.left - PLOT.right;
const PLOT_HEIGHT = HEIGHT - PLOT.top - PLOT.bottom;
/** Axis labels need about this much room each. */
const LABEL_WIDTH = 68;
const MAX_LABEL_CHARS = 11;

const STATUS_TEXT: Readonly<Record<MetricPoint['status'], string>> = {
  pass: '✓ pass',
  violation: '✕ violation',
  nodata: '○ no data',
  absent: '– not evaluated',
};

/**
 * One metric across evaluations as a figure: an inline SVG chart (source and compare values, the threshold
 * as a step line, violations marked, the selected evaluation outlined), a legend, and the same numbers as a
 * data table for screen readers and for copying. Missing values are gaps, never zero. Colours come from the
 * page's CSS classes, so the chart follows the light or dark theme; the series also differ by line style and
 * marker shape, not by colour alone.
 */
export function renderMetricChart(series: MetricSeries, options: ChartOptions = {}): Markup {
  const latest = series.points[series.points.length - 1];
  const direction = series.validate === 'upper' ? 'lower is better' : 'higher is better';
  const thresholdName = series.limitKind === 'static' ? 'Limit' : 'Threshold';
  return markup`<figure class="chart" id="${series.id}">
  <figcaption>
    <h3>${series.metric} <span class="muted">(${series.aggregate}, ${direction})</span></h3>
    ${latest === undefined ? '' : markup`<span class="pill status-${latest.status}">latest: ${STATUS_TEXT[latest.status]}</span>`}
  </figcaption>
  <ul class="legend">
    <li><svg class="key" viewBox="0 0 28 12" aria-hidden="true"><path class="line-source" d="M1 6 H27"/><circle class="marker-source" cx="14" cy="6" r="3.5"/></svg>${series.sourceEnvironment} (source)</li>
    <li><svg class="key" viewBox="0 0 28 12" aria-hidden="true"><path class="line-compare" d="M1 6 H27"/><rect class="marker-compare" x="11" y="3" width="6" height="6"/></svg>${series.compareEnvironment} (compare)</li>
    <li><svg class="key" viewBox="0 0 28 12" aria-hidden="true"><path class="line-threshold" d="M1 6 H27"/></svg>${thresholdName}</li>
    <li><svg class="key" viewBox="0 0 28 12" aria-hidden="true">${violationMarker(14, 6)}</svg>Violation</li>
  </ul>
  ${renderSvg(series, thresholdName, options)}
  ${renderDataTable(series, thresholdName)}
</figure>`;
}

function renderSvg(series: MetricSeries, thresholdName: string, options: ChartOptions): Markup {
  const { points } = series;
  const titleId = `${series.id}-title`;
  const descId = `${series.id}-desc`;
  const finite = points
    .flatMap((point) => [point.source, point.compare, point.threshold])
    .filter((value): value is number => value !== null && Number.isFinite(value));
  const header = markup`<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg">
    <title id="${titleId}">${series.metric} (${series.aggregate}) across ${points.length} ${points.length === 1 ? 'evaluation' : 'evaluations'}</title>
    <desc id="${descId}">${describeSeries(series, thresholdName)}</desc>`;
  if (finite.length === 0) {
    return markup`${header}
    <text class="empty" x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">No values recorded for this metric in these evaluations</text>
  </svg>`;
  }

  const scale = chooseChartScale(Math.min(...finite), Math.max(...finite));
  const band = PLOT_WIDTH / points.length;
  const x = (index: number): number => PLOT.left + band * (index + 0.5);
  const y = (value: number): number =>
    PLOT.top + PLOT_HEIGHT * (1 - (value - scale.min) / (scale.max - scale.min));
  const bottom = PLOT.top + PLOT_HEIGHT;
  const column = (index: number, className: string): Markup =>
    markup`<rect class="${className}" x="${fixed(x(index) - band / 2)}" y="${PLOT.top}" width="${fixed(band)}" height="${PLOT_HEIGHT}"/>`;

  const bands = points.map((point, index) => [
    point.status === 'violation' || point.status === 'nodata' ? column(index, `band-${point.status}`) : '',
    point.evaluationId === options.selectedEvaluationId ? column(index, 'band-selected') : '',
  ]);
  const grid = scale.ticks.map(
    (tick) => markup`
    <path class="grid" d="M${PLOT.left} ${fixed(y(tick))} H${WIDTH - PLOT.right}"/>
    <text class="tick" x="${PLOT.left - 6}" y="${fixed(y(tick) + 3.5)}" text-anchor="end">${formatNumber(tick)}</text>`,
  );
  const labelEvery = Math.ceil(points.length / Math.max(1, Math.floor(PLOT_WIDTH / LABEL_WIDTH)));
  const labels = points.map((point, index) =>
    // Counted from the newest evaluation, which is always labelled.
    (points.length - 1 - index) % labelEvery === 0
      ? markup`
    <text class="tick${point.evaluationId === options.selectedEvaluationId ? ' selected' : ''}" x="${fixed(x(index))}" y="${bottom + 16}" text-anchor="middle">${shorten(point.label)}</text>`
      : '',
  );
  const compareMarkers = points.map((point, index) =>
    point.compare === null
      ? ''
      : markup`<rect class="marker-compare" x="${fixed(x(index) - 3)}" y="${fixed(y(point.compare) - 3)}" width="6" height="6"/>`,
  );
  const sourceMarkers = points.map((point, index) => {
    if (point.source === null) return '';
    return point.status === 'violation'
      ? violationMarker(x(index), y(point.source))
      : markup`<circle class="marker-source" cx="${fixed(x(index))}" cy="${fixed(y(point.source))}" r="3.5"/>`;
  });
  // Transparent columns on top: hovering one shows its values, clicking it opens its verdict below.
  const hits = points.map(
    (point, index) => markup`
    <a href="#evaluation-${encodeURIComponent(point.evaluationId)}" tabindex="-1">${column(index, 'hit')}<title>${tooltip(series, point, thresholdName)}</title></a>`,
  );

  return markup`${header}
    ${bands}
    ${grid}
    <text class="unit" x="${PLOT.left - 6}" y="${PLOT.top - 9}" text-anchor="end">${series.unit}</text>
    <path class="axis" d="M${PLOT.left} ${bottom} H${WIDTH - PLOT.right}"/>
    ${labels}
    <path class="line-threshold" d="${stepPath(
      points.map((point) => point.threshold),
      x,
      y,
      band,
    )}"/>
    <path class="line-compare" d="${linePath(
      points.map((point) => point.compare),
      x,
      y,
    )}"/>
    <path class="line-source" d="${linePath(
      points.map((point) => point.source),
      x,
      y,
    )}"/>
    ${compareMarkers}
    ${sourceMarkers}
    ${hits}
  </svg>`;
}

/** A polyline through the values, broken where a value is missing. */
function linePath(
  values: readonly (number | null)[],
  x: (index: number) => number,
  y: (value: number) => number,
): string {
  const commands: string[] = [];
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    commands.push(`${drawing ? 'L' : 'M'}${fixed(x(index))} ${fixed(y(value))}`);
    drawing = true;
  });
  return commands.join(' ');
}

/** Each evaluation's threshold across its column, as steps, broken where there is none. */
function stepPath(
  values: readonly (number | null)[],
  x: (index: number) => number,
  y: (value: number) => number,
  band: number,
): string {
  const commands: string[] = [];
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const right = `H${fixed(x(index) + band / 2)}`;
    commands.push(
      drawing ? `V${fixed(y(value))} ${right}` : `M${fixed(x(index) - band / 2)} ${fixed(y(value))} ${right}`,
    );
    drawing = true;
  });
  return commands.join(' ');
}

function violationMarker(cx: number, cy: number): Markup {
  const d = 2.8;
  return markup`<circle class="marker-violation" cx="${fixed(cx)}" cy="${fixed(cy)}" r="5.5"/><path class="marker-violation-x" d="M${fixed(cx - d)} ${fixed(cy - d)} L${fixed(cx + d)} ${fixed(cy + d)} M${fixed(cx + d)} ${fixed(cy - d)} L${fixed(cx - d)} ${fixed(cy + d)}"/>`;
}

function tooltip(series: MetricSeries, point: MetricPoint, thresholdName: string): string {
  return [
    `${point.label} · ${formatTime(point.evaluatedAt)}`,
    `${series.sourceEnvironment}: ${formatValue(point.source, series.unit)}`,
    `${series.compareEnvironment}: ${formatValue(point.compare, series.unit)}`,
    `${thresholdName}: ${formatValue(point.threshold, series.unit)}`,
    `${STATUS_TEXT[point.status]}${point.reason === undefined ? '' : ` — ${point.reason}`}`,
  ].join('\n');
}

/** The chart's text alternative: range, latest values, and where the violations and gaps are. */
function describeSeries(series: MetricSeries, thresholdName: string): string {
  const { points } = series;
  const first = points[0];
  const latest = points[points.length - 1];
  if (first === undefined || latest === undefined) return 'No evaluations.';
  const violations = points.filter((point) => point.status === 'violation');
  const missing = points.filter((point) => point.status === 'nodata').length;
  return [
    `${points.length} ${points.length === 1 ? 'evaluation' : 'evaluations'} from ${formatTime(first.evaluatedAt)} to ${formatTime(latest.evaluatedAt)}.`,
    `Latest (${latest.label}): ${series.sourceEnvironment} ${formatValue(latest.source, series.unit)}, ` +
      `${series.compareEnvironment} ${formatValue(latest.compare, series.unit)}, ` +
      `${thresholdName.toLowerCase()} ${formatValue(latest.threshold, series.unit)}, ${STATUS_TEXT[latest.status].slice(2)}.`,
    violations.length === 0
      ? 'No violations.'
      : `${violations.length} ${violations.length === 1 ? 'violation' : 'violations'}: ${violations.map((point) => point.label).join(', ')}.`,
    missing === 0 ? '' : `${missing} without data.`,
  ]
    .filter((sentence) => sentence !== '')
    .join(' ');
}

function renderDataTable(series: MetricSeries, thresholdName: string): Markup {
  const rows = [...series.points].reverse().map(
    (point) => markup`
        <tr>
          <th scope="row">${point.label} <span class="muted">${formatTime(point.evaluatedAt)}</span></th>
          <td class="number">${formatValue(point.source, series.unit)}</td>
          <td class="number">${formatValue(point.compare, series.unit)}</td>
          <td class="number">${formatValue(point.threshold, series.unit)}</td>
          <td><span class="status-text status-${point.status}">${STATUS_TEXT[point.status]}</span></td>
        </tr>`,
  );
  return markup`<details class="data">
    <summary>Data table</summary>
    <table>
      <caption>${series.metric} (${series.aggregate}), newest first</caption>
      <thead><tr><th scope="col">Evaluation</th><th scope="col">${series.sourceEnvironment}</th><th scope="col">${series.compareEnvironment}</th><th scope="col">${thresholdName}</th><th scope="col">Status</th></tr></thead>
      <tbody>${rows}
      </tbody>
    </table>
  </details>`;
}

function shorten(label: string): string {
  return label.length <= MAX_LABEL_CHARS ? label : `${label.slice(0, MAX_LABEL_CHARS - 1)}…`;
}

function fixed(value: number): string {
  return value.toFixed(1);
}
