import { gateCurlExample } from './gate-curl-example';
import { type HttpFunction, type LoadProblem } from './load-function-apps';

/** What the local host tells its user when it is ready. */
export interface BannerFacts {
  readonly url: string;
  readonly functions: readonly HttpFunction[];
  readonly problems: readonly LoadProblem[];
  readonly hooks: readonly string[];
  readonly dynatrace: { readonly url: string; readonly simulated: boolean };
  readonly keyEnforced: boolean;
}

/** The startup text: what is served where, which Dynatrace is used, whether keys are enforced, and a curl to try. */
export function formatBanner(facts: BannerFacts): string {
  const lines = ['Unbreakable Pipeline local functions host', ''];
  lines.push(
    facts.dynatrace.simulated
      ? `Dynatrace: simulator at ${facts.dynatrace.url} (sample-app scenario; set DT_URL and DT_API_TOKEN to use a real environment)`
      : `Dynatrace: ${facts.dynatrace.url} (from DT_URL)`,
    facts.keyEnforced
      ? 'Function keys: enforced for authLevel "function" (x-functions-key header or ?code=)'
      : 'Function keys: not enforced (set FUNCTIONS_KEY or pass --key to enforce them)',
    '',
    'Functions:',
  );
  for (const fn of facts.functions) {
    lines.push(
      `  ${fn.app}/${fn.name}: [${fn.methods.join(',')}] ${facts.url}${fn.path} (authLevel ${fn.authLevel})`,
    );
  }
  if (facts.functions.length === 0) lines.push('  (none)');
  for (const problem of facts.problems) lines.push(`  ${problem.app}: ${problem.message}`);
  if (facts.hooks.length > 0)
    lines.push(`  Not run by the local host: ${[...new Set(facts.hooks)].join(', ')} hooks`);
  if (facts.functions.some((fn) => fn.path.toLowerCase() === '/api/gate')) {
    lines.push('', 'Try the gate:', '', gateCurlExample(facts.url, { keyRequired: facts.keyEnforced }));
  }
  lines.push('', `Local functions host ready at ${facts.url} (Ctrl+C to stop)`);
  return lines.join('\n');
}
