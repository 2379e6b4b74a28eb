import { type EntryResult, type EvaluatedWindow, type EvaluationResult } from './evaluation-result';
import { formatQuantity } from './format-number';

const STATUS_MARKERS = { pass: 'PASS', warning: 'WARNING', fail: 'FAIL' } as const;

/**
 * Renders an evaluation as GitHub-flavoured Markdown for pipeline logs and problem comments: a heading
 * with the verdict, the summary, the two windows with their entity selectors, one table row per entry
 * and any notes. Numbers are rounded for reading; the result object keeps full precision.
 */
export function renderMarkdown(result: EvaluationResult): string {
  const lines = [
    `## ${STATUS_MARKERS[result.status]}: ${text(result.service)} / ${text(result.comparison)}`,
    '',
    text(result.summary),
    '',
    '| Window | Environment | From (UTC) | To (UTC) | Entity selector |',
    '|---|---|---|---|---|',
    windowRow('Source', result.source),
    windowRow('Compare', result.compare),
    '',
    `| Status | Metric | Aggregate | ${valueColumns(result).join(' | ')} | Threshold | Reason |`,
    '|---|---|---|---|---|---|---|',
    ...result.results.map(entryRow),
  ];
  const notes = result.results.flatMap((entry) =>
    (entry.notes ?? []).map((note) => `- ${text(entry.path)} (${text(entry.metric)}): ${text(note)}`),
  );
  if (notes.length > 0) lines.push('', 'Notes:', '', ...notes);
  return `${lines.join('\n')}\n`;
}

/** The value columns are named after the environments, marked when one environment is compared with itself. */
function valueColumns(result: EvaluationResult): [string, string] {
  const source = cell(result.source.environment);
  const compare = cell(result.compare.environment);
  return source === compare ? [`${source} (source)`, `${compare} (compare)`] : [source, compare];
}

function windowRow(role: string, window: EvaluatedWindow): string {
  return row([role, cell(window.environment), window.from, window.to, code(window.entitySelector)]);
}

function entryRow(entry: EntryResult): string {
  const metric = entry.aggregate === 'selector' ? code(entry.metric) : cell(entry.metric);
  const aggregate = entry.aggregate === 'selector' ? '(in selector)' : cell(entry.aggregate);
  return row([
    statusMarker(entry),
    metric,
    aggregate,
    value(entry.source, entry.unit),
    value(entry.compare, entry.unit),
    threshold(entry),
    cell(entry.reason),
  ]);
}

function statusMarker(entry: EntryResult): string {
  const outcome = STATUS_MARKERS[entry.outcome];
  return entry.status === 'nodata' ? `NO DATA (${outcome})` : outcome;
}

function threshold(entry: EntryResult): string {
  const { upperLimit, lowerLimit, unit } = entry;
  if (entry.limitKind === 'static') {
    if (upperLimit !== undefined && lowerLimit !== undefined) {
      return cell(`${formatQuantity(lowerLimit, unit)} … ${formatQuantity(upperLimit, unit)} (static)`);
    }
    if (upperLimit !== undefined) return cell(`≤ ${formatQuantity(upperLimit, unit)} (static)`);
    return lowerLimit === undefined ? '—' : cell(`≥ ${formatQuantity(lowerLimit, unit)} (static)`);
  }
  if (entry.threshold === null) return '—';
  return cell(`${entry.validate === 'upper' ? '≤' : '≥'} ${formatQuantity(entry.threshold, unit)}`);
}

function value(quantity: number | null, unit: string): string {
  return quantity === null ? '—' : cell(formatQuantity(quantity, unit));
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Table cells cannot hold a raw pipe or line break. */
function cell(content: string): string {
  return content.replace(/\r?\n|\r/g, '<br>').replace(/\|/g, '\\|');
}

/** Free text on one line (summary, heading, notes). */
function text(content: string): string {
  return content.replace(/\r?\n|\r/g, ' ');
}

/** A code span that survives backticks in the content, for selectors inside a table cell. */
function code(content: string): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${cell(content)}${padding}${fence}`;
}
