import Module from 'node:module';

/** One `app.http(...)` (or other trigger) registration, as `@azure/functions` hands it to the worker. */
export interface CoreRegistration {
  /** `{ name, bindings: { <name>: { type: 'httpTrigger', direction: 'in', methods, route, authLevel }, … } }`. */
  readonly metadata: unknown;
  /** The function's handler, exactly as the app registered it. */
  readonly callback: (...args: unknown[]) => unknown;
}

/** The stand-in for the worker's built-in `@azure/functions-core` module, while it is installed. */
export interface FunctionsCoreShim {
  /** Registrations so far, in order. */
  readonly registrations: readonly CoreRegistration[];
  /** Names of lifecycle hooks apps registered; the local host does not run them. */
  readonly hooks: readonly string[];
  /** Stops answering `require('@azure/functions-core')`. */
  uninstall(): void;
}

/** Node's module loader; `_load` is internal but stable, and the only way to provide a built-in module. */
interface ModuleLoader {
  _load: (this: unknown, request: string, parent: unknown, isMain: boolean) => unknown;
}

/**
 * Makes `require('@azure/functions-core')` return a minimal implementation of the module the Azure
 * Functions Node.js worker provides at run time (tooling.md §4). `@azure/functions` calls it from
 * `app.http(...)` to register each function, so the function files load unchanged and their
 * registrations (metadata and handler) land here.
 */
export function installFunctionsCore(systemLog: (level: string, message: string) => void): FunctionsCoreShim {
  const registrations: CoreRegistration[] = [];
  const hooks: string[] = [];
  const core = {
    version: 'local-host',
    hostVersion: 'local-host',
    setProgrammingModel: (): void => undefined,
    getProgrammingModel: (): undefined => undefined,
    registerFunction: (metadata: unknown, callback: (...args: unknown[]) => unknown) => {
      const registration = { metadata, callback };
      registrations.push(registration);
      return { dispose: () => void registrations.splice(registrations.indexOf(registration), 1) };
    },
    registerHook: (name: string) => {
      hooks.push(name);
      return { dispose: () => undefined };
    },
    log: (level: string, _category: string, message: string): void => systemLog(level, message),
  };
  const loader = Module as unknown as ModuleLoader;
  const original = loader._load;
  const patched = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    return request === '@azure/functions-core' ? core : original.call(this, request, parent, isMain);
  };
  loader._load = patched;
  return {
    registrations,
    hooks,
    uninstall: () => {
      // Only undo our own patch: something installed after us keeps working.
      if (loader._load === patched) loader._load = original;
    },
  };
}
