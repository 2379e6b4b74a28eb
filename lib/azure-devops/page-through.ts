import { AzureDevOpsError } from './azure-devops-error';
import { type AzureDevOpsRequest, type SendRequest } from './send-request';
import { WireReader } from './wire-reader';

/** The default bound on pages per list call. */
export const defaultMaxPages = 20;

/**
 * Yields every item of a paged `{count, value}` list, following the `x-ms-continuationtoken` response
 * header into the `continuationToken` query parameter until the service sends none. Pages are fetched
 * lazily, so a caller that finds what it needs early stops issuing requests.
 *
 * Why the header and not "the id of the last item": the header is the service's own definition of where
 * the next page starts (for releases and deployments the id of the next item, for builds and
 * environment records an opaque string); deriving it from the last item only works when the sort key
 * is the id and silently skips or repeats items when it is not.
 *
 * @param describe what is being listed, for the paging-limit message ("deployments of stage 2 …")
 */
export async function* pageThrough<T>(options: {
  readonly send: SendRequest;
  readonly request: (continuationToken: string | undefined) => AzureDevOpsRequest;
  readonly parseItem: (item: WireReader) => T;
  readonly maxPages: number;
  readonly describe: string;
}): AsyncGenerator<T, void, undefined> {
  if (!Number.isInteger(options.maxPages) || options.maxPages < 1) {
    throw new RangeError(`maxPages must be a positive integer, found ${options.maxPages}`);
  }
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    const response = await options.send(options.request(token));
    for (const item of WireReader.of(response).listItems()) yield options.parseItem(item);
    const next = response.continuationToken;
    if (next === undefined) return;
    if (seen.has(next)) {
      throw new AzureDevOpsError({
        kind: 'invalid-response',
        method: response.method,
        path: response.path,
        attempts: 1,
        message: `Azure DevOps ${response.method} ${response.path} returned continuation token "${next}" a second time while listing ${options.describe}; stopping instead of looping`,
      });
    }
    if (page >= options.maxPages) {
      throw new AzureDevOpsError({
        kind: 'paging-limit',
        method: response.method,
        path: response.path,
        attempts: 1,
        message: `Azure DevOps ${response.method} ${response.path}: stopped after ${options.maxPages} pages of ${options.describe} and there are more; narrow the query (for example by time) or raise maxPages`,
      });
    }
    seen.add(next);
    token = next;
  }
}

/** Collects an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}
