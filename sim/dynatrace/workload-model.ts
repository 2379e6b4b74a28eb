import {
  FAILURE_UNITS_PER_REQUEST,
  MINUTE_MS,
  failureUnitsPerRequest,
  requestsInMinute,
  responseTimesInMinute,
} from './minute-sample';
import { type MinuteSample, type WorkloadPhase, type WorkloadProfile } from './scenario';

/** Start every segment's failure carry at half a request, so each minute's count is rounded, not floored. */
const INITIAL_CARRY = FAILURE_UNITS_PER_REQUEST / 2;

interface ActiveSegment {
  readonly profile: WorkloadProfile;
  /** The first minute the phase is active (its `from`, rounded up to a minute boundary). */
  readonly segmentStart: number;
}

/**
 * The workload timelines of all entities and the deterministic per-minute samples they produce.
 *
 * Failures are whole requests, but a 1 % failure rate at 150 requests per minute is 1.5 failures. The
 * fraction is carried from one minute to the next (an accumulator over the minute index since the phase
 * began), so over any window the failure count is within one request of the exact expectation.
 */
export class WorkloadModel {
  private readonly timelines = new Map<string, WorkloadPhase[]>();
  /** Per segment: the failure carry (in millionths of a request) before each minute index. */
  private readonly carries = new Map<string, number[]>();

  constructor(workloads: Readonly<Record<string, readonly WorkloadPhase[]>> = {}) {
    for (const [entityId, phases] of Object.entries(workloads)) {
      phases.forEach((phase, index) =>
        this.addPhase(entityId, phase, `workloads[${JSON.stringify(entityId)}][${index}]`),
      );
    }
  }

  /** Ids of the entities that have a workload timeline. */
  entityIds(): string[] {
    return [...this.timelines.keys()];
  }

  /** The phases of `entityId`, oldest first. */
  phasesOf(entityId: string): readonly WorkloadPhase[] {
    return this.timelines.get(entityId) ?? [];
  }

  /** The first minute that has a sample, or `undefined` for an entity without workload. */
  firstSampleMinute(entityId: string): number | undefined {
    const first = this.timelines.get(entityId)?.[0];
    return first === undefined ? undefined : ceilToMinute(first.from);
  }

  /**
   * Switches `entityId` to `phase.profile` from `phase.from` on; a phase starting at the same instant is
   * replaced. Later phases stay in place (they are later deployments).
   */
  addPhase(entityId: string, phase: WorkloadPhase, where = 'phase'): void {
    validatePhase(phase, where);
    const phases = this.timelines.get(entityId) ?? [];
    const kept = phases.filter((existing) => existing.from !== phase.from);
    kept.push({ from: phase.from, profile: { ...phase.profile } });
    kept.sort((left, right) => left.from - right.from);
    this.timelines.set(entityId, kept);
  }

  /** See {@link Scenario.sampleAt}. */
  sampleAt(entityId: string, minuteStartMs: number): MinuteSample | undefined {
    if (!Number.isInteger(minuteStartMs) || minuteStartMs % MINUTE_MS !== 0) {
      throw new RangeError(
        `sampleAt(${JSON.stringify(entityId)}, …) expects a minute-aligned epoch ms (a multiple of 60000); got ${minuteStartMs}`,
      );
    }
    const active = this.activeSegment(entityId, minuteStartMs);
    if (!active) return undefined;
    const { profile, segmentStart } = active;
    const minuteIndex = (minuteStartMs - segmentStart) / MINUTE_MS;
    const carry = this.carryBefore(entityId, active, minuteIndex);
    const requests = requestsInMinute(entityId, minuteStartMs, profile);
    const failures = Math.floor(
      (carry + requests * failureUnitsPerRequest(profile)) / FAILURE_UNITS_PER_REQUEST,
    );
    return {
      requests,
      failures,
      responseTimesMicros: responseTimesInMinute(entityId, minuteStartMs, profile, requests),
    };
  }

  private activeSegment(entityId: string, minuteStartMs: number): ActiveSegment | undefined {
    const phases = this.timelines.get(entityId) ?? [];
    let active: ActiveSegment | undefined;
    for (const phase of phases) {
      const segmentStart = ceilToMinute(phase.from);
      if (segmentStart > minuteStartMs) break;
      active = { profile: phase.profile, segmentStart };
    }
    return active;
  }

  private carryBefore(entityId: string, segment: ActiveSegment, minuteIndex: number): number {
    const { profile, segmentStart } = segment;
    const unitsPerRequest = failureUnitsPerRequest(profile);
    // The carry only depends on the request counts and the failure rate since the segment began, so a
    // segment is identified by its start and those two numbers; later deployments never invalidate it.
    const key = `${entityId}@${segmentStart}/${profile.requestsPerMinute}/${unitsPerRequest}`;
    let carries = this.carries.get(key);
    if (!carries) {
      carries = [INITIAL_CARRY];
      this.carries.set(key, carries);
    }
    for (let index = carries.length - 1; index < minuteIndex; index += 1) {
      const requests = requestsInMinute(entityId, segmentStart + index * MINUTE_MS, profile);
      carries.push(((carries[index] ?? 0) + requests * unitsPerRequest) % FAILURE_UNITS_PER_REQUEST);
    }
    return carries[minuteIndex] ?? INITIAL_CARRY;
  }
}

function ceilToMinute(epochMs: number): number {
  return Math.ceil(epochMs / MINUTE_MS) * MINUTE_MS;
}

function validatePhase(phase: WorkloadPhase, where: string): void {
  const problems: string[] = [];
  if (!Number.isFinite(phase.from))
    problems.push(`${where}.from: expected epoch ms, found ${String(phase.from)}`);
  const profile = phase.profile;
  if (typeof profile.build !== 'string' || profile.build === '') {
    problems.push(
      `${where}.profile.build: expected a non-empty string, found ${JSON.stringify(profile.build)}`,
    );
  }
  if (!(profile.responseTimeMs > 0) || !Number.isFinite(profile.responseTimeMs)) {
    problems.push(
      `${where}.profile.responseTimeMs: expected a positive number, found ${String(profile.responseTimeMs)}`,
    );
  }
  if (!(profile.failureRatePercent >= 0 && profile.failureRatePercent <= 100)) {
    problems.push(
      `${where}.profile.failureRatePercent: expected a number from 0 to 100, found ${String(profile.failureRatePercent)}`,
    );
  }
  if (!(profile.requestsPerMinute >= 0) || !Number.isFinite(profile.requestsPerMinute)) {
    problems.push(
      `${where}.profile.requestsPerMinute: expected a number ≥ 0, found ${String(profile.requestsPerMinute)}`,
    );
  }
  if (problems.length > 0) throw new RangeError(`Invalid workload phase: ${problems.join('; ')}`);
}
