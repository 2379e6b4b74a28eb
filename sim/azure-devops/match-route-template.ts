/**
 * Matches a request path (relative to a host's base, already split and decoded) against an ADO route
 * template such as `{project}/_apis/{area}/{resource}/{releaseId}`. `{area}` and `{resource}` stand for
 * the location's literal area and resource names; other `{values}` capture one segment; trailing value
 * segments are optional, as on the service (the same template serves the list and the single item).
 * Literal segments compare case-insensitively, as the service's routing does.
 *
 * @returns the captured route values, or undefined when the path does not fit the template
 */
export function matchRouteTemplate(
  template: string,
  literals: { readonly area: string; readonly resource: string },
  segments: readonly string[],
): Record<string, string> | undefined {
  const parts = template.split('/').filter((part) => part !== '');
  let required = parts.length;
  while (required > 0 && isValue(parts[required - 1] ?? '') && !isLiteralValue(parts[required - 1] ?? ''))
    required--;
  if (segments.length < required || segments.length > parts.length) return undefined;
  const values: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index] ?? '';
    if (part === '{area}' || part === '{resource}') {
      const literal = part === '{area}' ? literals.area : literals.resource;
      if (segment.toLowerCase() !== literal.toLowerCase()) return undefined;
    } else if (isValue(part)) {
      values[part.slice(1, -1)] = segment;
    } else if (segment.toLowerCase() !== part.toLowerCase()) {
      return undefined;
    }
  }
  return values;
}

function isValue(part: string): boolean {
  return part.startsWith('{') && part.endsWith('}');
}

function isLiteralValue(part: string): boolean {
  return part === '{area}' || part === '{resource}';
}
