const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Appends a property name or array index to a JSON path written the way a JavaScript reader expects:
 * `SampleJSonService.comparisons[1].source`. Keys that are not identifiers are quoted
 * (`["my service"].etype`, `scalefactorperc["com.dynatrace.builtin:service.requestspermin"]`).
 * The document itself is the empty path.
 */
export function appendJsonPath(path: string, segment: string | number): string {
  if (typeof segment === 'number') return `${path}[${segment}]`;
  if (IDENTIFIER.test(segment)) return path === '' ? segment : `${path}.${segment}`;
  return `${path}[${JSON.stringify(segment)}]`;
}
