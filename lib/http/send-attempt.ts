import axios, { type AxiosInstance } from 'axios';

/** What one attempt produced, reduced to the facts the retry loop decides on. */
export type AttemptOutcome =
  | {
      readonly type: 'response';
      readonly status: number;
      /** Header names in lower case; repeated headers joined with `, `. */
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Buffer;
    }
  | { readonly type: 'timeout' }
  | { readonly type: 'network'; readonly code: string | undefined }
  | { readonly type: 'too-large' }
  | { readonly type: 'aborted' };

/** One HTTP exchange as {@link sendAttempt} performs it. */
export interface AttemptSpec {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
  /** Wall-clock limit for the whole exchange, from connecting to the last byte of the answer. */
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * An axios instance configured for {@link sendAttempt}: every status is an answer (the caller
 * decides), bodies arrive as raw bytes (the caller decides how to parse them), and redirects are not
 * followed — an API answering with a redirect is misconfigured or sending us to a sign-in page, and
 * following it would forward credentials to wherever it points.
 */
export function createAxiosInstance(): AxiosInstance {
  return axios.create({
    adapter: 'http',
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'arraybuffer',
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });
}

/**
 * Performs one attempt and classifies how it ended. Never throws for HTTP or network failures and
 * never lets the axios error escape: it holds the request config, headers included.
 *
 * axios's own `timeout` only bounds socket inactivity, so a server trickling bytes could hold an
 * attempt forever; an abort timer bounds the whole exchange.
 */
export async function sendAttempt(instance: AxiosInstance, spec: AttemptSpec): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, spec.timeoutMs);
  const forwardAbort = (): void => controller.abort();
  spec.signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    if (spec.signal?.aborted) {
      return { type: 'aborted' };
    }
    const response = await instance.request<unknown>({
      method: spec.method,
      url: spec.url,
      headers: { ...spec.headers },
      data: spec.body,
      timeout: spec.timeoutMs,
      maxContentLength: spec.maxResponseBytes,
      signal: controller.signal,
    });
    return {
      type: 'response',
      status: response.status,
      headers: normalizeHeaders(response.headers),
      body: toBuffer(response.data),
    };
  } catch (error: unknown) {
    return classifyFailure(error, { timedOut, callerAborted: spec.signal?.aborted === true });
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', forwardAbort);
  }
}

function classifyFailure(
  error: unknown,
  state: { timedOut: boolean; callerAborted: boolean },
): AttemptOutcome {
  if (state.callerAborted) {
    return { type: 'aborted' };
  }
  if (state.timedOut) {
    return { type: 'timeout' };
  }
  const code = errorCode(error);
  if (code === 'ETIMEDOUT') {
    return { type: 'timeout' };
  }
  // axios reports an oversized answer only through this code and message; the message is read to
  // classify, never shown.
  if (
    code === 'ERR_BAD_RESPONSE' &&
    error instanceof Error &&
    error.message.startsWith('maxContentLength size')
  ) {
    return { type: 'too-large' };
  }
  if (code === 'ERR_CANCELED') {
    return { type: 'aborted' };
  }
  return { type: 'network', code };
}

function errorCode(error: unknown): string | undefined {
  if (axios.isAxiosError(error)) {
    return error.code ?? systemCode(error.cause);
  }
  return systemCode(error);
}

function systemCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

function normalizeHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') {
    return result;
  }
  for (const [name, value] of Object.entries(headers)) {
    const text = headerText(value);
    if (text !== undefined) {
      result[name.toLowerCase()] = text;
    }
  }
  return result;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.map(String).join(', ');
  }
  return undefined;
}

function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return Buffer.from(data);
  }
  if (typeof data === 'string') {
    return Buffer.from(data, 'utf8');
  }
  return Buffer.alloc(0);
}
