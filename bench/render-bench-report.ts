import { type BenchReport, type BenchRow, type BenchTarget } from './bench-report';

/** Headings of the suites, in the order they are printed. */
export type SuiteTitles = Readonly<Record<string, string>>;

/**
 * The report as a plain-text table for the terminal: per suite, one line per case (runs, median, p99, max and
 * the case's figures), then every target with whether it was met, and the suites that failed.
 */
export function renderBenchReport(report: BenchReport, titles: SuiteTitles): string {
  const lines: string[] = [
    `Unbreakable Pipeline benchmarks — ${report.startedAt} — Node ${report.node}, ${report.platform}, ${report.cpus} CPUs, ${seconds(report.durationMs)}`,
  ];
  const caseWidth = Math.max(40, ...report.rows.map((row) => row.case.length));
  for (const suite of [...new Set(report.rows.map((row) => row.suite))]) {
    lines.push('', titles[suite] ?? suite);
    lines.push(
      `  ${'case'.padEnd(caseWidth)}  ${'runs'.padStart(4)}  ${'median'.padStart(9)}  ${'p99'.padStart(9)}  ${'max'.padStart(9)}  figures`,
    );
    for (const row of report.rows.filter((candidate) => candidate.suite === suite))
      lines.push(renderRow(row, caseWidth));
  }
  lines.push('', 'targets');
  for (const target of report.targets) lines.push(renderTarget(target));
  for (const failure of report.failures) lines.push(`  ✘ FAILED  suite ${failure.suite}: ${failure.error}`);
  return lines.join('\n');
}

function renderRow(row: BenchRow, caseWidth: number): string {
  const timing = row.timing;
  const cells =
    timing === undefined
      ? ['', '', ''].map((cell) => cell.padStart(9))
      : [timing.median, timing.p99, timing.max].map((value) => millis(value).padStart(9));
  const figures = Object.entries(row.figures)
    .map(([name, value]) => `${name} ${value}`)
    .join(' · ');
  return `  ${row.case.padEnd(caseWidth)}  ${String(row.runs).padStart(4)}  ${cells.join('  ')}  ${figures}`;
}

function renderTarget(target: BenchTarget): string {
  const mark = target.met ? '✔ met   ' : target.hard ? '✘ BROKEN' : '✘ missed';
  return `  ${mark}  ${target.hard ? 'invariant' : 'timing   '}  ${target.name}: ${target.measured}`;
}

function millis(value: number): string {
  return value >= 10_000
    ? `${(value / 1000).toFixed(1)} s`
    : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}
