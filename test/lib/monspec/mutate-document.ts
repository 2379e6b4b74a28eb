/**
 * Random edits of a JSON document for property-based tests: replace a value, delete a member or insert
 * one, preferring the keys and values a monspec uses so the edits reach deep into the validator.
 */
import fc from 'fast-check';

export interface Mutation {
  readonly kind: 'replace' | 'delete' | 'insert';
  /** Picks the location among all locations of the current document (modulo their count). */
  readonly target: number;
  readonly key: string;
  readonly value: unknown;
}

const MONSPEC_KEYS = [
  'etype',
  'name',
  'environments',
  'comparisons',
  'perfsignature',
  'servicemethods',
  'tags',
  'entities',
  'context',
  'key',
  'value',
  'source',
  'compare',
  'scalefactorperc',
  'default',
  'service.requestspermin',
  'shiftsourcetimeframe',
  'onmissingcompare',
  'timeseries',
  'metric',
  'smartscape',
  'aggregate',
  'validate',
  'upperlimit',
  'lowerlimit',
  '_comment',
  '__proto__',
  'constructor',
];

const MONSPEC_VALUES: unknown[] = [
  'Staging',
  'Production',
  'SERVICE',
  'service.responsetime',
  'builtin:service.response.time:splitBy():avg',
  'p90',
  'p100',
  'count',
  'upper',
  'lower',
  'warn',
  '100',
  'abc',
  '',
  -100,
  0,
  86400,
  [],
  {},
  [{ key: 'k' }],
];

export function mutationArbitrary(): fc.Arbitrary<Mutation> {
  return fc.record({
    kind: fc.constantFrom('replace' as const, 'delete' as const, 'insert' as const),
    target: fc.nat(),
    key: fc.oneof(fc.constantFrom(...MONSPEC_KEYS), fc.string()),
    value: fc.oneof(fc.constantFrom(...MONSPEC_VALUES), fc.jsonValue()),
  });
}

type Container = Record<string, unknown> | unknown[];
interface Location {
  readonly parent: Container;
  readonly key: string | number;
}

/** Applies the mutations in order to a document (which is modified and returned). */
export function mutateDocument(document: unknown, mutations: readonly Mutation[]): unknown {
  for (const mutation of mutations) apply(document, mutation);
  return document;
}

function apply(document: unknown, mutation: Mutation): void {
  if (mutation.kind === 'insert') {
    const containers = collectContainers(document);
    const container = containers[mutation.target % Math.max(containers.length, 1)];
    if (container === undefined) return;
    const value = structuredClone(mutation.value);
    if (Array.isArray(container)) container.push(value);
    else
      Object.defineProperty(container, mutation.key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return;
  }
  const locations = collectLocations(document);
  const location = locations[mutation.target % Math.max(locations.length, 1)];
  if (location === undefined) return;
  const { parent, key } = location;
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[String(key)];
  } else if (Array.isArray(parent)) {
    parent[Number(key)] = structuredClone(mutation.value);
  } else {
    Object.defineProperty(parent, String(key), {
      value: structuredClone(mutation.value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function collectContainers(value: unknown, found: Container[] = []): Container[] {
  if (!isContainer(value)) return found;
  found.push(value);
  for (const child of Object.values(value)) collectContainers(child, found);
  return found;
}

function collectLocations(value: unknown, found: Location[] = []): Location[] {
  if (!isContainer(value)) return found;
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, index) => index)
    : Object.keys(value);
  for (const key of keys) {
    found.push({ parent: value, key });
    collectLocations((value as Record<string, unknown>)[String(key)], found);
  }
  return found;
}
