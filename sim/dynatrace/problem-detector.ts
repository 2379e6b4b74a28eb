import { MINUTE_MS } from './minute-sample';
import { type Problem } from './problem-store';
import {
  DEFAULT_PROBLEM_DETECTION,
  type ProblemDetectionSettings,
  type ServiceHealth,
  type Violation,
  judgeServiceHealth,
} from './service-health';
import { type SimulatorState } from './simulator-state';

/** What one detection run did. */
export interface DetectionResult {
  /** The detection time (the start time of problems opened now). */
  readonly at: number;
  /** The judged minutes: `[from, to)`. */
  readonly window: { readonly from: number; readonly to: number };
  /** Every service with a workload, judged. */
  readonly health: readonly ServiceHealth[];
  readonly opened: readonly Problem[];
  /** Open problems that abnormal services were merged into, with the entities added (possibly none). */
  readonly merged: readonly { readonly problem: Problem; readonly addedEntityIds: readonly string[] }[];
  readonly closed: readonly Problem[];
}

/**
 * The simulator's problem detection: simple, documented and deterministic, standing in for Davis.
 *
 * A run at `nowMs` judges every SERVICE that has a workload over the last `windowMinutes` complete minutes
 * (see `judgeServiceHealth`): a failure rate above `failureRatePercent`, or a mean response time above
 * `responseTimeFactor` × its own baseline, is abnormal. Then:
 * - abnormal services of the same deployment environment (`ScenarioEntity.environment`) are one problem —
 *   Davis correlates services that share their topology, such as one service on two clusters;
 * - if an open problem already has one of them as an affected entity, they merge into it (no new problem,
 *   no new notification); otherwise a problem opens at `nowMs` with those services as affected and impacted
 *   entities: severity ERROR titled "Failure rate increase" when a failure rate is too high, otherwise
 *   PERFORMANCE titled "Response time degradation";
 * - a problem this detection opened or merged into closes at `nowMs` once every one of its services is
 *   normal over the whole window, that is back to normal for `windowMinutes` minutes. A service without
 *   traffic in some minute of the window is unknown: it neither opens nor closes anything.
 */
export class ProblemDetector {
  readonly settings: ProblemDetectionSettings;
  /** Problems this detection is responsible for closing. */
  private readonly managed = new Set<string>();

  constructor(settings: Partial<ProblemDetectionSettings> = {}) {
    this.settings = validateSettings({ ...DEFAULT_PROBLEM_DETECTION, ...settings });
  }

  /** Runs detection once against the state at `nowMs` (epoch ms). */
  detect(state: SimulatorState, nowMs: number): DetectionResult {
    if (!Number.isFinite(nowMs)) {
      throw new RangeError(`detectProblems: expected the detection time in epoch ms, found ${nowMs}`);
    }
    const windowEnd = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
    const window = { from: windowEnd - this.settings.windowMinutes * MINUTE_MS, to: windowEnd };
    const services = state.entities
      .list()
      .filter((entity) => entity.type === 'SERVICE' && state.workloadOf(entity.id).length > 0);
    const health = services.map((service) =>
      judgeServiceHealth((id, minute) => state.sampleAt(id, minute), service.id, windowEnd, this.settings),
    );
    const healthOf = new Map(health.map((entry) => [entry.entityId, entry]));

    const groups = new Map<string, { entityIds: string[]; violations: Violation[] }>();
    for (const service of services) {
      const judged = healthOf.get(service.id);
      if (judged?.status !== 'abnormal') continue;
      const key =
        service.environment === undefined ? `entity:${service.id}` : `environment:${service.environment}`;
      const group = groups.get(key) ?? { entityIds: [], violations: [] };
      group.entityIds.push(service.id);
      group.violations.push(...judged.violations);
      groups.set(key, group);
    }

    const opened: Problem[] = [];
    const merged: { problem: Problem; addedEntityIds: string[] }[] = [];
    for (const group of groups.values()) {
      const running = state.problems
        .list()
        .find(
          (problem) =>
            problem.status === 'OPEN' &&
            problem.affectedEntityIds.some((entityId) => group.entityIds.includes(entityId)),
        );
      if (running !== undefined) {
        const addedEntityIds = group.entityIds.filter(
          (entityId) => !running.affectedEntityIds.includes(entityId),
        );
        merged.push({ problem: state.mergeIntoProblem(running.problemId, addedEntityIds), addedEntityIds });
        this.managed.add(running.problemId);
        continue;
      }
      const failing = group.violations.some((violation) => violation.kind === 'failure-rate');
      const problem = state.openProblem({
        title: failing ? 'Failure rate increase' : 'Response time degradation',
        severityLevel: failing ? 'ERROR' : 'PERFORMANCE',
        entityIds: group.entityIds,
        // The moment detection is sure, not the first bad minute: the deployment event a pipeline sends right
        // after switching builds then precedes the problem, as it does in a real environment.
        startTime: nowMs,
      });
      this.managed.add(problem.problemId);
      opened.push(problem);
    }

    const closed: Problem[] = [];
    for (const problemId of [...this.managed]) {
      const problem = state.problems.get(problemId);
      if (problem === undefined || problem.status !== 'OPEN') {
        this.managed.delete(problemId);
        continue;
      }
      const recovered = problem.affectedEntityIds.every((entityId) => {
        const judged = healthOf.get(entityId);
        // Entities detection does not judge (hosts, services without workload) do not hold a problem open.
        return judged === undefined || judged.status === 'normal';
      });
      if (recovered) {
        closed.push(state.closeProblem(problemId, nowMs));
        this.managed.delete(problemId);
      }
    }
    return { at: nowMs, window, health, opened, merged, closed };
  }
}

function validateSettings(settings: ProblemDetectionSettings): ProblemDetectionSettings {
  const problems: string[] = [];
  const check = (name: keyof ProblemDetectionSettings, valid: boolean, expected: string): void => {
    if (!valid) problems.push(`${name}: expected ${expected}, found ${String(settings[name])}`);
  };
  check(
    'windowMinutes',
    Number.isInteger(settings.windowMinutes) && settings.windowMinutes >= 1,
    'a whole number ≥ 1',
  );
  check(
    'failureRatePercent',
    settings.failureRatePercent >= 0 && settings.failureRatePercent <= 100,
    'a percentage from 0 to 100',
  );
  check(
    'responseTimeFactor',
    Number.isFinite(settings.responseTimeFactor) && settings.responseTimeFactor > 1,
    'a number > 1',
  );
  check(
    'baselineMinutes',
    Number.isInteger(settings.baselineMinutes) && settings.baselineMinutes >= 1,
    'a whole number ≥ 1',
  );
  if (problems.length > 0) throw new RangeError(`Invalid problem detection settings: ${problems.join('; ')}`);
  return settings;
}
