import { DeploymentEventProperty } from '../../../lib/deployment-event/deployment-event-properties';
import { InputError } from './input-error';

/** Dynatrace's limit on property keys (api-facts A.2). */
export const MAX_PROPERTY_KEY_LENGTH = 100;
/** Dynatrace's limit on property values (api-facts A.2). */
export const MAX_PROPERTY_VALUE_LENGTH = 4096;

const reservedKeys: ReadonlySet<string> = new Set(Object.values(DeploymentEventProperty));

/**
 * Parses a multi-line input of `key=value` pairs. The first `=` separates key and value, so values may
 * contain `=`; blank lines and lines starting with `#` are skipped. Contract property names are refused
 * here, with the line, rather than later without one.
 *
 * @throws InputError naming the input and the line.
 */
export function parseCustomProperties(text: string, input: string): Record<string, string> {
  const properties: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fail = (detail: string): InputError => new InputError(input, `line ${index + 1}: ${detail}`);
    const separator = line.indexOf('=');
    if (separator < 0) throw fail(`expected key=value, found "${line}"`);
    const key = line.slice(0, separator).trim();
    const value = line.slice(separator + 1).trim();
    if (key === '') throw fail(`expected a key before "=", found "${line}"`);
    if (key.length > MAX_PROPERTY_KEY_LENGTH) {
      throw fail(
        `the key "${key}" has ${key.length} characters; Dynatrace accepts at most ${MAX_PROPERTY_KEY_LENGTH}`,
      );
    }
    if (value.length > MAX_PROPERTY_VALUE_LENGTH) {
      throw fail(
        `the value of "${key}" has ${value.length} characters; Dynatrace accepts at most ${MAX_PROPERTY_VALUE_LENGTH}`,
      );
    }
    if (reservedKeys.has(key)) {
      throw fail(
        `"${key}" belongs to the deployment event contract and is set by the task; choose another key`,
      );
    }
    if (Object.hasOwn(properties, key)) throw fail(`"${key}" is given twice`);
    properties[key] = value;
  });
  return properties;
}
