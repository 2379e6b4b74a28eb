/**
 * Links for problem comments, built from configured base URLs and ids rather than taken from the
 * notification, whose content is only as trustworthy as whoever can post to the webhook.
 */

/** The Dynatrace problem page, e.g. `https://abc.live.dynatrace.com/#problems/problemdetails;pid=…`. */
export function problemWebUrl(environmentUrl: string, problemId: string): string {
  return `${environmentUrl.replace(/\/+$/, '')}/#problems/problemdetails;pid=${encodeURIComponent(problemId)}`;
}

/** A classic release's summary page. */
export function releaseWebUrl(collectionUrl: string, project: string, releaseId: number): string {
  return `${withSlash(collectionUrl)}${encodeURIComponent(project)}/_release?releaseId=${releaseId}&_a=release-summary`;
}

/** A YAML run's results page. */
export function runWebUrl(collectionUrl: string, project: string, runId: number): string {
  return `${withSlash(collectionUrl)}${encodeURIComponent(project)}/_build/results?buildId=${runId}`;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
