import { isUnexpandedMacro } from './is-unexpanded-macro';

/**
 * Which Azure DevOps gate or check asked, from the headers the built-in "Invoke Azure Function" check
 * and the quality-gate task send (`PlanUrl: $(system.CollectionUri)`, `ProjectId`, `HubName`, `PlanId`,
 * `JobId`, `TimelineId`, `TaskInstanceId`). Recorded with the evaluation so a verdict can be traced to
 * the release or run that asked for it.
 */
export interface AzureDevOpsContext {
  readonly planUrl?: string;
  readonly projectId?: string;
  /** `build`, `release`, `gates` or `checks`; the case varies. */
  readonly hubName?: string;
  readonly planId?: string;
  readonly jobId?: string;
  readonly timelineId?: string;
  readonly taskInstanceId?: string;
}

const HEADER_BY_FIELD: Readonly<Record<keyof AzureDevOpsContext, string>> = {
  planUrl: 'PlanUrl',
  projectId: 'ProjectId',
  hubName: 'HubName',
  planId: 'PlanId',
  jobId: 'JobId',
  timelineId: 'TimelineId',
  taskInstanceId: 'TaskInstanceId',
};

const MAX_VALUE_LENGTH = 512;

/**
 * Reads the Azure DevOps identity headers; `undefined` when the caller sent none (curl, scripts). Empty
 * values and macros Azure DevOps left unexpanded (`$(system.PlanId)`) are skipped. The `AuthToken` header
 * is deliberately not read: the gate never calls back, so it has no use for the job's access token.
 */
export function readAzureDevOpsContext(headers: Headers): AzureDevOpsContext | undefined {
  const context: Partial<Record<keyof AzureDevOpsContext, string>> = {};
  for (const [field, header] of Object.entries(HEADER_BY_FIELD) as [keyof AzureDevOpsContext, string][]) {
    const value = headers.get(header)?.trim();
    if (value === undefined || value === '' || isUnexpandedMacro(value)) continue;
    context[field] = value.slice(0, MAX_VALUE_LENGTH);
  }
  return Object.keys(context).length === 0 ? undefined : context;
}
