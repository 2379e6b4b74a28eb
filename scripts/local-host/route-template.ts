/** Route parameters by name, e.g. `{ id: '42' }` for template `items/{id}` and path `items/42`. */
export type RouteParams = Record<string, string>;

/**
 * Compiles an Azure Functions route template into a matcher of URL paths (prefix included, e.g.
 * `/api/gate`). Supports what function apps use: literal segments (compared case-insensitively, as Azure
 * does), `{name}`, `{name:constraint}` (the constraint is not checked), a trailing `{name?}` and a
 * trailing catch-all `{*name}`.
 */
export function compileRouteTemplate(
  prefix: string,
  template: string,
): (path: string) => RouteParams | undefined {
  const segments = [...splitPath(prefix), ...splitPath(template)].map(parseSegment);
  return (path) => {
    const parts = splitPath(path);
    const params: RouteParams = {};
    for (const [index, segment] of segments.entries()) {
      const part = parts[index];
      if (segment.kind === 'catchAll') {
        params[segment.name] = parts.slice(index).map(decode).join('/');
        return params;
      }
      if (part === undefined) {
        return segment.kind === 'parameter' && segment.optional && index === segments.length - 1
          ? params
          : undefined;
      }
      if (segment.kind === 'literal') {
        if (decode(part).toLowerCase() !== segment.text.toLowerCase()) return undefined;
      } else {
        params[segment.name] = decode(part);
      }
    }
    return parts.length === segments.length ? params : undefined;
  };
}

type Segment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'parameter'; readonly name: string; readonly optional: boolean }
  | { readonly kind: 'catchAll'; readonly name: string };

function parseSegment(text: string): Segment {
  const parameter = /^\{(\*?)([A-Za-z_][\w]*)(?::[^}?]*)?(\??)\}$/.exec(text);
  if (parameter === null) return { kind: 'literal', text };
  const [, star = '', name = '', question = ''] = parameter;
  return star === '*' ? { kind: 'catchAll', name } : { kind: 'parameter', name, optional: question === '?' };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
