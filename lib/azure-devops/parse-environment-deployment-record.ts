import { taskResults, type TaskResult } from './wire-enums';
import { type WireReader } from './wire-reader';

/** One deployment job that ran against a pipeline environment (`EnvironmentDeploymentExecutionRecord`). */
export interface EnvironmentDeploymentRecord {
  readonly id: number;
  readonly environmentId: number;
  /** The pipeline. */
  readonly definitionId: number;
  readonly definitionName: string;
  /** The run (build) id and name. */
  readonly runId: number;
  readonly runName: string;
  readonly stageName: string;
  readonly stageAttempt: number;
  readonly jobName: string;
  readonly jobAttempt: number;
  readonly planId: string | undefined;
  readonly queueTime: Date | undefined;
  readonly startTime: Date | undefined;
  readonly finishTime: Date | undefined;
  /** Absent while the job runs. */
  readonly result: TaskResult | undefined;
}

/** Reads an `EnvironmentDeploymentExecutionRecord` list item. */
export function parseEnvironmentDeploymentRecord(reader: WireReader): EnvironmentDeploymentRecord {
  const definition = reader.field('definition');
  const owner = reader.field('owner');
  return {
    id: reader.field('id').integer(),
    environmentId: reader.field('environmentId').integer(),
    definitionId: definition.field('id').integer(),
    definitionName: definition.field('name').string(),
    runId: owner.field('id').integer(),
    runName: owner.field('name').string(),
    stageName: reader.field('stageName').string(),
    stageAttempt: reader.field('stageAttempt').integer(),
    jobName: reader.field('jobName').string(),
    jobAttempt: reader.field('jobAttempt').integer(),
    planId: reader.field('planId').optionalString(),
    queueTime: reader.field('queueTime').date(),
    startTime: reader.field('startTime').date(),
    finishTime: reader.field('finishTime').date(),
    result: reader.field('result').optionalEnumName(taskResults, 'TaskResult'),
  };
}
