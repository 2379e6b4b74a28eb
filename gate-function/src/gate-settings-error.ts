/** One app setting that cannot be used, and why. */
export interface SettingProblem {
  /** The app setting (environment variable) at fault, e.g. `DT_URL`. */
  readonly setting: string;
  readonly message: string;
}

/**
 * The function app's settings cannot be used. Every problem is listed, so an operator fixes the
 * configuration in one round; messages name the setting and never contain a secret value.
 */
export class GateSettingsError extends Error {
  override readonly name = 'GateSettingsError';
  readonly problems: readonly SettingProblem[];

  constructor(problems: readonly SettingProblem[]) {
    super(
      `The gate function app is misconfigured: ${problems.map((problem) => `${problem.setting}: ${problem.message}`).join('; ')}`,
    );
    this.problems = problems;
  }
}
