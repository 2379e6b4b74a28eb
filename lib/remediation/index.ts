/**
 * The pure core of self-healing: read a problem notification, find which of our deployments caused the
 * problem, decide what to do about it, and say what was done. No I/O, clock, environment or randomness:
 * the self-healing function gathers the facts and carries out the decision.
 */
export {
  reportEscalation,
  reportFailure,
  reportNothingToDo,
  reportReleaseRollback,
  reportRemediationAction,
  reportStageReRun,
  type CulpritContext,
} from './build-remediation-report';
export { checkRemediationLink, type RemediationLinkCheck } from './check-remediation-link';
export { collectionKey, matchAllowedCollection } from './collection-key';
export {
  decideRemediation,
  type RemediationInput,
  type RemediationPolicy,
  type TriggeredDeploymentFact,
} from './decide-remediation';
export { deploymentKey, describeDeployment } from './deployment-key';
export { isEntityId } from './entity-id';
export { computeEventWindow, EVENT_TOLERANCE_MS, type EventWindow } from './event-window';
export {
  findEntityCulprit,
  type EntityFinding,
  type ObservedEvent,
  type OurDeploymentEvent,
} from './find-entity-culprit';
export { groupCulprits, type CulpritGroup } from './group-culprits';
export {
  judgeReleaseCandidate,
  type CandidateVerdict,
  type ReleaseDeploymentCandidate,
  type RollbackTargetPolicy,
} from './judge-release-candidate';
export { judgeRunCandidate, type RunStageCandidate } from './judge-run-candidate';
export { MAX_ENTITIES, MAX_NESTING_DEPTH, parseProblemNotification } from './parse-problem-notification';
export { type ImpactedEntity, type ProblemNotification } from './problem-notification';
export { ProblemNotificationError } from './problem-notification-error';
export { type EscalationReason, type RemediationDecision } from './remediation-decision';
export {
  type EntityReport,
  type ProblemReference,
  type RemediationAction,
  type RemediationReport,
  type ReportLink,
} from './remediation-report';
export { COMMENT_CONTEXT, renderProblemComment } from './render-problem-comment';
export { ROLLBACK_MARKER_VARIABLE } from '../deployment-event/deployment-event-properties';
export {
  TEST_NOTIFICATION_PID,
  TEST_NOTIFICATION_TITLE,
  triageNotification,
  type NotificationTriage,
} from './triage-notification';
export { problemWebUrl, releaseWebUrl, runWebUrl } from './web-links';
