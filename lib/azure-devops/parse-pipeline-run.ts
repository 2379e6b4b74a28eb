import { runResults, runStates, type RunResult, type RunState } from './wire-enums';
import { type WireReader } from './wire-reader';

/** A run of a YAML pipeline as the Pipelines API shows it. */
export interface PipelineRun {
  /** The run id (also its build id). */
  readonly id: number;
  /** The run name, e.g. `20260115.1`. */
  readonly name: string;
  readonly pipelineId: number;
  readonly pipelineName: string;
  readonly state: RunState;
  /** Absent until the run completes. */
  readonly result: RunResult | undefined;
  readonly createdDate: Date | undefined;
  readonly finishedDate: Date | undefined;
  readonly templateParameters: Readonly<Record<string, string>>;
  /** The `self` repository's branch and commit the run built. */
  readonly refName: string | undefined;
  readonly version: string | undefined;
  /** The run's results page, for links in comments. */
  readonly webUrl: string | undefined;
}

/** Reads a Pipelines API `Run` body. */
export function parsePipelineRun(reader: WireReader): PipelineRun {
  const pipeline = reader.field('pipeline');
  const resources = reader.field('resources');
  const repositories = resources.present ? resources.field('repositories') : undefined;
  const self = repositories?.present === true ? repositories.field('self') : undefined;
  const links = reader.field('_links');
  return {
    id: reader.field('id').integer(),
    name: reader.field('name').string(),
    pipelineId: pipeline.field('id').integer(),
    pipelineName: pipeline.field('name').string(),
    state: reader.field('state').enumName(runStates, 'RunState'),
    result: reader.field('result').optionalEnumName(runResults, 'RunResult'),
    createdDate: reader.field('createdDate').date(),
    finishedDate: reader.field('finishedDate').date(),
    templateParameters: Object.fromEntries(
      reader
        .field('templateParameters')
        .entries()
        .map(([name, value]) => [name, value.string()]),
    ),
    refName: self?.present === true ? self.field('refName').optionalString() : undefined,
    version: self?.present === true ? self.field('version').optionalString() : undefined,
    webUrl: links.present ? links.field('web').field('href').optionalString() : undefined,
  };
}
