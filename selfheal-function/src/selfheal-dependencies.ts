import { createAzureDevOpsConnection, type AzureDevOpsConnection } from '../../lib/azure-devops';
import { createDynatraceClient, type DynatraceClient } from '../../lib/dynatrace';
import { createHttpClient, createRedactor, type HttpClient, type RetryPolicy } from '../../lib/http';
import { collectionKey } from '../../lib/remediation';
import { createTableSelfHealStore, type SelfHealStore } from '../../lib/store';
import { secretsOf, type SelfHealSettings } from './selfheal-settings';

/** Everything the handler talks to, built once from the settings and shared by invocations. */
export interface SelfHealDependencies {
  readonly settings: SelfHealSettings;
  readonly store: SelfHealStore;
  readonly dynatrace: DynatraceClient;
  /**
   * The connection to one of the allowed organizations, created on first use. Only configured URLs are
   * accepted, so the PAT cannot be sent anywhere else even by mistake.
   */
  azureDevOps(collectionUrl: string): AzureDevOpsConnection;
  /** An HTTP client for a remediation action's origin, carrying the configured auth header. */
  remediationClient(origin: string): HttpClient;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Removes every configured secret from a text. */
  readonly redact: (text: string) => string;
  /** The same for every string in a JSON-like value. */
  readonly redactValue: (value: unknown) => unknown;
}

/** Knobs for tests and benchmarks; production uses the defaults. */
export interface SelfHealDependencyOptions {
  readonly now?: () => number;
  /** Waits between retries and between polls of a duplicate; default a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  readonly random?: () => number;
  /** Retry settings of the Dynatrace, Azure DevOps and remediation clients. */
  readonly retry?: Partial<RetryPolicy>;
  /** Retries of the Table Storage SDK. */
  readonly storeRetry?: {
    readonly maxRetries: number;
    readonly retryDelayMs: number;
    readonly maxRetryDelayMs: number;
  };
  /** Where the clients report retries; default `console.warn`, which the Functions host collects. */
  readonly warn?: (message: string) => void;
}

const USER_AGENT = 'unbreakable-pipeline-selfheal';
const REMEDIATION_TIMEOUT_MS = 15_000;

/** Builds the clients the settings describe. */
export function createSelfHealDependencies(
  settings: SelfHealSettings,
  options: SelfHealDependencyOptions = {},
): SelfHealDependencies {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const redactor = createRedactor(secretsOf(settings));
  const logger = { debug: () => undefined, warn: (message: string) => warn(redactor.redact(message)) };
  const clock = {
    now,
    sleep: (ms: number, signal?: AbortSignal) =>
      signal?.aborted === true ? Promise.reject(new Error('The wait was aborted.')) : sleep(ms),
  };

  const store = createTableSelfHealStore({
    connectionString: settings.storageConnectionString,
    tableName: settings.tableName,
    leaseMs: settings.claimLeaseSeconds * 1000,
    now,
    ...(options.storeRetry === undefined ? {} : { retry: options.storeRetry }),
  });
  const dynatrace = createDynatraceClient({
    environmentUrl: settings.dynatraceUrl,
    apiToken: settings.dynatraceToken,
    logger,
    clock,
    random,
    userAgent: USER_AGENT,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });

  const connections = new Map<string, AzureDevOpsConnection>();
  const azureDevOps = (collectionUrl: string): AzureDevOpsConnection => {
    const key = collectionKey(collectionUrl);
    const allowed = settings.azureDevOpsOrganizations.find(
      (organization) => collectionKey(organization) === key,
    );
    if (allowed === undefined || settings.azureDevOpsPat === undefined) {
      throw new Error(`${collectionUrl} is not one of the organizations in AZURE_DEVOPS_ORGANIZATIONS`);
    }
    let connection = connections.get(key);
    if (connection === undefined) {
      connection = createAzureDevOpsConnection({
        collectionUrl: allowed,
        token: { kind: 'pat', value: settings.azureDevOpsPat },
        logger,
        clock: { now, sleep },
        random,
        userAgent: USER_AGENT,
        ...(options.retry === undefined ? {} : { retry: options.retry }),
      });
      connections.set(key, connection);
    }
    return connection;
  };

  const remediationClient = (origin: string): HttpClient =>
    createHttpClient({
      baseUrl: origin,
      serviceName: 'Remediation action',
      headers:
        settings.remediationAuthHeader === undefined
          ? {}
          : { [settings.remediationAuthHeader.name]: settings.remediationAuthHeader.value },
      timeoutMs: REMEDIATION_TIMEOUT_MS,
      logger,
      clock,
      random,
      userAgent: USER_AGENT,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
    });

  return {
    settings,
    store,
    dynatrace,
    azureDevOps,
    remediationClient,
    now,
    sleep,
    redact: redactor.redact,
    redactValue: redactor.redactValue,
  };
}
