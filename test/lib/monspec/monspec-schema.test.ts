/**
 * The shipped monspec.schema.json (for editors) and validateMonspec (for the gate) must describe the same
 * format. The schema is allowed to be looser - it cannot express cross-references such as "source names a
 * defined environment" - but never stricter, and its vocabulary must match the validator's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import schema from '../../../monspec.schema.json';
import { BUILTIN_TIMESERIES_PREFIX, METRIC_CATALOG } from '../../../lib/monspec/metric-catalog';
import { ENTITY_TYPES, MISSING_DATA_POLICIES } from '../../../lib/monspec/monspec';
import { MonspecValidationError, type MonspecIssue } from '../../../lib/monspec/monspec-validation-error';
import { parseJsonc } from '../../../lib/monspec/parse-jsonc';
import { validateMonspec } from '../../../lib/monspec/validate-monspec';
import {
  definitionOf,
  PROPERTY_SEED,
  sampleDocument,
  type Json,
  type JsonDocument,
} from './monspec-test-kit';
import { mutateDocument, mutationArbitrary } from './mutate-document';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const schemaAccepts = ajv.compile(schema);

type SchemaNode = { [key: string]: unknown };

function definitionSchema(name: string): SchemaNode {
  const definitions = schema.definitions as unknown as Record<string, SchemaNode>;
  const definition = definitions[name];
  assert.ok(definition, `schema has no definition ${name}`);
  return definition;
}

function propertyNames(node: SchemaNode): string[] {
  return Object.keys(node['properties'] as object);
}

function fixture(name: string): unknown {
  return parseJsonc(readFileSync(join(__dirname, '../../fixtures/monspec', name), 'utf8'));
}

function validatorAccepts(document: unknown): boolean {
  try {
    validateMonspec(document);
    return true;
  } catch (error) {
    if (error instanceof MonspecValidationError) return false;
    throw error;
  }
}

function warningsOf(document: unknown): readonly MonspecIssue[] {
  try {
    return validateMonspec(document).warnings;
  } catch (error) {
    assert.ok(error instanceof MonspecValidationError);
    return error.warnings;
  }
}

describe('monspec.schema.json', () => {
  it('is a draft-07 schema with a stable $id', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.$id, 'https://unbreakable-pipeline.dev/monspec.schema.json');
  });

  it('gives every property a title and a description for editors', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as SchemaNode)['properties'];
      if (typeof properties === 'object' && properties !== null) {
        for (const [name, property] of Object.entries(properties as Record<string, SchemaNode>)) {
          if (typeof property['title'] !== 'string' || typeof property['description'] !== 'string') {
            missing.push(`${path}.properties.${name}`);
          }
        }
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${path}.${key}`);
    };
    visit(schema, '#');
    assert.deepEqual(missing, []);
  });

  it('accepts the seed and VSTS-style fixtures', () => {
    for (const name of ['seed-002-sample-app.jsonc', 'vsts-style.json']) {
      assert.ok(schemaAccepts(fixture(name)), `${name}: ${ajv.errorsText(schemaAccepts.errors)}`);
    }
  });

  it('flags the servicemethods block and the smartscape entries of the AWS fixture', () => {
    assert.equal(schemaAccepts(fixture('aws-full-with-unsupported.json')), false);
    const paths = new Set((schemaAccepts.errors ?? []).map((error) => error.instancePath));
    for (const path of [
      '/SampleJSonService/servicemethods',
      '/SampleJSonService/perfsignature/4/smartscape',
      '/SampleJSonService/perfsignature/5/smartscape',
    ]) {
      assert.ok(paths.has(path), `no schema error at ${path}`);
    }
  });

  describe('vocabulary', () => {
    it('lists the entity types the validator accepts', () => {
      const etype = (definitionSchema('entityDefinition')['properties'] as Record<string, SchemaNode>)[
        'etype'
      ];
      assert.deepEqual(etype?.['enum'], [...ENTITY_TYPES]);
    });

    it('lists the catalog timeseries, with and without the builtin prefix', () => {
      const timeseries = (definitionSchema('perfsignatureEntry')['properties'] as Record<string, SchemaNode>)[
        'timeseries'
      ];
      const ids = METRIC_CATALOG.map((metric) => metric.timeseriesId);
      assert.deepEqual(timeseries?.['enum'], [
        ...ids,
        ...ids.map((id) => `${BUILTIN_TIMESERIES_PREFIX}${id}`),
      ]);
    });

    it('lists the missing-data policies', () => {
      const properties = definitionSchema('comparison')['properties'] as Record<string, SchemaNode>;
      assert.deepEqual(properties['onmissingsource']?.['enum'], [...MISSING_DATA_POLICIES]);
      assert.deepEqual(properties['onmissingcompare']?.['enum'], [...MISSING_DATA_POLICIES]);
    });

    const levels: readonly [string, (document: JsonDocument) => { [key: string]: Json }][] = [
      ['entityDefinition', (document) => definitionOf(document)],
      [
        'environment',
        (document) =>
          (definitionOf(document)['environments'] as { [key: string]: { [key: string]: Json } })['Staging'] ??
          {},
      ],
      [
        'tag',
        (document) =>
          (definitionOf(document)['environments'] as { Staging: { tags: { [key: string]: Json }[] } }).Staging
            .tags[0] ?? {},
      ],
      [
        'comparison',
        (document) => (definitionOf(document)['comparisons'] as { [key: string]: Json }[])[0] ?? {},
      ],
      [
        'perfsignatureEntry',
        (document) => (definitionOf(document)['perfsignature'] as { [key: string]: Json }[])[0] ?? {},
      ],
    ];
    for (const [level, locate] of levels) {
      it(`knows the same ${level} keys as the validator`, () => {
        const document = sampleDocument();
        locate(document)['zzzzzzzz'] = 1;
        const warning = warningsOf(document).find((issue) => issue.path.endsWith('zzzzzzzz'));
        const known = /known keys: (.*); prefix a key/.exec(warning?.message ?? '')?.[1]?.split(', ');
        assert.deepEqual(known?.sort(), propertyNames(definitionSchema(level)).sort());
      });
    }
  });

  describe('agreement with validateMonspec', () => {
    it('accepts every monspec the validator accepts', () => {
      fc.assert(
        fc.property(fc.array(mutationArbitrary(), { minLength: 1, maxLength: 3 }), (mutations) => {
          const document = mutateDocument(sampleDocument(), mutations);
          if (validatorAccepts(document)) {
            assert.ok(schemaAccepts(document), ajv.errorsText(schemaAccepts.errors));
          }
        }),
        { seed: PROPERTY_SEED, numRuns: 1000 },
      );
    });

    const structural: readonly [string, (definition: { [key: string]: Json }) => void][] = [
      ['an unknown etype', (definition) => (definition['etype'] = 'SERVICES')],
      ['missing environments', (definition) => delete definition['environments']],
      [
        'an environment without tags or entities',
        (definition) => (definition['environments'] = { Staging: {} }),
      ],
      ['an empty entity list', (definition) => (definition['environments'] = { Staging: { entities: [] } })],
      [
        'a tag without key',
        (definition) => (definition['environments'] = { Staging: { tags: [{ value: 'x' }] } }),
      ],
      ['an empty perfsignature', (definition) => (definition['perfsignature'] = [])],
      [
        'an entry with timeseries and metric',
        (definition) => (definition['perfsignature'] = [{ timeseries: 'service.failurerate', metric: 'm' }]),
      ],
      [
        'an unknown timeseries',
        (definition) => (definition['perfsignature'] = [{ timeseries: 'service.cpu' }]),
      ],
      [
        'a 100th percentile',
        (definition) =>
          (definition['perfsignature'] = [{ timeseries: 'service.responsetime', aggregate: 'p100' }]),
      ],
      [
        'a non-numeric limit',
        (definition) =>
          (definition['perfsignature'] = [{ timeseries: 'service.responsetime', upperlimit: 'abc' }]),
      ],
      [
        'a scale factor of -100',
        (definition) =>
          ((definition['comparisons'] as { [key: string]: Json }[])[0]!['scalefactorperc'] = {
            default: -100,
          }),
      ],
      [
        'a negative shift',
        (definition) =>
          ((definition['comparisons'] as { [key: string]: Json }[])[0]!['shiftsourcetimeframe'] = -1),
      ],
      [
        'an unknown policy',
        (definition) =>
          ((definition['comparisons'] as { [key: string]: Json }[])[0]!['onmissingsource'] = 'skip'),
      ],
      [
        'a comparison without name',
        (definition) => delete (definition['comparisons'] as { [key: string]: Json }[])[0]!['name'],
      ],
      ['a servicemethods block', (definition) => (definition['servicemethods'] = [])],
      [
        'a smartscape entry',
        (definition) => (definition['perfsignature'] = [{ smartscape: 'toRelationships:calls' }]),
      ],
    ];
    for (const [what, edit] of structural) {
      it(`rejects ${what}, as the validator does`, () => {
        const document = sampleDocument();
        edit(definitionOf(document));
        assert.equal(validatorAccepts(document), false, 'validator');
        assert.equal(schemaAccepts(document), false, 'schema');
      });
    }

    it('rejects documents without entity definitions, as the validator does', () => {
      for (const document of [[], 'monspec', { _comment: 'only a comment' }]) {
        assert.equal(validatorAccepts(document), false);
        assert.equal(schemaAccepts(document), false);
      }
    });
  });
});
