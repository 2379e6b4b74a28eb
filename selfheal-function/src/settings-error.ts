/**
 * The function app's settings cannot be used. The message lists every problem, each naming its setting;
 * it never contains a setting's value, since several of them are secrets.
 */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  constructor(readonly problems: readonly string[]) {
    super(`The self-healing function is misconfigured: ${problems.join('; ')}`);
  }
}
