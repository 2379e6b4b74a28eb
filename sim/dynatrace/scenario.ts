/**
 * The data a simulated Dynatrace environment is seeded from: monitored entities, what each service's
 * workload looks like over time, and the events and problems that already exist when it starts.
 */

/** A tag on a monitored entity, as Dynatrace stores it (`context` is e.g. `CONTEXTLESS`, `ENVIRONMENT`). */
export interface EntityTag {
  readonly context: string;
  readonly key: string;
  readonly value?: string;
}

/** A monitored entity (service, host, process group instance, …). */
export interface ScenarioEntity {
  /** Dynatrace entity id, e.g. `SERVICE-5A1F0C3B7E9D2468`. */
  readonly id: string;
  /** Entity type as used in entity selectors, e.g. `SERVICE`, `HOST`, `PROCESS_GROUP_INSTANCE`. */
  readonly type: string;
  readonly displayName: string;
  readonly tags: readonly EntityTag[];
  /** The deployment environment (stage) the entity belongs to, e.g. `Staging`; used by `deploy`. */
  readonly environment?: string;
  /** When Dynatrace first saw the entity (epoch ms); entities queries filter on it. */
  readonly firstSeenTms?: number;
  /** Free-form entity properties returned by the Entities API with `fields=+properties`. */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
}

/** How a service behaves while one build is deployed. */
export interface WorkloadProfile {
  readonly build: string;
  /** Mean response time in milliseconds. */
  readonly responseTimeMs: number;
  /** Share of requests that fail, 0–100. */
  readonly failureRatePercent: number;
  /** Mean number of requests the entity serves per minute. */
  readonly requestsPerMinute: number;
}

/** A workload profile that is active from `from` (epoch ms) until the next phase of the same entity. */
export interface WorkloadPhase {
  readonly from: number;
  readonly profile: WorkloadProfile;
}

/** One entity's traffic during one minute, the unit every metric is computed from. */
export interface MinuteSample {
  readonly requests: number;
  readonly failures: number;
  /**
   * A small set of representative response times (µs); each one stands for `requests / length`
   * requests. Empty when the minute had no requests.
   */
  readonly responseTimesMicros: readonly number[];
}

/** An event that exists when the simulator starts (stored exactly as an ingested event would be). */
export interface SeededEvent {
  /** Events API v2 event type, e.g. `CUSTOM_DEPLOYMENT`. */
  readonly eventType: string;
  readonly title: string;
  readonly entityId: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly properties?: Readonly<Record<string, string>>;
}

/** A comment that exists on a seeded problem. */
export interface SeededComment {
  readonly content: string;
  readonly authorName?: string;
  readonly context?: string;
  readonly createdAtTimestamp?: number;
}

/** A problem that exists when the simulator starts. */
export interface SeededProblem {
  readonly title: string;
  readonly entityIds: readonly string[];
  readonly severityLevel?: string;
  readonly impactLevel?: string;
  readonly rootCauseEntityId?: string;
  readonly startTime: number;
  /** Set for a problem that is already closed. */
  readonly endTime?: number;
  readonly comments?: readonly SeededComment[];
}

/** Workload profiles per environment and build: `builds.Staging['2']` is build 2 in Staging. */
export type BuildCatalog = Readonly<Record<string, Readonly<Record<string, Omit<WorkloadProfile, 'build'>>>>>;

/** Everything a scenario is made of, before the sample function is attached. */
export interface ScenarioDefinition {
  readonly entities: readonly ScenarioEntity[];
  /** Per entity id, the workload timeline; entities without one have no metric samples. */
  readonly workloads?: Readonly<Record<string, readonly WorkloadPhase[]>>;
  /** The profiles `deploy(environment, build)` switches to. */
  readonly builds?: BuildCatalog;
  readonly events?: readonly SeededEvent[];
  readonly problems?: readonly SeededProblem[];
}

/** A scenario plus its deterministic sample function. */
export interface Scenario extends ScenarioDefinition {
  /**
   * The sample of `entityId` for the minute starting at `minuteStartMs` (must be minute-aligned), or
   * `undefined` when no workload profile is active then. Pure: the same inputs always give the same sample.
   */
  sampleAt(entityId: string, minuteStartMs: number): MinuteSample | undefined;
}
