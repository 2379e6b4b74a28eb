import {
  computeEventWindow,
  decideRemediation,
  groupCulprits,
  problemWebUrl,
  renderProblemComment,
  reportEscalation,
  reportFailure,
  reportNothingToDo,
  type CulpritGroup,
  type ProblemNotification,
  type ProblemReference,
  type RemediationReport,
  type TriggeredDeploymentFact,
} from '../../lib/remediation';
import { StoreUnavailableError, type ProblemRecord } from '../../lib/store';
import { type ActionContext } from './action-context';
import { ActionFailure, actionFailure } from './action-failure';
import { callRemediationAction } from './call-remediation-action';
import { findCulprits } from './find-culprits';
import { postProblemComment } from './post-problem-comment';
import { reRunStage } from './re-run-stage';
import { resolveProblemFacts } from './resolve-problem-facts';
import { rollBackRelease } from './roll-back-release';
import { toRecordedOutcome, type SelfHealAnswer } from './selfheal-answer';
import { type SelfHealDependencies } from './selfheal-dependencies';
import { type SelfHealLog } from './selfheal-log';

/** How often a duplicate looks whether the attempt it defers to has finished. */
const DUPLICATE_POLL_MS = 250;

/**
 * Handles an OPEN problem exactly once: claims it, and only if the claim is this call's, finds the culprit,
 * decides, acts, records the outcome and comments on the problem. A duplicate waits a little for the
 * outcome of the attempt that owns the problem and reports it. Errors of the store
 * (`StoreUnavailableError`) and a lost claim (`ClaimLostError`) are thrown for the edge to answer.
 *
 * @param selfUrl the URL the notification arrived at (to recognise remediation links back to this function)
 */
export async function handleProblem(
  notification: ProblemNotification,
  deps: SelfHealDependencies,
  log: SelfHealLog,
  selfUrl: string,
): Promise<SelfHealAnswer> {
  const label = notification.displayId ?? notification.problemId;
  const claimResult = await deps.store.claimProblem({
    problemId: notification.problemId,
    ...(notification.displayId === undefined ? {} : { displayId: notification.displayId }),
    ...(notification.title === undefined ? {} : { title: notification.title }),
  });
  if (claimResult.kind !== 'claimed') {
    const record =
      claimResult.kind === 'in-progress'
        ? await waitForOutcome(deps, claimResult.record)
        : claimResult.record;
    log.info(`${label}: already handled (${record.state}, attempt ${record.attempt})`);
    return alreadyHandled(notification, record);
  }

  const { claim, previous } = claimResult;
  log.info(
    `${label}: claimed (attempt ${claim.attempt}${previous === undefined ? '' : `, taking over a ${previous.state} attempt`})`,
  );
  const problem: ProblemReference = {
    problemId: notification.problemId,
    displayId: label,
    ...(notification.title === undefined ? {} : { title: notification.title }),
    url: problemWebUrl(deps.settings.dynatraceUrl, notification.problemId),
  };
  let current = claim;
  let report: RemediationReport | undefined;
  try {
    report =
      previous?.state === 'in-progress' && previous.phase === 'acting'
        ? reportEscalation({
            problem,
            reason: 'outcome-unknown',
            message:
              `Attempt ${previous.attempt} stopped without recording an outcome while it was about to ` +
              `${previous.action ?? 'change a deployment'}. Whether that happened is unknown, so it is not repeated ` +
              'automatically; please check and finish it by hand.',
            culprits: [],
          })
        : await remediate(notification, problem, deps, log, selfUrl, async (description) => {
            current = await deps.store.markActing(current, description);
          });
    const record = await deps.store.recordOutcome(current, {
      state: report.outcome,
      retryable: report.outcome === 'failed' && report.retryable,
      summary: report.summary,
      details: { ...report },
    });
    log.info(`${report.problem.displayId}: ${report.outcome}: ${report.summary}`);
    const comment = await postProblemComment(
      deps.dynatrace,
      notification.problemId,
      deps.redact(renderProblemComment(report)),
    );
    if (!comment.posted)
      log.warn(`${report.problem.displayId}: the problem comment was not posted: ${comment.error}`);
    return {
      httpStatus: report.outcome === 'failed' ? 502 : 200,
      body: {
        status: report.outcome,
        message: report.summary,
        problem: problemSummary(notification, report.problem),
        attempt: record.attempt,
        report,
        comment,
      },
    };
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    // The problem is claimed, and something may have been done: say so rather than "nothing was done".
    log.error(`${label}: ${error.message}`);
    return {
      httpStatus: 503,
      body: {
        status: 'storage-unavailable',
        message:
          `${error.message}. Attempt ${claim.attempt} ${report === undefined ? 'stopped' : `ended as ${report.outcome}, but that could not be recorded`}; ` +
          'its claim stays in progress until its lease expires, then a later notification takes over ' +
          '(escalating instead of repeating a change that may have been made).',
        problem: problemSummary(notification, report?.problem ?? problem),
        attempt: claim.attempt,
        ...(report === undefined ? {} : { report }),
      },
    };
  }
}

async function remediate(
  notification: ProblemNotification,
  initialProblem: ProblemReference,
  deps: SelfHealDependencies,
  log: SelfHealLog,
  selfUrl: string,
  markActing: (description: string) => Promise<void>,
): Promise<RemediationReport> {
  let problem = initialProblem;
  let culprit: CulpritGroup | undefined;
  try {
    const facts = await resolveProblemFacts(notification, deps.dynatrace).catch((error: unknown) => {
      throw actionFailure(error, 'reading the problem from Dynatrace', false);
    });
    problem = {
      ...problem,
      displayId: facts.displayId ?? problem.displayId,
      ...(facts.title === undefined ? {} : { title: facts.title }),
    };
    const window = computeEventWindow(facts.startTime, deps.settings.lookbackMinutes);
    const findings = await findCulprits(facts.entities, window, deps.dynatrace).catch((error: unknown) => {
      throw actionFailure(error, 'reading deployment events from Dynatrace', false);
    });
    const triggeredDeployments = new Map<string, TriggeredDeploymentFact>();
    for (const group of groupCulprits(findings)) {
      const triggered = await deps.store.findTriggeredDeployment(group.key);
      if (triggered !== undefined) triggeredDeployments.set(group.key, triggered);
    }
    const decision = decideRemediation({
      findings,
      policy: {
        allowedCollections: deps.settings.azureDevOpsOrganizations,
        allowedRemediationHosts: deps.settings.remediationAllowedHosts,
        selfUrl,
      },
      triggeredDeployments,
    });
    log.info(`${problem.displayId}: decided ${decision.kind}`);
    if (decision.kind === 'nothing-to-do')
      return reportNothingToDo({ problem, message: decision.message, findings });
    if (decision.kind === 'escalate') {
      return reportEscalation({
        problem,
        reason: decision.reason,
        message: decision.message,
        culprits: decision.culprits,
      });
    }
    culprit = decision.culprit;
    const context: ActionContext = {
      deps,
      problem,
      problemStart: facts.startTime,
      culprit: decision.culprit,
      log,
      beforeChange: markActing,
    };
    switch (decision.kind) {
      case 'roll-back-release':
        return await rollBackRelease(context, decision.deployment, decision.collectionUrl);
      case 're-run-stage':
        return await reRunStage(context, decision.deployment, decision.collectionUrl);
      case 'call-remediation-action':
        return await callRemediationAction(context, notification, decision.url);
    }
  } catch (error) {
    if (!(error instanceof ActionFailure)) throw error;
    log.warn(`${problem.displayId}: failed while ${error.during}: ${error.message}`);
    return reportFailure({
      problem,
      retryable: error.retryable,
      during: error.during,
      error: deps.redact(error.message),
      ...(culprit === undefined ? {} : { culprit }),
    });
  }
}

/** Polls the record of a problem another attempt owns until it has an outcome or the wait is over. */
async function waitForOutcome(deps: SelfHealDependencies, first: ProblemRecord): Promise<ProblemRecord> {
  const deadline = deps.now() + deps.settings.duplicateWaitSeconds * 1000;
  let record = first;
  while (record.state === 'in-progress' && deps.now() < deadline) {
    await deps.sleep(DUPLICATE_POLL_MS);
    record = (await deps.store.readProblem(record.problemId)) ?? record;
  }
  return record;
}

function alreadyHandled(notification: ProblemNotification, record: ProblemRecord): SelfHealAnswer {
  const label = record.displayId ?? notification.displayId ?? notification.problemId;
  const message =
    record.state === 'in-progress'
      ? `Problem ${label} is already being handled by attempt ${record.attempt}; nothing was done for this notification.`
      : `Problem ${label} was already handled (${record.state}): ${record.summary ?? 'no summary recorded'} Nothing was done for this notification.`;
  return {
    httpStatus: 200,
    body: {
      status: 'already-handled',
      message,
      problem: {
        problemId: record.problemId,
        ...(record.displayId === undefined ? {} : { displayId: record.displayId }),
        ...(record.title === undefined ? {} : { title: record.title }),
      },
      attempt: record.attempt,
      recorded: toRecordedOutcome(record),
    },
  };
}

function problemSummary(
  notification: ProblemNotification,
  problem: ProblemReference,
): { problemId: string; displayId: string; title?: string } {
  return {
    problemId: notification.problemId,
    displayId: problem.displayId,
    ...(problem.title === undefined ? {} : { title: problem.title }),
  };
}
