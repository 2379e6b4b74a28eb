import { invalidArgument } from './ado-service-error';

/**
 * One Azure DevOps enum as it travels on the wire. Responses carry names (camelCase, or PascalCase for
 * `Deployment.operationStatus`); requests may carry names in any case or the numeric values that
 * azure-devops-node-api sends (`deploymentStatus=4`, `{"status":2}`), and flag enums may be comma-joined
 * names or a sum of numbers (api-facts §B.0).
 */
export class WireEnum<Name extends string> {
  private readonly byLowerName: ReadonlyMap<string, number>;
  private readonly byValue: ReadonlyMap<number, Name>;

  constructor(
    readonly enumName: string,
    private readonly values: Readonly<Record<Name, number>>,
    private readonly options: { readonly flags?: boolean; readonly pascalCaseOnWire?: boolean } = {},
  ) {
    const names = Object.keys(values) as Name[];
    this.byLowerName = new Map(names.map((name) => [name.toLowerCase(), values[name]]));
    this.byValue = new Map(names.map((name) => [values[name], name]));
  }

  /** The numeric value of a name. */
  valueOf(name: Name): number {
    return this.values[name];
  }

  /** The name of an exact numeric value, as written in responses. */
  wireName(name: Name): string {
    return this.options.pascalCaseOnWire === true ? name.charAt(0).toUpperCase() + name.slice(1) : name;
  }

  /** The name for a numeric value, if it is one of the enum's members. */
  nameOf(value: number): Name | undefined {
    return this.byValue.get(value);
  }

  /**
   * Parses a request value (name in any case, number, or for flag enums a comma list or sum) into its
   * numeric value. `where` names the parameter or body field for the 400 message.
   */
  parse(raw: unknown, where: string): number {
    if (typeof raw === 'number' && Number.isInteger(raw)) {
      if (this.byValue.has(raw) || (this.options.flags === true && this.isFlagCombination(raw))) return raw;
      throw this.invalid(raw, where);
    }
    if (typeof raw !== 'string' || raw.trim() === '') throw this.invalid(raw, where);
    const text = raw.trim();
    if (/^-?\d+$/.test(text)) return this.parse(Number(text), where);
    const parts = this.options.flags === true ? text.split(',') : [text];
    let value = 0;
    for (const part of parts) {
      const member = this.byLowerName.get(part.trim().toLowerCase());
      if (member === undefined) throw this.invalid(raw, where);
      value |= member;
    }
    return value;
  }

  /** Parses a single (non-flag) value and returns its member name. */
  parseName(raw: unknown, where: string): Name {
    const value = this.parse(raw, where);
    const name = this.byValue.get(value);
    if (name === undefined) throw this.invalid(raw, where);
    return name;
  }

  private isFlagCombination(value: number): boolean {
    let all = 0;
    for (const member of this.byValue.keys()) all |= member;
    return value > 0 && (value & ~all) === 0;
  }

  private invalid(raw: unknown, where: string): Error {
    const expected = Object.keys(this.values).join(', ');
    return invalidArgument(
      `The value '${String(raw)}' of '${where}' is not a valid ${this.enumName}. Expected one of: ${expected}, or its numeric value.`,
    );
  }
}

export type EnvironmentStatusName =
  | 'undefined'
  | 'notStarted'
  | 'inProgress'
  | 'succeeded'
  | 'canceled'
  | 'rejected'
  | 'queued'
  | 'scheduled'
  | 'partiallySucceeded';
export const environmentStatus = new WireEnum<EnvironmentStatusName>(
  'EnvironmentStatus',
  {
    undefined: 0,
    notStarted: 1,
    inProgress: 2,
    succeeded: 4,
    canceled: 8,
    rejected: 16,
    queued: 32,
    scheduled: 64,
    partiallySucceeded: 128,
  },
  { flags: true },
);

export type DeploymentStatusName =
  'undefined' | 'notDeployed' | 'inProgress' | 'succeeded' | 'partiallySucceeded' | 'failed' | 'all';
export const deploymentStatus = new WireEnum<DeploymentStatusName>(
  'DeploymentStatus',
  { undefined: 0, notDeployed: 1, inProgress: 2, succeeded: 4, partiallySucceeded: 8, failed: 16, all: 31 },
  { flags: true },
);

export type DeploymentOperationStatusName =
  | 'undefined'
  | 'queued'
  | 'scheduled'
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'deferred'
  | 'queuedForAgent'
  | 'phaseInProgress'
  | 'phaseSucceeded'
  | 'phasePartiallySucceeded'
  | 'phaseFailed'
  | 'canceled'
  | 'phaseCanceled'
  | 'manualInterventionPending'
  | 'queuedForPipeline'
  | 'cancelling'
  | 'evaluatingGates'
  | 'gateFailed'
  | 'all';
export const deploymentOperationStatus = new WireEnum<DeploymentOperationStatusName>(
  'DeploymentOperationStatus',
  {
    undefined: 0,
    queued: 1,
    scheduled: 2,
    pending: 4,
    approved: 8,
    rejected: 16,
    deferred: 32,
    queuedForAgent: 64,
    phaseInProgress: 128,
    phaseSucceeded: 256,
    phasePartiallySucceeded: 512,
    phaseFailed: 1024,
    canceled: 2048,
    phaseCanceled: 4096,
    manualInterventionPending: 8192,
    queuedForPipeline: 16384,
    cancelling: 32768,
    evaluatingGates: 65536,
    gateFailed: 131072,
    all: 258047,
  },
  { flags: true, pascalCaseOnWire: true },
);

export type ReleaseQueryOrderName = 'descending' | 'ascending';
export const releaseQueryOrder = new WireEnum<ReleaseQueryOrderName>('ReleaseQueryOrder', {
  descending: 0,
  ascending: 1,
});

export type ReleaseStatusName = 'undefined' | 'draft' | 'active' | 'abandoned';
export const releaseStatus = new WireEnum<ReleaseStatusName>(
  'ReleaseStatus',
  { undefined: 0, draft: 1, active: 2, abandoned: 4 },
  { flags: true },
);

export type ReleaseExpandsName =
  'none' | 'environments' | 'artifacts' | 'approvals' | 'manualInterventions' | 'variables' | 'tags';
export const releaseExpands = new WireEnum<ReleaseExpandsName>(
  'ReleaseExpands',
  { none: 0, environments: 2, artifacts: 4, approvals: 8, manualInterventions: 16, variables: 32, tags: 64 },
  { flags: true },
);

export type DeploymentReasonName = 'none' | 'manual' | 'automated' | 'scheduled' | 'redeployTrigger';
export const deploymentReason = new WireEnum<DeploymentReasonName>('DeploymentReason', {
  none: 0,
  manual: 1,
  automated: 2,
  scheduled: 4,
  redeployTrigger: 8,
});

export type BuildStatusName =
  'none' | 'inProgress' | 'completed' | 'cancelling' | 'postponed' | 'notStarted' | 'all';
export const buildStatus = new WireEnum<BuildStatusName>(
  'BuildStatus',
  { none: 0, inProgress: 1, completed: 2, cancelling: 4, postponed: 8, notStarted: 32, all: 47 },
  { flags: true },
);

export type BuildResultName = 'none' | 'succeeded' | 'partiallySucceeded' | 'failed' | 'canceled';
export const buildResult = new WireEnum<BuildResultName>(
  'BuildResult',
  { none: 0, succeeded: 2, partiallySucceeded: 4, failed: 8, canceled: 32 },
  { flags: true },
);

export type BuildQueryOrderName =
  | 'finishTimeAscending'
  | 'finishTimeDescending'
  | 'queueTimeDescending'
  | 'queueTimeAscending'
  | 'startTimeDescending'
  | 'startTimeAscending';
export const buildQueryOrder = new WireEnum<BuildQueryOrderName>('BuildQueryOrder', {
  finishTimeAscending: 2,
  finishTimeDescending: 3,
  queueTimeDescending: 4,
  queueTimeAscending: 5,
  startTimeDescending: 6,
  startTimeAscending: 7,
});

export type TimelineRecordStateName = 'pending' | 'inProgress' | 'completed';
export const timelineRecordState = new WireEnum<TimelineRecordStateName>('TimelineRecordState', {
  pending: 0,
  inProgress: 1,
  completed: 2,
});

export type TaskResultName =
  'succeeded' | 'succeededWithIssues' | 'failed' | 'canceled' | 'skipped' | 'abandoned';
export const taskResult = new WireEnum<TaskResultName>('TaskResult', {
  succeeded: 0,
  succeededWithIssues: 1,
  failed: 2,
  canceled: 3,
  skipped: 4,
  abandoned: 5,
});

export type StageUpdateTypeName = 'cancel' | 'retry' | 'run';
export const stageUpdateType = new WireEnum<StageUpdateTypeName>('StageUpdateType', {
  cancel: 0,
  retry: 1,
  run: 2,
});
