import { type RemediationReport } from './remediation-report';

/** The `context` problem comments are posted with; the Dynatrace UI shows it next to the author. */
export const COMMENT_CONTEXT = 'Unbreakable Pipeline self-healing';

const HEADLINES: Readonly<Record<RemediationReport['outcome'], string>> = {
  remediated: 'Remediated',
  'nothing-to-do': 'Nothing to do',
  escalated: 'Escalated',
  failed: 'Failed',
};

/**
 * The problem comment for a report: a headline, the reason, and the links (plain text with one link per
 * line, which both the classic and the new problems UI render readably).
 */
export function renderProblemComment(report: RemediationReport): string {
  const lines = [
    `[${COMMENT_CONTEXT}] ${HEADLINES[report.outcome]}: ${report.summary}`,
    '',
    report.explanation,
  ];
  if (report.outcome === 'nothing-to-do' && report.entities.length > 0) {
    lines.push('', 'Impacted entities:');
    for (const entity of report.entities) {
      lines.push(
        `- ${entity.name === undefined ? entity.id : `${entity.name} (${entity.id})`}: ${entity.finding}`,
      );
    }
  }
  if (report.links.length > 0) {
    lines.push('', ...report.links.map((link) => `- ${link.label}: ${link.url}`));
  }
  return lines.join('\n');
}
