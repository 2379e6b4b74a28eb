import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type * as AzureFunctions from '@azure/functions';

import { type CoreRegistration, type FunctionsCoreShim } from './functions-core-shim';
import { compileRouteTemplate, type RouteParams } from './route-template';

/** An HTTP-triggered function of a loaded app. */
export interface HttpFunction {
  readonly app: string;
  readonly name: string;
  /** Upper-case methods, e.g. `['POST']`. */
  readonly methods: readonly string[];
  /** The full path template, e.g. `/api/gate`. */
  readonly path: string;
  readonly authLevel: 'anonymous' | 'function' | 'admin';
  readonly match: (path: string) => RouteParams | undefined;
  readonly handler: (
    request: AzureFunctions.HttpRequest,
    context: AzureFunctions.InvocationContext,
  ) => unknown;
}

/** A registration the local host cannot serve, or an app that failed to load. */
export interface LoadProblem {
  readonly app: string;
  readonly message: string;
}

/** What loading the apps produced. */
export interface LoadedApps {
  readonly functions: readonly HttpFunction[];
  readonly problems: readonly LoadProblem[];
  /** The `@azure/functions` instance the apps registered with; requests are built with its classes. */
  readonly library: typeof AzureFunctions;
}

const requireHere = createRequire(__filename);

/**
 * Loads every `src/functions/*` file of each app folder that exists, unchanged, so that their
 * `app.http(...)` registrations reach the functions-core shim.
 *
 * The apps get a fresh instance of `@azure/functions` (and fresh copies of their own modules). The library
 * decides once per instance whether a worker is present; an instance loaded earlier without the shim (by
 * handler unit tests in the same process, say) stays in its "test mode" and registers nothing. The
 * previous instance is put back afterwards for whoever else uses it.
 */
export function loadFunctionApps(root: string, apps: readonly string[], shim: FunctionsCoreShim): LoadedApps {
  const libraryPath = requireHere.resolve('@azure/functions');
  const previous = requireHere.cache[libraryPath];
  delete requireHere.cache[libraryPath];
  try {
    const library = requireHere('@azure/functions') as typeof AzureFunctions;
    const functions: HttpFunction[] = [];
    const problems: LoadProblem[] = [];
    for (const app of apps) {
      const directory = path.join(root, app);
      if (!existsSync(directory)) continue;
      try {
        const routePrefix = readRoutePrefix(directory);
        const loaded = loadApp(directory, shim);
        for (const registration of loaded) {
          const served = toHttpFunction(app, routePrefix, registration);
          if (typeof served === 'string') problems.push({ app, message: served });
          else functions.push(served);
        }
      } catch (error) {
        problems.push({
          app,
          message: `failed to load: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    return { functions, problems, library };
  } finally {
    if (previous !== undefined) requireHere.cache[libraryPath] = previous;
  }
}

function loadApp(directory: string, shim: FunctionsCoreShim): readonly CoreRegistration[] {
  const functionsDirectory = path.join(directory, 'src', 'functions');
  if (!existsSync(functionsDirectory)) return [];
  const files = readdirSync(functionsDirectory)
    .filter((file) => /\.[cm]?[jt]s$/.test(file) && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => path.join(functionsDirectory, file));
  for (const cached of Object.keys(requireHere.cache)) {
    if (cached.startsWith(`${directory}${path.sep}`)) delete requireHere.cache[cached];
  }
  const first = shim.registrations.length;
  for (const file of files) requireHere(file);
  return shim.registrations.slice(first);
}

function readRoutePrefix(directory: string): string {
  const file = path.join(directory, 'host.json');
  if (!existsSync(file)) return 'api';
  const host = JSON.parse(readFileSync(file, 'utf8')) as {
    extensions?: { http?: { routePrefix?: unknown } };
  };
  const prefix = host.extensions?.http?.routePrefix;
  return typeof prefix === 'string' ? prefix : 'api';
}

/** The served function, or why it cannot be served. */
function toHttpFunction(
  app: string,
  routePrefix: string,
  registration: CoreRegistration,
): HttpFunction | string {
  const metadata = registration.metadata as {
    name?: unknown;
    bindings?: Record<
      string,
      { type?: unknown; direction?: unknown; methods?: unknown; route?: unknown; authLevel?: unknown }
    >;
  };
  const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  const trigger = Object.values(metadata.bindings ?? {}).find(
    (binding) =>
      binding.direction === 'in' && typeof binding.type === 'string' && binding.type.endsWith('Trigger'),
  );
  if (trigger?.type !== 'httpTrigger') {
    return `function "${name}" has a ${typeof trigger?.type === 'string' ? trigger.type : 'unknown'} trigger; the local host serves HTTP triggers only`;
  }
  const methods = Array.isArray(trigger.methods)
    ? trigger.methods.map((method) => String(method).toUpperCase())
    : ['GET', 'POST'];
  const route = typeof trigger.route === 'string' ? trigger.route : name;
  const authLevel =
    trigger.authLevel === 'function' || trigger.authLevel === 'admin' ? trigger.authLevel : 'anonymous';
  return {
    app,
    name,
    methods,
    path: `/${[routePrefix, route].filter((part) => part !== '').join('/')}`,
    authLevel,
    match: compileRouteTemplate(routePrefix, route),
    handler: registration.callback,
  };
}
