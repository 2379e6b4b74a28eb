import { evaluateEntry, type EntryEvaluation } from './evaluate-entry';
import { type EvaluatedWindow, type EvaluationResult, type EvaluationStatus } from './evaluation-result';
import { type EvaluationPlan, type WindowPlan } from './plan-evaluation';
import { type WindowValues } from './read-window-values';

/** The values of both windows, keyed by entry path (see {@link readWindowValues}). */
export interface EvaluationValues {
  readonly source: WindowValues;
  readonly compare: WindowValues;
}

/** Caveats per entry path, shown with that entry's result (e.g. from {@link combineV1Totals}). */
export type EvaluationNotes = ReadonlyMap<string, readonly string[]>;

const SUMMARY_DETAILS = 3;

/**
 * Judges every entry of a plan against the fetched values and explains the verdict (DESIGN §3). The
 * overall status is `fail` if any entry fails (a violation, or missing data whose policy is `fail`), else
 * `warning` if any entry warns, else `pass`. An entry without a value counts as missing data.
 */
export function evaluatePlan(
  plan: EvaluationPlan,
  values: EvaluationValues,
  notes?: EvaluationNotes,
): EvaluationResult {
  const evaluations = plan.entries.map((entry) =>
    evaluateEntry({
      entry,
      source: usable(values.source.get(entry.path)),
      compare: usable(values.compare.get(entry.path)),
      sourceEnvironment: plan.source.environment.name,
      compareEnvironment: plan.compare.environment.name,
      onMissingSource: plan.onMissingSource,
      onMissingCompare: plan.onMissingCompare,
      notes: notes?.get(entry.path) ?? [],
    }),
  );
  const results = evaluations.map((evaluation) => evaluation.result);
  const outcomes = results.map((result) => result.outcome);
  const status: EvaluationStatus = outcomes.includes('fail')
    ? 'fail'
    : outcomes.includes('warning')
      ? 'warning'
      : 'pass';
  const totalViolations = results.filter((result) => result.status === 'violation').length;
  return {
    status,
    summary: summarize(status, totalViolations, evaluations),
    totalViolations,
    service: plan.service,
    comparison: plan.comparison,
    windowMinutes: plan.windowMinutes,
    source: describeWindow(plan.source),
    compare: describeWindow(plan.compare),
    results,
  };
}

function usable(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function summarize(
  status: EvaluationStatus,
  violations: number,
  evaluations: readonly EntryEvaluation[],
): string {
  const total = evaluations.length;
  const head = `${status}: ${violations} of ${total} ${total === 1 ? 'metric' : 'metrics'} violated`;
  // Failures first: they decide the verdict and are what a reader needs to act on.
  const ranked = [
    ...evaluations.filter((evaluation) => evaluation.result.outcome === 'fail'),
    ...evaluations.filter((evaluation) => evaluation.result.outcome === 'warning'),
  ];
  const headlines = ranked.flatMap((evaluation) =>
    evaluation.headline === undefined ? [] : [evaluation.headline],
  );
  if (headlines.length === 0) return head;
  const shown = headlines.slice(0, SUMMARY_DETAILS);
  const rest = headlines.length - shown.length;
  return `${head} — ${shown.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`;
}

function describeWindow(window: WindowPlan): EvaluatedWindow {
  return {
    environment: window.environment.name,
    from: new Date(window.fromMs).toISOString(),
    to: new Date(window.toMs).toISOString(),
    entitySelector: window.entitySelector,
  };
}
