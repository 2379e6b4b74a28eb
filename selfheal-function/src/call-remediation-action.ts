import {
  reportRemediationAction,
  type ProblemNotification,
  type RemediationReport,
} from '../../lib/remediation';
import { type ActionContext } from './action-context';
import { actionFailure } from './action-failure';

/**
 * Sends the problem to the remediation action link of the deployment event (an Ansible Tower / AWX job
 * template launch URL, a runbook webhook, …) with the configured auth header. The body carries the fields
 * of the original Unbreakable template at the top level (what the original Ansible playbooks read) and
 * the same data under `extra_vars` (what a Tower/AWX launch endpoint passes to the playbook). The URL was
 * checked against REMEDIATION_ALLOWED_HOSTS by the decision; the POST is sent once (retried only when the
 * service answers 429, or 5xx), and anything it answers with 2xx counts as accepted.
 */
export async function callRemediationAction(
  context: ActionContext,
  notification: ProblemNotification,
  url: string,
): Promise<RemediationReport> {
  const { deps, problem, culprit } = context;
  const target = new URL(url);
  const endpoint = `${target.origin}${target.pathname}`;
  const problemData = {
    State: notification.state,
    PID: problem.problemId,
    ProblemID: problem.displayId,
    ProblemTitle: problem.title ?? '',
    ProblemURL: problem.url,
    ImpactedEntities: culprit.entities.map((entity) => ({
      type: entity.type ?? '',
      name: entity.name ?? entity.id,
      entity: entity.id,
    })),
    Tags: notification.tags.join(', '),
    Deployment: {
      eventId: culprit.event.eventId,
      startTime: culprit.event.startTime,
      name: culprit.parsed.name ?? '',
      version: culprit.parsed.version ?? '',
      ...(culprit.parsed.deployment === undefined ? {} : { azureDevOps: culprit.parsed.deployment }),
    },
  };

  const description = `call the remediation action ${endpoint}`;
  await context.beforeChange(description);
  let status: number;
  try {
    const response = await deps.remediationClient(target.origin).request({
      method: 'POST',
      path: `${target.pathname}${target.search}`,
      body: { ...problemData, extra_vars: problemData },
      responseType: 'text',
    });
    status = response.status;
  } catch (error) {
    throw actionFailure(error, `calling the remediation action ${endpoint}`, true);
  }
  context.log.info(`${problem.displayId}: ${description} answered ${status}`);
  return reportRemediationAction({
    problem,
    problemStart: context.problemStart,
    culprit,
    endpoint,
    status,
  });
}
