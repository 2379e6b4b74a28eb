/**
 * A JSON path inside a monspec (`SampleJSonService.comparisons[1].source`) as a path inside the gate
 * request, whose `monspec` field holds the document (`monspec.SampleJSonService.comparisons[1].source`).
 */
export function monspecRequestPath(path: string): string {
  if (path === '') return 'monspec';
  return path.startsWith('[') ? `monspec${path}` : `monspec.${path}`;
}
