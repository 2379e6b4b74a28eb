import {
  type Monspec,
  type MonspecIssue,
  MonspecValidationError,
  parseMonspec,
  type ValidatedMonspec,
  validateMonspec,
} from '../../lib/monspec';
import { type MonspecFetcher } from './fetch-monspec';
import { type MonspecInput } from './gate-request';
import { GateRequestError } from './gate-request-error';
import { monspecRequestPath } from './monspec-request-path';

/** A validated monspec and where it came from. */
export interface LoadedMonspec {
  readonly monspec: Monspec;
  /** Unknown keys and other suspicious content, with request paths (`monspec.…`). */
  readonly warnings: readonly MonspecIssue[];
  /** `inline`, or the URL it was fetched from (query string elided). */
  readonly origin: string;
}

/**
 * Gets the monspec of a request: validates an inline document or text, or fetches `monspecUrl` first.
 *
 * @throws GateRequestError listing every validation error with its path inside the request (`monspec.…`).
 * @throws MonspecFetchError when `monspecUrl` is refused or cannot be fetched.
 */
export async function loadMonspec(
  input: MonspecInput,
  fetchMonspec: MonspecFetcher,
  signal: AbortSignal,
): Promise<LoadedMonspec> {
  switch (input.kind) {
    case 'document':
      return validated(() => validateMonspec(input.document), 'inline');
    case 'text':
      return validated(() => parseMonspec(input.text), 'inline');
    case 'url': {
      const fetched = await fetchMonspec(input.url, signal);
      return validated(() => parseMonspec(fetched.text), fetched.url);
    }
  }
}

function validated(read: () => ValidatedMonspec, origin: string): LoadedMonspec {
  let result: ValidatedMonspec;
  try {
    result = read();
  } catch (error) {
    if (!(error instanceof MonspecValidationError)) throw error;
    const issues = error.issues.map(inRequest);
    const [first] = issues;
    const more = issues.length - 1;
    const from = origin === 'inline' ? '' : ` (in the monspec at ${origin})`;
    throw new GateRequestError(
      `${first === undefined ? 'the monspec could not be read' : first.message}${from}` +
        (more > 0 ? ` (and ${more} more ${more === 1 ? 'issue' : 'issues'})` : ''),
      { path: first?.path ?? 'monspec', issues, cause: error },
    );
  }
  return { monspec: result.monspec, warnings: result.warnings.map(inRequest), origin };
}

function inRequest(issue: MonspecIssue): MonspecIssue {
  return { path: monspecRequestPath(issue.path), message: issue.message };
}
