import { type ParameterLocation, invalidParameter } from './api-error';
import { SelectorSyntaxError } from './selector-criteria';

/**
 * Parses a selector-valued parameter; a {@link SelectorSyntaxError} becomes a 400 "Constraints violated."
 * naming the parameter (`entitySelector`, `eventSelector`, …).
 */
export function parseSelectorParameter<T>(
  parse: (text: string) => T,
  text: string,
  path: string,
  location: ParameterLocation = 'QUERY',
): T {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof SelectorSyntaxError) {
      throw invalidParameter(path, `invalid ${path} ${JSON.stringify(text)}: ${error.message}`, location);
    }
    throw error;
  }
}
