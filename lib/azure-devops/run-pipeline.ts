import { nodeApiRoutes } from './node-api-routes';
import { parsePipelineRun, type PipelineRun } from './parse-pipeline-run';
import { type SendRequest } from './send-request';
import { WireReader } from './wire-reader';

/** A resource version to run with, e.g. the `self` repository at a given commit. */
export interface RunResourceVersion {
  readonly refName?: string;
  readonly version?: string;
}

/** A variable for the run; secret values are registered with the connection's redaction. */
export interface RunVariable {
  readonly value: string;
  readonly isSecret?: boolean;
}

/** What to run (`RunPipelineParameters`). */
export interface RunPipelineRequest {
  readonly project: string;
  readonly pipelineId: number;
  /** The pipeline revision; default the latest. */
  readonly pipelineVersion?: number;
  readonly resources?: {
    readonly repositories?: Readonly<Record<string, RunResourceVersion>>;
    readonly pipelines?: Readonly<Record<string, { readonly version?: string }>>;
    readonly builds?: Readonly<Record<string, { readonly version?: string }>>;
  };
  readonly templateParameters?: Readonly<Record<string, string>>;
  readonly variables?: Readonly<Record<string, RunVariable>>;
  /** Stage names (YAML names) not to run. */
  readonly stagesToSkip?: readonly string[];
}

/**
 * Queues a run of a YAML pipeline (`POST …/_apis/pipelines/{pipelineId}/runs`, node-api's
 * `PipelinesApi.runPipeline`), e.g. at an earlier commit with `resources.repositories.self.version`.
 * Never retried after a 5xx or a timeout (it may have queued a run already).
 */
export async function runPipeline(send: SendRequest, request: RunPipelineRequest): Promise<PipelineRun> {
  const response = await send({
    route: nodeApiRoutes.pipelineRuns,
    method: 'POST',
    expect: 'json',
    routeValues: { project: request.project, pipelineId: request.pipelineId },
    query: { pipelineVersion: request.pipelineVersion },
    body: {
      ...(request.resources === undefined ? {} : { resources: request.resources }),
      ...(request.templateParameters === undefined ? {} : { templateParameters: request.templateParameters }),
      ...(request.variables === undefined
        ? {}
        : {
            variables: Object.fromEntries(
              Object.entries(request.variables).map(([name, variable]) => [
                name,
                { value: variable.value, isSecret: variable.isSecret ?? false },
              ]),
            ),
          }),
      ...(request.stagesToSkip === undefined ? {} : { stagesToSkip: request.stagesToSkip }),
    },
  });
  return parsePipelineRun(WireReader.of(response));
}
