/**
 * The validated, normalised monspec model that {@link validateMonspec} produces. Everything the planner
 * and evaluator need is explicit here: defaults are applied, `_` comments and unknown keys are gone,
 * and every part remembers the JSON path it came from so later errors can point back into the file.
 */

/** Dynatrace entity types a monspec entity definition may target. */
export const ENTITY_TYPES = [
  'SERVICE',
  'APPLICATION',
  'HOST',
  'PROCESS_GROUP_INSTANCE',
  'PROCESS_GROUP',
] as const;

/** An entity type, as used in `type(...)` of an entity selector. */
export type EntityType = (typeof ENTITY_TYPES)[number];

/** What a missing value does to the verdict of an entry. */
export const MISSING_DATA_POLICIES = ['fail', 'warn', 'pass'] as const;

/** `fail` fails the gate, `warn` makes it a warning, `pass` lets it pass. */
export type MissingDataPolicy = (typeof MISSING_DATA_POLICIES)[number];

/** Which side of the threshold is checked. */
export type Validate = 'upper' | 'lower';

/**
 * An aggregation as written in a perfsignature entry: `avg`, `min`, `max`, `sum`, `count`, `median` or
 * a percentile such as `p90` or `p99.9`.
 */
export type Aggregate = 'avg' | 'min' | 'max' | 'sum' | 'count' | 'median' | `p${number}`;

/** A Dynatrace tag that entities of an environment must carry. */
export interface MonspecTag {
  /** Tag context as written (`Environment`, `AWS`, …); `CONTEXTLESS` when the file gave none. */
  readonly context: string;
  readonly key: string;
  /** Absent for key-only tags. */
  readonly value?: string;
}

/** How the entities of one environment are found: explicit entity IDs win over tags. */
export type EnvironmentMatch =
  | { readonly kind: 'entities'; readonly entities: readonly string[] }
  | { readonly kind: 'tags'; readonly tags: readonly MonspecTag[] };

/** One named environment of an entity definition, e.g. `Staging`. */
export interface MonspecEnvironment {
  readonly name: string;
  readonly match: EnvironmentMatch;
}

/** A per-metric scale factor from `scalefactorperc`. */
export interface ScaleFactorOverride {
  /** The key as written, e.g. `com.dynatrace.builtin:service.requestspermin`. */
  readonly key: string;
  /** The key with the `com.dynatrace.builtin:` prefix removed, for matching entries. */
  readonly metricId: string;
  readonly percent: number;
}

/** A named comparison: which environment is checked against which baseline, and how loosely. */
export interface Comparison {
  readonly name: string;
  /** JSON path of the comparison inside the monspec, e.g. `SampleJSonService.comparisons[1]`. */
  readonly path: string;
  readonly source: string;
  readonly compare: string;
  /** `scalefactorperc.default`; absent means 0. */
  readonly defaultScaleFactor?: number;
  readonly scaleFactorOverrides: readonly ScaleFactorOverride[];
  readonly shiftSourceSeconds: number;
  readonly shiftCompareSeconds: number;
  readonly onMissingSource?: MissingDataPolicy;
  readonly onMissingCompare?: MissingDataPolicy;
}

/**
 * The metric a perfsignature entry measures: a v1 timeseries id (mapped to Metrics v2 through the
 * catalog), a Metrics v2 key, or a full Metrics v2 selector used verbatim.
 */
export type MetricReference =
  | {
      readonly kind: 'timeseries';
      readonly written: string;
      /** The id without the `com.dynatrace.builtin:` prefix, e.g. `service.responsetime`. */
      readonly id: string;
    }
  | { readonly kind: 'metric'; readonly written: string; readonly key: string }
  | { readonly kind: 'selector'; readonly written: string; readonly selector: string };

/** One metric of the performance signature. */
export interface PerfSignatureEntry {
  /** Path relative to the entity definition, e.g. `perfsignature[2]`. */
  readonly path: string;
  readonly metric: MetricReference;
  /** Defaults to `avg`; meaningless for verbatim selectors, which carry their own aggregation. */
  readonly aggregate: Aggregate;
  readonly validate: Validate;
  readonly upperLimit?: number;
  readonly lowerLimit?: number;
}

/** One top-level entity definition, e.g. `SampleJSonService`. */
export interface EntityDefinition {
  /** The top-level key that names the definition. */
  readonly key: string;
  readonly etype: EntityType;
  readonly name?: string;
  readonly owner?: string;
  readonly environments: readonly MonspecEnvironment[];
  readonly comparisons: readonly Comparison[];
  readonly perfsignature: readonly PerfSignatureEntry[];
}

/** A validated monspec: its entity definitions in file order. */
export interface Monspec {
  readonly definitions: readonly EntityDefinition[];
}
