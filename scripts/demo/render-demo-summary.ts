import { type DemoSummary, type StoryOutcome } from './demo-summary';

/** The demo's summary as Markdown: verdict, stories, self-healing, gate tables and every check. */
export function renderDemoSummary(summary: DemoSummary): string {
  const failed = summary.checks.filter((check) => !check.ok);
  const lines: string[] = [
    `# Unbreakable Pipeline demo: ${summary.ok ? 'PASSED' : 'FAILED'}`,
    '',
    summary.ok
      ? `All ${summary.checks.length} checks held.`
      : `${failed.length} of ${summary.checks.length} checks failed${summary.error === undefined ? '' : `; the demo stopped on an error: ${summary.error}`}.`,
    '',
    `Started ${summary.startedAt}, took ${(summary.durationMs / 1000).toFixed(1)} s. Demo clock (Dynatrace and ` +
      `Azure DevOps simulators): ${summary.demoTime.from} to ${summary.demoTime.to}.`,
    '',
    '## Stories',
    '',
    '| # | Release | Build | Staging gate | Production | Outcome |',
    '|---|---|---|---|---|---|',
    ...summary.stories.map(
      (story) =>
        `| ${story.number} | ${story.releaseName} | ${story.build} | ${stagingGate(story)} | ${production(story)} | ${cell(story.outcome)} |`,
    ),
    '',
    '## Self-healing',
    '',
  ];
  if (summary.problems.length === 0) lines.push('Dynatrace opened no problem.', '');
  for (const problem of summary.problems) {
    lines.push(
      `- **${problem.displayId}** "${problem.title}" (${problem.severityLevel}) on ${problem.impactedEntities.join(', ')}: ` +
        `opened ${problem.openedAt}, ${problem.status === 'CLOSED' ? `closed ${problem.closedAt ?? ''}` : 'still open'}. ` +
        `${problem.reasons.join('; ')}.`,
    );
  }
  lines.push('', '| Webhook call | HTTP | Answer | Message |', '|---|---|---|---|');
  for (const notification of summary.notifications) {
    const call = notification.test ? 'test notification' : `${notification.state} ${notification.displayId}`;
    lines.push(
      `| ${call} | ${notification.httpStatus ?? 'none'} | ${notification.answer} | ${cell(notification.message)} |`,
    );
  }
  lines.push('', '| Redeploy request (Azure DevOps) | HTTP | Variables | Comment |', '|---|---|---|---|');
  for (const request of summary.redeployRequests) {
    const variables = Object.entries(request.variables)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    lines.push(
      `| PATCH …/releases/${request.releaseId}/environments/${request.releaseEnvironmentId} (${request.status}) | ${request.httpStatus} | ${cell(variables)} | ${cell(request.comment)} |`,
    );
  }
  for (const problem of summary.problems) {
    for (const comment of problem.comments) {
      lines.push(
        '',
        `Comment on ${problem.displayId}:`,
        '',
        ...comment.split('\n').map((line) => `> ${line}`),
      );
    }
  }
  lines.push('', '## Gate verdicts');
  for (const story of summary.stories) {
    for (const gate of story.gates) {
      lines.push(
        '',
        `### Story ${story.number}, ${story.releaseName}: ${gate.gate} (${gate.at})`,
        '',
        shiftHeadings(gate.verdict.markdown),
      );
    }
  }
  lines.push('', '## Checks', '', '| | Check | Expected | Actual |', '|---|---|---|---|');
  for (const check of summary.checks) {
    lines.push(
      `| ${check.ok ? '✅' : '❌'} | ${cell(check.description)} | ${cell(check.expected)} | ${cell(check.actual)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function stagingGate(story: StoryOutcome): string {
  const gate = story.gates[0];
  return gate === undefined ? 'not evaluated' : gate.verdict.status.toUpperCase();
}

function production(story: StoryOutcome): string {
  const own = story.deployments.filter(
    (deployment) => deployment.releaseId === story.releaseId && deployment.stage === 'Production',
  );
  return own.length === 0 ? 'not deployed' : own.map((deployment) => deployment.deploymentStatus).join(', ');
}

/** Table cells hold one line; pipes would end the cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** The gate's verdict starts with a level-2 heading; nest it under this summary's level-3 heading. */
function shiftHeadings(markdown: string): string {
  return markdown
    .trimEnd()
    .split('\n')
    .map((line) => (/^#{1,5} /.test(line) ? `##${line}` : line))
    .join('\n');
}
