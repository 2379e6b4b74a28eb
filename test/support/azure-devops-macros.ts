/**
 * What Azure DevOps does to a server task's `execution.HttpRequest` templates (`EndpointUrl`, `Headers`,
 * `Body`, `Expression`) before it sends the request, for tests of task.json files.
 *
 * - Every `$(name)` whose name is a task input or a pipeline variable is replaced by the value, **as raw
 *   text**: nothing is escaped, so a quote or a backslash in a value breaks a JSON template
 *   (microsoft/azure-pipelines-tasks#13098).
 * - Names are case-insensitive (`$(System.PlanId)` and `$(system.planid)` are the same variable).
 * - A macro naming nothing known stays as it is: an undefined variable arrives as the literal `$(name)`.
 * - It is one pass: text that was inserted is not scanned for macros again.
 * - Before that, the macros in input values are expanded with the pipeline variables, which is how an
 *   input whose value is `$(MySecretVariable)` becomes the secret.
 */

/** The parts of a task.json this emulation reads. */
export interface TaskDefinition {
  readonly inputs: readonly { readonly name: string; readonly defaultValue?: string }[];
}

const MACRO = /\$\(([A-Za-z0-9_.-]+)\)/g;

/** Replaces the known `$(name)` macros of `template` with their values; unknown ones stay. */
export function expandMacros(template: string, values: Readonly<Record<string, string>>): string {
  const lookup = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return template.replace(MACRO, (macro, name: string) => lookup.get(name.toLowerCase()) ?? macro);
}

/**
 * The values Azure DevOps inserts into the templates: each input's given value (or its default) with the
 * pipeline variables expanded in it, then the variables themselves. Inputs the caller marks as absent
 * (hidden by a `visibleRule`) are left out, so their macros stay unexpanded in the templates.
 */
export function resolveTemplateValues(
  task: TaskDefinition,
  given: Readonly<Record<string, string>>,
  variables: Readonly<Record<string, string>>,
  absent: readonly string[] = [],
): Record<string, string> {
  const values: Record<string, string> = { ...variables };
  for (const input of task.inputs) {
    if (absent.includes(input.name)) continue;
    const raw = Object.entries(given).find(([name]) => name.toLowerCase() === input.name.toLowerCase())?.[1];
    values[input.name] = expandMacros(raw ?? input.defaultValue ?? '', variables);
  }
  return values;
}
