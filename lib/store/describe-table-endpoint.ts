/** Where a storage connection string points, and what in it is secret. */
export interface TableEndpoint {
  /** The table service URL, e.g. `https://myaccount.table.core.windows.net`. */
  readonly url: string;
  /** True only for plain-http loopback endpoints (Azurite); everything else must be https. */
  readonly allowInsecureConnection: boolean;
  /** The account key and SAS token, for redaction. */
  readonly secrets: readonly string[];
}

const DEVELOPMENT_ENDPOINT = 'http://127.0.0.1:10002/devstoreaccount1';
const EXAMPLE =
  'DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net';

/**
 * Reads the table endpoint out of an Azure Storage connection string (`AzureWebJobsStorage`), the same way
 * `@azure/data-tables` resolves it, and checks that it is safe to use: https, or plain http only to a
 * loopback host (the Azurite emulator). The connection string itself is never put in a message.
 *
 * @throws RangeError saying what is missing or not allowed.
 */
export function describeTableEndpoint(connectionString: string): TableEndpoint {
  const parts = new Map<string, string>();
  for (const segment of connectionString.split(';')) {
    const trimmed = segment.trim();
    if (trimmed === '') continue;
    const equals = trimmed.indexOf('=');
    if (equals <= 0) {
      throw new RangeError(
        `the storage connection string is not a list of Name=value pairs separated by ";"; expected e.g. ${EXAMPLE}`,
      );
    }
    parts.set(trimmed.slice(0, equals).trim().toLowerCase(), trimmed.slice(equals + 1).trim());
  }
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') {
    return { url: DEVELOPMENT_ENDPOINT, allowInsecureConnection: true, secrets: [] };
  }
  const secrets = [parts.get('accountkey'), parts.get('sharedaccesssignature')].filter(
    (value): value is string => value !== undefined && value !== '',
  );
  if (secrets.length === 0) {
    throw new RangeError(
      'the storage connection string has neither AccountKey nor SharedAccessSignature ' +
        `(identity-based connections are not supported); expected e.g. ${EXAMPLE}`,
    );
  }
  const explicit = parts.get('tableendpoint');
  let endpoint: string;
  if (explicit !== undefined && explicit !== '') {
    endpoint = explicit;
  } else {
    const account = parts.get('accountname');
    if (account === undefined || account === '') {
      throw new RangeError(
        `the storage connection string has no AccountName and no TableEndpoint; expected e.g. ${EXAMPLE}`,
      );
    }
    const protocol = parts.get('defaultendpointsprotocol') ?? 'https';
    const suffix = parts.get('endpointsuffix') ?? 'core.windows.net';
    endpoint = `${protocol}://${account}.table.${suffix}`;
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new RangeError(
      `the storage connection string's table endpoint is not an absolute URL; expected e.g. ${EXAMPLE}`,
    );
  }
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.protocol === 'https:') {
    return { url: shown.replace(/\/+$/, ''), allowInsecureConnection: false, secrets };
  }
  if (url.protocol === 'http:' && isLoopback(url.hostname)) {
    return { url: shown.replace(/\/+$/, ''), allowInsecureConnection: true, secrets };
  }
  throw new RangeError(
    `the storage connection string points to ${shown}; expected https (plain http only for the local emulator on 127.0.0.1 or localhost)`,
  );
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
