/**
 * Whether a value is an Azure DevOps macro left as written (`$(Release.ReleaseId)`). Azure DevOps leaves
 * `$(name)` untouched when no variable of that name exists — in a YAML run every `Release.*` variable, in a
 * classic release `System.StageName` — so such a value means "not known here", never data.
 */
export function isUnexpandedMacro(value: string): boolean {
  return /^\$\([\w.-]+\)$/.test(value);
}
