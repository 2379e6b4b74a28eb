import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';

/** Token scopes of the simulated endpoints and the display names Dynatrace prints in 403 messages. */
export const SCOPE_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  'events.ingest': 'Ingest events',
  'events.read': 'Read events',
  'metrics.read': 'Read metrics',
  'problems.read': 'Read problems',
  'problems.write': 'Write problems',
  'entities.read': 'Read entities',
  DataExport: 'Access problem and event feed, metrics, and topology',
};

/** Every scope the simulator knows. */
export const ALL_SCOPES: readonly string[] = Object.keys(SCOPE_DISPLAY_NAMES);

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A classic access token in Dynatrace's format `dt0c01.<24 chars>.<64 chars>`. */
export function generateApiToken(): string {
  const part = (length: number): string =>
    [...randomBytes(length)].map((byte) => TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length]).join('');
  return `dt0c01.${part(24)}.${part(64)}`;
}

/**
 * The token a request presents: `Authorization: Api-Token <token>` (scheme case-insensitive) or the
 * `api-token` query parameter.
 */
export function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const match = /^\s*Api-Token\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1] ?? query.get('api-token') ?? undefined;
}

/** Dynatrace's 403 text for a token without `scope`. */
export function missingScopeMessage(scope: string): string {
  return `Token is missing required scope. Use one of: ${scope} (${SCOPE_DISPLAY_NAMES[scope] ?? scope})`;
}
