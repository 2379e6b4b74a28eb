import { normalizeCollectionUrl } from '../../lib/azure-devops';
import { normalizeEnvironmentUrl } from '../../lib/dynatrace';
import { describeTableEndpoint } from '../../lib/store';
import { SettingsError } from './settings-error';

/** The function app's configuration, read once from the app settings and validated. */
export interface SelfHealSettings {
  /** `DT_URL`, normalized (no trailing slash, no `/api`). */
  readonly dynatraceUrl: string;
  /** `DT_API_TOKEN`: events.read, problems.read, problems.write (or DataExport for the v1 comment fallback). */
  readonly dynatraceToken: string;
  /** `AzureWebJobsStorage`: where claims and outcomes are kept. */
  readonly storageConnectionString: string;
  /** `SELFHEAL_TABLE_NAME`, default `unbreakableselfheal`. */
  readonly tableName: string;
  /** `SELFHEAL_SHARED_SECRET`: when set, the `x-unbreakable-secret` header must carry it. */
  readonly sharedSecret?: string;
  /** `AZURE_DEVOPS_PAT`: required when organizations are listed. */
  readonly azureDevOpsPat?: string;
  /** `AZURE_DEVOPS_ORGANIZATIONS`: the only collection URLs the PAT is sent to (normalized, trailing slash). */
  readonly azureDevOpsOrganizations: readonly string[];
  /** `REMEDIATION_ALLOWED_HOSTS`: the only hosts remediation action links may point to. */
  readonly remediationAllowedHosts: readonly string[];
  /** `REMEDIATION_AUTH_HEADER_NAME` (default `Authorization`) and `REMEDIATION_AUTH_HEADER_VALUE`. */
  readonly remediationAuthHeader?: { readonly name: string; readonly value: string };
  /** `SELFHEAL_LOOKBACK_MINUTES`, default 180: how long before the problem a deployment may have happened. */
  readonly lookbackMinutes: number;
  /** `SELFHEAL_CLAIM_LEASE_SECONDS`, default 600: after this, an unfinished attempt may be taken over. */
  readonly claimLeaseSeconds: number;
  /** `SELFHEAL_DUPLICATE_WAIT_SECONDS`, default 10: how long a duplicate waits for the outcome to report it. */
  readonly duplicateWaitSeconds: number;
  /** `SELFHEAL_ACCEPT_PARTIAL_SUCCESS`, default false: partiallySucceeded / succeededWithIssues count as good. */
  readonly acceptPartialSuccess: boolean;
  /** `SELFHEAL_SEARCH_PAGE_SIZE`, default 25: deployments or runs per Azure DevOps page while searching. */
  readonly searchPageSize: number;
}

/** Every setting the function reads, for documentation and for `local.settings.example.json`. */
export const SETTING_NAMES = [
  'DT_URL',
  'DT_API_TOKEN',
  'AzureWebJobsStorage',
  'SELFHEAL_TABLE_NAME',
  'SELFHEAL_SHARED_SECRET',
  'AZURE_DEVOPS_PAT',
  'AZURE_DEVOPS_ORGANIZATIONS',
  'REMEDIATION_ALLOWED_HOSTS',
  'REMEDIATION_AUTH_HEADER_NAME',
  'REMEDIATION_AUTH_HEADER_VALUE',
  'SELFHEAL_LOOKBACK_MINUTES',
  'SELFHEAL_CLAIM_LEASE_SECONDS',
  'SELFHEAL_DUPLICATE_WAIT_SECONDS',
  'SELFHEAL_ACCEPT_PARTIAL_SUCCESS',
  'SELFHEAL_SEARCH_PAGE_SIZE',
] as const;

const MIN_SHARED_SECRET_LENGTH = 16;
const HOST_PATTERN = /^(?:\*\.)?[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$|^\[[0-9a-f:]+\](?::\d{1,5})?$/;

/**
 * Reads and validates the settings from the app settings (environment). Every problem is reported at
 * once, each naming its setting, and no value is ever echoed.
 *
 * @throws SettingsError listing what is missing or invalid.
 */
export function readSelfHealSettings(env: Readonly<Record<string, string | undefined>>): SelfHealSettings {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const required = (name: string, what: string): string => {
    const value = text(name);
    if (value === undefined) problems.push(`${name} is missing; set it to ${what}`);
    return value ?? '';
  };

  const rawDynatraceUrl = required(
    'DT_URL',
    'the Dynatrace environment URL, e.g. https://abc12345.live.dynatrace.com',
  );
  let dynatraceUrl = rawDynatraceUrl;
  if (rawDynatraceUrl !== '') {
    try {
      dynatraceUrl = normalizeEnvironmentUrl(rawDynatraceUrl);
    } catch (error) {
      problems.push(`DT_URL: ${messageOf(error)}`);
    }
  }

  const dynatraceToken = required(
    'DT_API_TOKEN',
    'a Dynatrace API token with events.read, problems.read and problems.write',
  );
  if (/\s/.test(dynatraceToken)) {
    problems.push(
      'DT_API_TOKEN contains whitespace; expected the bare token (without an "Api-Token " prefix)',
    );
  }

  const storageConnectionString = required(
    'AzureWebJobsStorage',
    'the storage account connection string of the function app',
  );
  if (storageConnectionString !== '') {
    try {
      describeTableEndpoint(storageConnectionString);
    } catch (error) {
      problems.push(`AzureWebJobsStorage: ${messageOf(error)}`);
    }
  }

  const tableName = text('SELFHEAL_TABLE_NAME') ?? 'unbreakableselfheal';
  if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(tableName)) {
    problems.push(
      `SELFHEAL_TABLE_NAME is "${tableName}"; expected 3–63 letters and digits starting with a letter`,
    );
  }

  const sharedSecret = text('SELFHEAL_SHARED_SECRET');
  if (sharedSecret !== undefined && sharedSecret.length < MIN_SHARED_SECRET_LENGTH) {
    problems.push(
      `SELFHEAL_SHARED_SECRET is too short (${sharedSecret.length} characters); use at least ${MIN_SHARED_SECRET_LENGTH} random characters`,
    );
  }

  const azureDevOpsOrganizations = list(text('AZURE_DEVOPS_ORGANIZATIONS')).flatMap((entry, index) => {
    try {
      return [normalizeCollectionUrl(entry)];
    } catch (error) {
      const reason = messageOf(error)
        .replace(/^collectionUrl: /, '')
        .split(entry)
        .join('the entry');
      // The entry itself is not echoed: a URL with user:password@ would leak the password.
      problems.push(`AZURE_DEVOPS_ORGANIZATIONS entry ${index + 1}: ${reason}`);
      return [];
    }
  });
  const azureDevOpsPat = text('AZURE_DEVOPS_PAT');
  if (azureDevOpsOrganizations.length > 0 && azureDevOpsPat === undefined) {
    problems.push(
      'AZURE_DEVOPS_PAT is missing; it is required when AZURE_DEVOPS_ORGANIZATIONS lists organizations ' +
        '(a personal access token with Release read, write & execute and Build read & execute)',
    );
  }

  const remediationAllowedHosts = list(text('REMEDIATION_ALLOWED_HOSTS')).map((entry) => entry.toLowerCase());
  remediationAllowedHosts.forEach((entry, index) => {
    if (!HOST_PATTERN.test(entry)) {
      problems.push(
        `REMEDIATION_ALLOWED_HOSTS entry ${index + 1} is not a host name, host:port or *.domain (e.g. tower.example.com)`,
      );
    }
  });
  const headerName = text('REMEDIATION_AUTH_HEADER_NAME') ?? 'Authorization';
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(headerName)) {
    problems.push(`REMEDIATION_AUTH_HEADER_NAME is "${headerName}", which is not a valid HTTP header name`);
  }
  const headerValue = text('REMEDIATION_AUTH_HEADER_VALUE');
  if (headerValue !== undefined && /[\r\n]/.test(headerValue)) {
    problems.push('REMEDIATION_AUTH_HEADER_VALUE contains a line break, which a header value cannot carry');
  }

  const lookbackMinutes = integer(env, 'SELFHEAL_LOOKBACK_MINUTES', 180, 5, 43_200, problems);
  const claimLeaseSeconds = integer(env, 'SELFHEAL_CLAIM_LEASE_SECONDS', 600, 60, 86_400, problems);
  const duplicateWaitSeconds = integer(env, 'SELFHEAL_DUPLICATE_WAIT_SECONDS', 10, 0, 120, problems);
  const searchPageSize = integer(env, 'SELFHEAL_SEARCH_PAGE_SIZE', 25, 1, 100, problems);
  const acceptPartialSuccess = boolean(env, 'SELFHEAL_ACCEPT_PARTIAL_SUCCESS', false, problems);

  if (problems.length > 0) throw new SettingsError(problems);
  return {
    dynatraceUrl,
    dynatraceToken,
    storageConnectionString,
    tableName,
    ...(sharedSecret === undefined ? {} : { sharedSecret }),
    ...(azureDevOpsPat === undefined ? {} : { azureDevOpsPat }),
    azureDevOpsOrganizations,
    remediationAllowedHosts,
    ...(headerValue === undefined ? {} : { remediationAuthHeader: { name: headerName, value: headerValue } }),
    lookbackMinutes,
    claimLeaseSeconds,
    duplicateWaitSeconds,
    acceptPartialSuccess,
    searchPageSize,
  };
}

/** Every secret in the settings, for redaction of logs, comments and answers. */
export function secretsOf(settings: SelfHealSettings): string[] {
  const secrets = [settings.dynatraceToken, settings.storageConnectionString];
  if (settings.sharedSecret !== undefined) secrets.push(settings.sharedSecret);
  if (settings.azureDevOpsPat !== undefined) secrets.push(settings.azureDevOpsPat);
  if (settings.remediationAuthHeader !== undefined) secrets.push(settings.remediationAuthHeader.value);
  try {
    secrets.push(...describeTableEndpoint(settings.storageConnectionString).secrets);
  } catch {
    // Validated when the settings were read; nothing more to add.
  }
  return secrets;
}

/** Entries separated by commas, semicolons or whitespace (the Azure portal keeps settings on one line). */
function list(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(/[\s,;]+/).filter((entry) => entry !== '');
}

function integer(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    problems.push(
      `${name} is "${value}"; expected a whole number from ${min} to ${max} (default ${fallback})`,
    );
    return fallback;
  }
  return Number(value);
}

function boolean(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: boolean,
  problems: string[],
): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  problems.push(`${name} is "${env[name]?.trim()}"; expected true or false (default ${fallback})`);
  return fallback;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
