import { taskResults, timelineRecordStates, type TaskResult, type TimelineRecordState } from './wire-enums';
import { type WireReader } from './wire-reader';

/** An earlier attempt of a timeline record. */
export interface TimelineAttempt {
  readonly attempt: number;
  readonly recordId: string | undefined;
}

/** One record of a build timeline: a Stage, Phase, Job or Task at its current attempt. */
export interface TimelineRecord {
  readonly id: string;
  readonly parentId: string | undefined;
  /** `Stage`, `Phase`, `Job`, `Task`, `Checkpoint`… */
  readonly type: string;
  /** The display name. */
  readonly name: string;
  /** For a stage, its YAML name: what `PATCH …/stages/{stageRefName}` takes. */
  readonly identifier: string | undefined;
  readonly state: TimelineRecordState | undefined;
  /** Absent until the record completes. */
  readonly result: TaskResult | undefined;
  readonly attempt: number;
  readonly order: number | undefined;
  readonly startTime: Date | undefined;
  readonly finishTime: Date | undefined;
  readonly previousAttempts: readonly TimelineAttempt[];
}

/** A build timeline. */
export interface Timeline {
  readonly id: string;
  readonly changeId: number;
  readonly records: readonly TimelineRecord[];
}

/** Reads a `Timeline` body. */
export function parseTimeline(reader: WireReader): Timeline {
  return {
    id: reader.field('id').string(),
    changeId: reader.field('changeId').integer(),
    records: reader.field('records').optionalItems().map(parseTimelineRecord),
  };
}

function parseTimelineRecord(reader: WireReader): TimelineRecord {
  return {
    id: reader.field('id').string(),
    parentId: reader.field('parentId').optionalString(),
    type: reader.field('type').string(),
    name: reader.field('name').string(),
    identifier: reader.field('identifier').optionalString(),
    state: reader.field('state').optionalEnumName(timelineRecordStates, 'TimelineRecordState'),
    result: reader.field('result').optionalEnumName(taskResults, 'TaskResult'),
    attempt: reader.field('attempt').optionalInteger() ?? 1,
    order: reader.field('order').optionalInteger(),
    startTime: reader.field('startTime').date(),
    finishTime: reader.field('finishTime').date(),
    previousAttempts: reader
      .field('previousAttempts')
      .optionalItems()
      .map((attempt) => ({
        attempt: attempt.field('attempt').integer(),
        recordId: attempt.field('recordId').optionalString(),
      })),
  };
}
