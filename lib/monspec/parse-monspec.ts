import { JsonSyntaxError } from '../json/json-syntax-error';
import { MonspecValidationError } from './monspec-validation-error';
import { parseJsonc } from './parse-jsonc';
import { validateMonspec, type ValidatedMonspec } from './validate-monspec';

/**
 * Parses and validates the text of a monspec file. JSONC is accepted (`//` and `/* *\/` comments, trailing
 * commas) because monspecs are hand-annotated monitoring-as-code.
 *
 * @throws MonspecValidationError for a syntax error (its issue names line and column) or any invalid
 *   content (its issues name JSON paths).
 */
export function parseMonspec(text: string): ValidatedMonspec {
  let value: unknown;
  try {
    value = parseJsonc(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new MonspecValidationError([{ path: '', message: `not valid JSON: ${error.message}` }], {
        cause: error,
      });
    }
    throw error;
  }
  return validateMonspec(value);
}
