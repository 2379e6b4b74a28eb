import { type PipelineIdentity } from '../../lib/store';

/** The release or run an evaluation belongs to, for people, with a link when one can be built. */
export interface PipelineLink {
  /** e.g. `Release-42 · Production · attempt 2`. */
  readonly label: string;
  /** The release summary or the run's results page on Azure DevOps. */
  readonly url?: string;
}

/**
 * Describes the release or run of an evaluation. The link needs the collection URI (the `PlanUrl` header or
 * `context.collectionUri`), the project (name or id) and a release or run id; it is built from parts that
 * readPipelineIdentity has already checked (an http(s) collection, numeric ids), and every part is
 * URL-encoded. `undefined` when nothing is known.
 */
export function describePipeline(identity: PipelineIdentity | undefined): PipelineLink | undefined {
  if (identity === undefined) return undefined;
  const parts = [
    identity.releaseName ??
      (identity.releaseId === undefined ? undefined : `Release ${identity.releaseId}`) ??
      identity.runName ??
      (identity.runId === undefined ? undefined : `Run ${identity.runId}`),
    identity.stage,
    identity.attempt === undefined ? undefined : `attempt ${identity.attempt}`,
  ].filter((part): part is string => part !== undefined);
  if (parts.length === 0 && identity.hubName !== undefined) {
    parts.push(`${identity.hubName}${identity.planId === undefined ? '' : ` plan ${identity.planId}`}`);
  }
  if (parts.length === 0) return undefined;
  const url = pipelineUrl(identity);
  return { label: parts.join(' · '), ...(url === undefined ? {} : { url }) };
}

function pipelineUrl(identity: PipelineIdentity): string | undefined {
  const project = identity.project ?? identity.projectId;
  const collection = identity.collectionUri;
  if (collection === undefined || project === undefined || !/^https?:\/\//.test(collection)) return undefined;
  const projectUrl = `${collection.replace(/\/*$/, '/')}${encodeURIComponent(project)}`;
  if (identity.releaseId !== undefined) {
    return `${projectUrl}/_release?releaseId=${encodeURIComponent(identity.releaseId)}&_a=release-summary`;
  }
  if (identity.runId !== undefined) {
    return `${projectUrl}/_build/results?buildId=${encodeURIComponent(identity.runId)}&view=results`;
  }
  return undefined;
}
