/**
 * A faithful simulator of the Dynatrace APIs the Unbreakable Pipeline uses, for tests, the demo and
 * benchmarks. See `startDynatraceSimulator` and `sampleAppScenario`.
 */
export {
  type DynatraceSimulator,
  type DynatraceSimulatorOptions,
  startDynatraceSimulator,
} from './start-dynatrace-simulator';
export { MAX_BODY_BYTES } from './handle-request';
export { ALL_SCOPES, SCOPE_DISPLAY_NAMES } from './api-token';
export { type FaultRule, type FaultKind, type FaultTarget } from './fault-injector';
export { type RecordedRequest } from './recorded-request';
export {
  type OpenProblemInput,
  type ProblemChange,
  SimulatorState,
  type SimulatorStateOptions,
} from './simulator-state';
export { type DetectionResult, ProblemDetector } from './problem-detector';
export {
  DEFAULT_PROBLEM_DETECTION,
  type ProblemDetectionSettings,
  type ServiceHealth,
  type Violation,
  type ViolationKind,
} from './service-health';
export { type NotificationDelivery, type ProblemNotifications, ProblemNotifier } from './problem-notifier';
export { type NotificationTarget, validateNotificationTarget } from './notification-target';
export { type NotificationState, TEST_NOTIFICATION_TITLE, problemUrl } from './notification-values';
export {
  type NotificationValues,
  type PlaceholderValue,
  isJsonContentType,
  renderNotificationPayload,
} from './notification-payload';
export { type Problem, type ProblemComment } from './problem-store';
export { type StoredEvent } from './event-store';
export { createScenario } from './create-scenario';
export {
  SAMPLE_APP_BUILDS,
  SAMPLE_APP_ENTITY_IDS,
  SAMPLE_APP_HISTORY_MS,
  type SampleAppDeployment,
  type SampleAppEnvironment,
  sampleAppScenario,
} from './sample-app-scenario';
export {
  type BuildCatalog,
  type EntityTag,
  type MinuteSample,
  type Scenario,
  type ScenarioDefinition,
  type ScenarioEntity,
  type SeededComment,
  type SeededEvent,
  type SeededProblem,
  type WorkloadPhase,
  type WorkloadProfile,
} from './scenario';
