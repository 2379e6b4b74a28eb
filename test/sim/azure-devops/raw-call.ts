/**
 * Raw HTTP calls to the Azure DevOps simulator with global fetch, for tests that check wire details
 * (status codes, headers, envelopes) below what azure-devops-node-api exposes.
 */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (undefined when the body is empty or not JSON); loosely typed for assertions. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary wire fields
  readonly json: any;
}

/** `Basic base64(user:token)`; node-api uses the user name `PAT`. */
export function basicAuth(token: string, user = 'PAT'): string {
  return `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
}

/**
 * Sends a request. `authorization: null` sends none; `apiVersion: null` sends none (default the
 * node-api style Accept header `application/json;api-version=7.1`).
 */
export async function rawCall(
  url: string,
  options: {
    readonly method?: string;
    readonly authorization?: string | null;
    readonly apiVersion?: string | null;
    readonly body?: unknown;
    readonly headers?: Readonly<Record<string, string>>;
  } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = {
    Accept:
      options.apiVersion === null
        ? 'application/json'
        : `application/json;api-version=${options.apiVersion ?? '7.1'}`,
    'X-TFS-FedAuthRedirect': 'Suppress',
    ...(options.authorization === null || options.authorization === undefined
      ? {}
      : { Authorization: options.authorization }),
    ...(options.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    ...options.headers,
  };
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
