/** Which report a link opens. */
export interface ReportTarget {
  readonly service: string;
  readonly comparison: string;
  /** Highlighted in the report; its verdict is shown first. */
  readonly evaluationId?: string;
}

/**
 * The address of `GET /api/report` for a series, next to the function that built it (`…/api/gate` →
 * `…/api/report`, whatever the route prefix), on `publicUrl` when the app sits behind a proxy. It never
 * carries a function key: the request's query string (which may hold `code=`) is not reused, so the reader
 * adds the key themselves.
 *
 * @param requestUrl The URL of the request being answered.
 * @param publicUrl `GATE_PUBLIC_URL`, e.g. `https://gate.contoso.com` or `https://proxy.contoso.com/gate-app`.
 */
export function buildReportUrl(
  requestUrl: string,
  publicUrl: string | undefined,
  target: ReportTarget,
): string {
  const request = new URL(requestUrl);
  const functionsPath = request.pathname.replace(/[^/]*$/, '');
  const base = publicUrl === undefined ? request.origin : publicUrl;
  const url = new URL(`${base}${functionsPath}report`);
  url.searchParams.set('service', target.service);
  url.searchParams.set('comparison', target.comparison);
  if (target.evaluationId !== undefined) url.searchParams.set('evaluation', target.evaluationId);
  return url.toString();
}
