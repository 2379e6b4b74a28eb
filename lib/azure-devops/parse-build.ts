import { buildResults, buildStatuses, type BuildResult, type BuildStatus } from './wire-enums';
import { type WireReader } from './wire-reader';

/** A build: one run of a YAML pipeline as the Build API shows it. */
export interface Build {
  readonly id: number;
  /** The run name, e.g. `20260115.1`. */
  readonly buildNumber: string;
  /** The pipeline (build definition) id. */
  readonly definitionId: number;
  readonly definitionName: string;
  readonly status: BuildStatus;
  /** Absent while the build runs. */
  readonly result: BuildResult | undefined;
  readonly queueTime: Date | undefined;
  readonly startTime: Date | undefined;
  readonly finishTime: Date | undefined;
  readonly sourceBranch: string | undefined;
  readonly sourceVersion: string | undefined;
  readonly reason: string | undefined;
  readonly templateParameters: Readonly<Record<string, string>>;
  /** The run's results page, for links in comments. */
  readonly webUrl: string | undefined;
}

/** Reads a `Build` body. */
export function parseBuild(reader: WireReader): Build {
  const definition = reader.field('definition');
  const links = reader.field('_links');
  return {
    id: reader.field('id').integer(),
    buildNumber: reader.field('buildNumber').string(),
    definitionId: definition.field('id').integer(),
    definitionName: definition.field('name').string(),
    status: reader.field('status').enumName(buildStatuses, 'BuildStatus'),
    result: reader.field('result').optionalEnumName(buildResults, 'BuildResult'),
    queueTime: reader.field('queueTime').date(),
    startTime: reader.field('startTime').date(),
    finishTime: reader.field('finishTime').date(),
    sourceBranch: reader.field('sourceBranch').optionalString(),
    sourceVersion: reader.field('sourceVersion').optionalString(),
    reason: reader.field('reason').optionalString(),
    templateParameters: Object.fromEntries(
      reader
        .field('templateParameters')
        .entries()
        .map(([name, value]) => [name, value.string()]),
    ),
    webUrl: links.present ? links.field('web').field('href').optionalString() : undefined,
  };
}
