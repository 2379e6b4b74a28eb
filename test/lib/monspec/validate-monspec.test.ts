import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type MonspecIssue, MonspecValidationError } from '../../../lib/monspec/monspec-validation-error';
import { validateMonspec } from '../../../lib/monspec/validate-monspec';
import {
  definitionOf,
  PROPERTY_SEED,
  sampleDocument,
  type Json,
  type JsonDocument,
} from './monspec-test-kit';
import { mutateDocument, mutationArbitrary } from './mutate-document';

/** The errors and warnings validateMonspec reports for a document it rejects. */
function rejectionOf(document: unknown): {
  errors: readonly MonspecIssue[];
  warnings: readonly MonspecIssue[];
} {
  try {
    validateMonspec(document);
  } catch (error) {
    assert.ok(
      error instanceof MonspecValidationError,
      `expected MonspecValidationError, got ${String(error)}`,
    );
    return { errors: error.issues, warnings: error.warnings };
  }
  return assert.fail('expected the monspec to be rejected');
}

/** Applies an edit to the sample's SampleJSonService definition and returns the document. */
function sampleWith(edit: (definition: { [key: string]: Json }) => void): JsonDocument {
  const document = sampleDocument();
  edit(definitionOf(document));
  return document;
}

function comparisonAt(definition: { [key: string]: Json }, index: number): { [key: string]: Json } {
  const comparisons = definition['comparisons'] as { [key: string]: Json }[];
  const comparison = comparisons[index];
  assert.ok(comparison);
  return comparison;
}

function entryAt(definition: { [key: string]: Json }, index: number): { [key: string]: Json } {
  const entries = definition['perfsignature'] as { [key: string]: Json }[];
  const entry = entries[index];
  assert.ok(entry);
  return entry;
}

function stagingOf(definition: { [key: string]: Json }): { [key: string]: Json } {
  return (definition['environments'] as { [key: string]: { [key: string]: Json } })['Staging'] ?? {};
}

interface ErrorCase {
  readonly name: string;
  readonly document: unknown;
  readonly path: string;
  readonly message: string | RegExp;
}

const ERROR_CASES: readonly ErrorCase[] = [
  {
    name: 'rejects a document that is not an object',
    document: [],
    path: '',
    message: /^expected a JSON object whose keys name entity definitions .*, found an empty array$/,
  },
  {
    name: 'rejects a document with only comments',
    document: { _comment: 'nothing here' },
    path: '',
    message: /found no entity definition \(keys starting with "_" are comments\)$/,
  },
  {
    name: 'rejects an entity definition that is not an object',
    document: { SampleJSonService: 'SERVICE' },
    path: 'SampleJSonService',
    message: /^expected an entity definition object .*, found the string "SERVICE"$/,
  },
  {
    name: 'quotes definition keys that are not identifiers',
    document: { 'my service': 42 },
    path: '["my service"]',
    message: /found the number 42$/,
  },
  {
    name: 'rejects an unknown entity type and suggests the right spelling',
    document: sampleWith((definition) => (definition['etype'] = 'service')),
    path: 'SampleJSonService.etype',
    message:
      'expected one of SERVICE, APPLICATION, HOST, PROCESS_GROUP_INSTANCE, PROCESS_GROUP, found the string "service"; did you mean "SERVICE"?',
  },
  {
    name: 'rejects a non-string name',
    document: sampleWith((definition) => (definition['name'] = 7)),
    path: 'SampleJSonService.name',
    message: 'expected a display name string, found the number 7',
  },
  {
    name: 'rejects servicemethods instead of silently ignoring them',
    document: sampleWith((definition) => (definition['servicemethods'] = [])),
    path: 'SampleJSonService.servicemethods',
    message: /^servicemethods are not supported; /,
  },
  {
    name: 'requires environments',
    document: sampleWith((definition) => delete definition['environments']),
    path: 'SampleJSonService.environments',
    message: /^is missing; expected an object mapping environment names/,
  },
  {
    name: 'requires at least one environment',
    document: sampleWith((definition) => (definition['environments'] = { _comment: 'later' })),
    path: 'SampleJSonService.environments',
    message: /^expected at least one environment, found none/,
  },
  {
    name: 'rejects an environment that is not an object',
    document: sampleWith(
      (definition) => ((definition['environments'] as { [key: string]: Json })['Staging'] = 'tag'),
    ),
    path: 'SampleJSonService.environments.Staging',
    message: 'expected an object with "tags" or "entities", found the string "tag"',
  },
  {
    name: 'rejects an environment with neither tags nor entities',
    document: sampleWith(
      (definition) => ((definition['environments'] as { [key: string]: Json })['Staging'] = {}),
    ),
    path: 'SampleJSonService.environments.Staging',
    message: /^expected "entities" \(a list of entity IDs\) or "tags"/,
  },
  {
    name: 'rejects an empty entity list',
    document: sampleWith((definition) => (stagingOf(definition)['entities'] = [])),
    path: 'SampleJSonService.environments.Staging.entities',
    message: /^expected a non-empty list of entity IDs .*, found an empty array$/,
  },
  {
    name: 'rejects an entity ID that is not a string',
    document: sampleWith((definition) => (stagingOf(definition)['entities'] = ['SERVICE-1', 2])),
    path: 'SampleJSonService.environments.Staging.entities[1]',
    message: 'expected an entity ID string, found the number 2',
  },
  {
    name: 'rejects an empty tag list',
    document: sampleWith((definition) => (stagingOf(definition)['tags'] = [])),
    path: 'SampleJSonService.environments.Staging.tags',
    message: /^expected a non-empty list of tags/,
  },
  {
    name: 'rejects a tag that is not an object',
    document: sampleWith((definition) => (stagingOf(definition)['tags'] = ['DeploymentGroup:Staging'])),
    path: 'SampleJSonService.environments.Staging.tags[0]',
    message: 'expected a tag object {context?, key, value?}, found the string "DeploymentGroup:Staging"',
  },
  {
    name: 'requires a tag key',
    document: sampleWith((definition) => (stagingOf(definition)['tags'] = [{ value: 'Staging' }])),
    path: 'SampleJSonService.environments.Staging.tags[0].key',
    message: 'is missing; expected the tag key, a non-empty string',
  },
  {
    name: 'rejects an empty tag key',
    document: sampleWith((definition) => (stagingOf(definition)['tags'] = [{ key: '' }])),
    path: 'SampleJSonService.environments.Staging.tags[0].key',
    message: 'expected the tag key, a non-empty string, found an empty string',
  },
  {
    name: 'rejects a tag value that is not a string',
    document: sampleWith((definition) => (stagingOf(definition)['tags'] = [{ key: 'build', value: 42 }])),
    path: 'SampleJSonService.environments.Staging.tags[0].value',
    message: /^expected the tag value, a non-empty string .*, found the number 42$/,
  },
  {
    name: 'requires perfsignature',
    document: sampleWith((definition) => delete definition['perfsignature']),
    path: 'SampleJSonService.perfsignature',
    message: /^is missing; expected a non-empty list of metrics/,
  },
  {
    name: 'requires at least one perfsignature entry',
    document: sampleWith((definition) => (definition['perfsignature'] = [])),
    path: 'SampleJSonService.perfsignature',
    message: /^expected a non-empty list of metrics .*, found an empty array$/,
  },
  {
    name: 'rejects a perfsignature entry that is not an object',
    document: sampleWith((definition) => (definition['perfsignature'] = ['service.responsetime'])),
    path: 'SampleJSonService.perfsignature[0]',
    message: /found the string "service.responsetime"$/,
  },
  {
    name: 'rejects an entry with both timeseries and metric',
    document: sampleWith(
      (definition) => (entryAt(definition, 1)['metric'] = 'builtin:service.response.time'),
    ),
    path: 'SampleJSonService.perfsignature[1]',
    message: 'expected exactly one of "timeseries" or "metric", found both',
  },
  {
    name: 'rejects an entry with neither timeseries nor metric',
    document: sampleWith((definition) => (definition['perfsignature'] = [{ aggregate: 'avg' }])),
    path: 'SampleJSonService.perfsignature[0]',
    message: /^expected "timeseries" \(a v1 id such as .*\) or "metric"/,
  },
  {
    name: 'rejects smartscape entries with a clear reason',
    document: sampleWith((definition) =>
      (definition['perfsignature'] as Json[]).push({
        smartscape: 'toRelationships:calls',
        aggregate: 'count',
      }),
    ),
    path: 'SampleJSonService.perfsignature[4].smartscape',
    message: /^smartscape entries are not supported: a relationship count such as "toRelationships:calls" /,
  },
  {
    name: 'rejects an unknown timeseries, lists the known ones and points to "metric"',
    document: sampleWith(
      (definition) => (entryAt(definition, 2)['timeseries'] = 'com.dynatrace.builtin:host.cpu.user'),
    ),
    path: 'SampleJSonService.perfsignature[2].timeseries',
    message:
      /^unknown timeseries "com.dynatrace.builtin:host.cpu.user"; known: service.responsetime, service.failurerate, .* use "metric" with a Metrics v2 key or selector/,
  },
  {
    name: 'suggests the closest timeseries for a typo',
    document: sampleWith((definition) => (entryAt(definition, 2)['timeseries'] = 'service.failurerat')),
    path: 'SampleJSonService.perfsignature[2].timeseries',
    message: /Did you mean "service.failurerate"\?$/,
  },
  {
    name: 'rejects a metric key with whitespace',
    document: sampleWith(
      (definition) => (definition['perfsignature'] = [{ metric: 'builtin:service response' }]),
    ),
    path: 'SampleJSonService.perfsignature[0].metric',
    message: /^expected a Metrics v2 key without whitespace/,
  },
  {
    name: 'rejects an unknown aggregate',
    document: sampleWith((definition) => (entryAt(definition, 0)['aggregate'] = 'average')),
    path: 'SampleJSonService.perfsignature[0].aggregate',
    message:
      'expected avg, min, max, sum, count, median or pNN (a percentile, 0 < NN < 100, e.g. p90), found the string "average"',
  },
  {
    name: 'rejects the 100th percentile',
    document: sampleWith((definition) => (entryAt(definition, 0)['aggregate'] = 'p100')),
    path: 'SampleJSonService.perfsignature[0].aggregate',
    message: /^expected avg, .* found the string "p100"$/,
  },
  {
    name: 'rejects an aggregate the metric cannot produce and lists the allowed ones',
    document: sampleWith((definition) => (entryAt(definition, 3)['aggregate'] = 'max')),
    path: 'SampleJSonService.perfsignature[3].aggregate',
    message:
      'aggregate "max" is not available for com.dynatrace.builtin:service.requestspermin; expected one of: avg, count, sum',
  },
  {
    name: 'rejects percentiles of failure rates',
    document: sampleWith((definition) => (entryAt(definition, 2)['aggregate'] = 'p90')),
    path: 'SampleJSonService.perfsignature[2].aggregate',
    message:
      'aggregate "p90" is not available for com.dynatrace.builtin:service.failurerate; expected one of: avg, min, max',
  },
  {
    name: 'rejects the default aggregate where the metric cannot average',
    document: sampleWith(
      (definition) => (definition['perfsignature'] = [{ timeseries: 'service.errorcounthttp5xx' }]),
    ),
    path: 'SampleJSonService.perfsignature[0].aggregate',
    message:
      'the default aggregate "avg" is not available for service.errorcounthttp5xx; expected one of: sum, count',
  },
  {
    name: 'rejects an unknown validate direction',
    document: sampleWith((definition) => (entryAt(definition, 0)['validate'] = 'Upper')),
    path: 'SampleJSonService.perfsignature[0].validate',
    message: 'expected one of upper, lower, found the string "Upper"; did you mean "upper"?',
  },
  {
    name: 'rejects a limit that is not numeric',
    document: sampleWith((definition) => (entryAt(definition, 0)['upperlimit'] = 'abc')),
    path: 'SampleJSonService.perfsignature[0].upperlimit',
    message: 'expected a number or a numeric string (e.g. 100 or "100"), found the string "abc"',
  },
  {
    name: 'rejects a lower limit above the upper limit',
    document: sampleWith((definition) =>
      Object.assign(entryAt(definition, 0), { upperlimit: 50, lowerlimit: '100' }),
    ),
    path: 'SampleJSonService.perfsignature[0].lowerlimit',
    message: 'expected a lower limit no greater than upperlimit 50, found 100; no value could pass',
  },
  {
    name: 'rejects comparisons that are not a list',
    document: sampleWith((definition) => (definition['comparisons'] = {})),
    path: 'SampleJSonService.comparisons',
    message: /^expected a list of comparisons .*, found an object$/,
  },
  {
    name: 'rejects a comparison that is not an object',
    document: sampleWith((definition) => (definition['comparisons'] = ['StagingToProduction'])),
    path: 'SampleJSonService.comparisons[0]',
    message: /found the string "StagingToProduction"$/,
  },
  {
    name: 'requires a comparison name',
    document: sampleWith((definition) => delete comparisonAt(definition, 1)['name']),
    path: 'SampleJSonService.comparisons[1].name',
    message: 'is missing; expected the comparison name, a non-empty string',
  },
  {
    name: 'requires unique comparison names',
    document: sampleWith((definition) => (comparisonAt(definition, 2)['name'] = 'StagingToProduction')),
    path: 'SampleJSonService.comparisons[2].name',
    message:
      'expected a unique comparison name, found "StagingToProduction" again (first used by SampleJSonService.comparisons[0])',
  },
  {
    name: 'rejects a source environment that is not defined and lists the defined ones',
    document: sampleWith((definition) => (comparisonAt(definition, 1)['source'] = 'Prod')),
    path: 'SampleJSonService.comparisons[1].source',
    message: 'environment "Prod" is not defined; defined: Staging, Production',
  },
  {
    name: 'suggests the closest environment for a typo',
    document: sampleWith((definition) => (comparisonAt(definition, 0)['compare'] = 'Prodcution')),
    path: 'SampleJSonService.comparisons[0].compare',
    message:
      'environment "Prodcution" is not defined; defined: Staging, Production; did you mean "Production"?',
  },
  {
    name: 'does not find environments on the object prototype',
    document: sampleWith((definition) => (comparisonAt(definition, 0)['source'] = 'constructor')),
    path: 'SampleJSonService.comparisons[0].source',
    message: 'environment "constructor" is not defined; defined: Staging, Production',
  },
  {
    name: 'requires a compare environment',
    document: sampleWith((definition) => delete comparisonAt(definition, 0)['compare']),
    path: 'SampleJSonService.comparisons[0].compare',
    message: 'is missing; expected the name of the baseline environment',
  },
  {
    name: 'rejects scale factors that are not an object',
    document: sampleWith((definition) => (comparisonAt(definition, 0)['scalefactorperc'] = 15)),
    path: 'SampleJSonService.comparisons[0].scalefactorperc',
    message: /^expected an object like .*, found the number 15$/,
  },
  {
    name: 'rejects a scale factor of -100 or less',
    document: sampleWith(
      (definition) => (comparisonAt(definition, 0)['scalefactorperc'] = { default: -100 }),
    ),
    path: 'SampleJSonService.comparisons[0].scalefactorperc.default',
    message: /^expected a percentage greater than -100 .*, found the number -100$/,
  },
  {
    name: 'rejects a scale factor given as a string',
    document: sampleWith(
      (definition) => (comparisonAt(definition, 0)['scalefactorperc'] = { 'service.failurerate': '10' }),
    ),
    path: 'SampleJSonService.comparisons[0].scalefactorperc["service.failurerate"]',
    message: /^expected a percentage greater than -100 .*, found the string "10"$/,
  },
  {
    name: 'rejects two scale factors for one metric written with and without the prefix',
    document: sampleWith(
      (definition) =>
        (comparisonAt(definition, 0)['scalefactorperc'] = {
          'service.requestspermin': 80,
          'com.dynatrace.builtin:service.requestspermin': 90,
        }),
    ),
    path: 'SampleJSonService.comparisons[0].scalefactorperc["com.dynatrace.builtin:service.requestspermin"]',
    message: 'expected one scale factor per metric, found a second one for "service.requestspermin"',
  },
  {
    name: 'rejects a negative shift',
    document: sampleWith((definition) => (comparisonAt(definition, 1)['shiftcomparetimeframe'] = -60)),
    path: 'SampleJSonService.comparisons[1].shiftcomparetimeframe',
    message: /^expected a non-negative number of seconds .*, found the number -60$/,
  },
  {
    name: 'rejects a shift given as text',
    document: sampleWith((definition) => (comparisonAt(definition, 1)['shiftsourcetimeframe'] = '1h')),
    path: 'SampleJSonService.comparisons[1].shiftsourcetimeframe',
    message: /found the string "1h"$/,
  },
  {
    name: 'rejects an unknown missing-data policy',
    document: sampleWith((definition) => (comparisonAt(definition, 0)['onmissingsource'] = 'ignore')),
    path: 'SampleJSonService.comparisons[0].onmissingsource',
    message: 'expected one of fail, warn, pass, found the string "ignore"',
  },
];

describe('validateMonspec', () => {
  it('accepts the sample and normalises it', () => {
    const { monspec, warnings } = validateMonspec(sampleDocument());
    assert.deepEqual(warnings, []);
    const [definition] = monspec.definitions;
    assert.equal(definition?.key, 'SampleJSonService');
    assert.equal(definition?.etype, 'SERVICE');
    assert.deepEqual(definition?.environments[0], {
      name: 'Staging',
      match: { kind: 'tags', tags: [{ context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Staging' }] },
    });
    assert.deepEqual(definition?.comparisons[1], {
      name: 'StagingToProductionYesterday',
      path: 'SampleJSonService.comparisons[1]',
      source: 'Staging',
      compare: 'Production',
      defaultScaleFactor: 15,
      scaleFactorOverrides: [
        {
          key: 'com.dynatrace.builtin:service.requestspermin',
          metricId: 'service.requestspermin',
          percent: 90,
        },
      ],
      shiftSourceSeconds: 0,
      shiftCompareSeconds: 86400,
    });
    assert.deepEqual(definition?.perfsignature[3], {
      path: 'perfsignature[3]',
      metric: {
        kind: 'timeseries',
        written: 'com.dynatrace.builtin:service.requestspermin',
        id: 'service.requestspermin',
      },
      aggregate: 'count',
      validate: 'lower',
    });
  });

  it('applies the defaults: SERVICE, avg, upper, shifts of 0, no scale factors, no comparisons', () => {
    const { monspec } = validateMonspec({
      Minimal: {
        environments: { Staging: { entities: ['SERVICE-1'] } },
        perfsignature: [{ timeseries: 'service.responsetime' }],
      },
    });
    const [definition] = monspec.definitions;
    assert.equal(definition?.etype, 'SERVICE');
    assert.deepEqual(definition?.comparisons, []);
    assert.deepEqual(definition?.perfsignature[0], {
      path: 'perfsignature[0]',
      metric: { kind: 'timeseries', written: 'service.responsetime', id: 'service.responsetime' },
      aggregate: 'avg',
      validate: 'upper',
    });
  });

  it('defaults a tag context to CONTEXTLESS and keeps other contexts in any letter case', () => {
    const document = sampleWith((definition) => {
      stagingOf(definition)['tags'] = [
        { key: 'DeploymentGroup', value: 'Staging' },
        { context: 'contextless', key: 'team' },
        { context: 'Environment', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' },
      ];
    });
    const { monspec, warnings } = validateMonspec(document);
    assert.deepEqual(warnings, []);
    assert.deepEqual(monspec.definitions[0]?.environments[0]?.match, {
      kind: 'tags',
      tags: [
        { context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Staging' },
        { context: 'CONTEXTLESS', key: 'team' },
        { context: 'Environment', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' },
      ],
    });
  });

  it('reads numeric strings as limits', () => {
    const document = sampleWith((definition) =>
      Object.assign(entryAt(definition, 0), { upperlimit: ' 100 ', lowerlimit: '2.5e1' }),
    );
    const entry = validateMonspec(document).monspec.definitions[0]?.perfsignature[0];
    assert.equal(entry?.upperLimit, 100);
    assert.equal(entry?.lowerLimit, 25);
  });

  it('treats keys starting with "_" as comments at every level', () => {
    const document = sampleWith((definition) => {
      definition['_comment'] = 'definition';
      stagingOf(definition)['_note'] = { any: 'thing' };
      Object.assign(comparisonAt(definition, 0), {
        _comment_source: 'x',
        scalefactorperc: { default: 15, _old: 'text' },
      });
      Object.assign(entryAt(definition, 0), { _upperlimit: 100, _lowerlimit: 'not a number' });
    });
    document['_comment'] = ['top level'];
    const { monspec, warnings } = validateMonspec(document);
    assert.deepEqual(warnings, []);
    const entry = monspec.definitions[0]?.perfsignature[0];
    assert.equal(entry?.upperLimit, undefined, '_upperlimit is a disabled limit');
    assert.equal(entry?.lowerLimit, undefined);
  });

  it('classifies a metric containing "(" as a verbatim selector', () => {
    const document = sampleWith((definition) => {
      definition['perfsignature'] = [
        { metric: 'builtin:service.keyRequest.count.total:splitBy():sum' },
        { metric: 'calc:service.checkout' },
      ];
    });
    const entries = validateMonspec(document).monspec.definitions[0]?.perfsignature;
    assert.deepEqual(entries?.[0]?.metric, {
      kind: 'selector',
      written: 'builtin:service.keyRequest.count.total:splitBy():sum',
      selector: 'builtin:service.keyRequest.count.total:splitBy():sum',
    });
    assert.deepEqual(entries?.[1]?.metric, {
      kind: 'metric',
      written: 'calc:service.checkout',
      key: 'calc:service.checkout',
    });
  });

  it('accepts a definition without comparisons, which only targets entities', () => {
    const document = sampleWith((definition) => delete definition['comparisons']);
    assert.deepEqual(validateMonspec(document).monspec.definitions[0]?.comparisons, []);
  });

  describe('errors', () => {
    for (const testCase of ERROR_CASES) {
      it(testCase.name, () => {
        const { errors } = rejectionOf(testCase.document);
        const issue = errors.find((candidate) => candidate.path === testCase.path);
        assert.ok(issue, `no issue at ${testCase.path}; got ${JSON.stringify(errors)}`);
        if (typeof testCase.message === 'string') assert.equal(issue.message, testCase.message);
        else assert.match(issue.message, testCase.message);
      });
    }

    it('reports every error, not just the first, and counts the rest in the message', () => {
      const document = sampleWith((definition) => {
        comparisonAt(definition, 1)['source'] = 'Prod';
        comparisonAt(definition, 1)['compare'] = 'Prod';
        comparisonAt(definition, 2)['shiftcomparetimeframe'] = -1;
      });
      assert.throws(
        () => validateMonspec(document),
        (error: unknown) => {
          assert.ok(error instanceof MonspecValidationError);
          assert.equal(
            error.message,
            'monspec is invalid: SampleJSonService.comparisons[1].source: environment "Prod" is not defined; ' +
              'defined: Staging, Production (and 2 more issues)',
          );
          assert.deepEqual(
            error.issues.map((issue) => issue.path),
            [
              'SampleJSonService.comparisons[1].source',
              'SampleJSonService.comparisons[1].compare',
              'SampleJSonService.comparisons[2].shiftcomparetimeframe',
            ],
          );
          return true;
        },
      );
    });

    it('reports errors of several definitions', () => {
      const { errors } = rejectionOf({ A: { environments: {} }, B: [] });
      assert.deepEqual(
        errors.map((issue) => issue.path),
        ['A.environments', 'A.perfsignature', 'B'],
      );
    });

    it('does not blame comparisons for environments that failed their own validation', () => {
      const { errors } = rejectionOf(
        sampleWith((definition) => (stagingOf(definition)['tags'] = 'DeploymentGroup')),
      );
      assert.deepEqual(
        errors.map((issue) => issue.path),
        ['SampleJSonService.environments.Staging.tags'],
      );
    });

    it('points at a sibling key that is probably a typo of a missing one', () => {
      const document = sampleWith((definition) => {
        const comparison = comparisonAt(definition, 0);
        comparison['comapre'] = comparison['compare'] ?? null;
        delete comparison['compare'];
      });
      const { errors, warnings } = rejectionOf(document);
      assert.deepEqual(errors, [
        {
          path: 'SampleJSonService.comparisons[0].compare',
          message:
            'is missing; expected the name of the baseline environment (is "comapre" a typo of "compare"?)',
        },
      ]);
      assert.deepEqual(warnings, [
        {
          path: 'SampleJSonService.comparisons[0].comapre',
          message: 'unknown key "comapre" is ignored; did you mean "compare"?',
        },
      ]);
    });
  });

  describe('warnings', () => {
    function warningsOf(edit: (definition: { [key: string]: Json }) => void): readonly MonspecIssue[] {
      return validateMonspec(sampleWith(edit)).warnings;
    }

    it('warns about unknown keys with a suggestion when one is close', () => {
      assert.deepEqual(
        warningsOf((definition) => (entryAt(definition, 0)['agregate'] = 'avg')),
        [
          {
            path: 'SampleJSonService.perfsignature[0].agregate',
            message: 'unknown key "agregate" is ignored; did you mean "aggregate"?',
          },
        ],
      );
    });

    it('warns about unknown keys without a suggestion by listing the known ones', () => {
      assert.deepEqual(
        warningsOf((definition) => (stagingOf(definition)['region'] = 'eu')),
        [
          {
            path: 'SampleJSonService.environments.Staging.region',
            message:
              'unknown key "region" is ignored; known keys: tags, entities; prefix a key with "_" to mark it as a comment',
          },
        ],
      );
    });

    it('warns that tags are ignored when entities are also given', () => {
      assert.deepEqual(
        warningsOf((definition) => (stagingOf(definition)['entities'] = ['SERVICE-1A2B3C4D5E6F7A8B'])),
        [
          {
            path: 'SampleJSonService.environments.Staging.tags',
            message: 'is ignored because "entities" is also given (entities win)',
          },
        ],
      );
    });

    it('warns about a scale factor override that matches no entry, suggesting the closest one', () => {
      assert.deepEqual(
        warningsOf(
          (definition) => (comparisonAt(definition, 2)['scalefactorperc'] = { 'service.requestpermin': 80 }),
        ),
        [
          {
            path: 'SampleJSonService.comparisons[2].scalefactorperc["service.requestpermin"]',
            message: 'matches no perfsignature entry and is ignored; did you mean "service.requestspermin"?',
          },
        ],
      );
    });

    it('warns that a negative scale factor tightens the threshold', () => {
      const warnings = warningsOf(
        (definition) => (comparisonAt(definition, 0)['scalefactorperc'] = { default: -10 }),
      );
      assert.equal(warnings[0]?.path, 'SampleJSonService.comparisons[0].scalefactorperc.default');
      assert.match(warnings[0]?.message ?? '', /^a negative scale factor \(-10\) tightens the threshold/);
    });

    it('warns about comparing an environment with itself over the same window', () => {
      const warnings = warningsOf((definition) => (comparisonAt(definition, 2)['shiftcomparetimeframe'] = 0));
      assert.equal(warnings[0]?.path, 'SampleJSonService.comparisons[2]');
      assert.match(warnings[0]?.message ?? '', /^compares Staging with itself over the same window/);
    });

    it('warns about entity IDs of another type and about duplicates', () => {
      const warnings = warningsOf(
        (definition) => (stagingOf(definition)['entities'] = ['HOST-1', 'SERVICE-2', 'SERVICE-2']),
      );
      assert.deepEqual(
        warnings.map((warning) => [warning.path, warning.message]),
        [
          [
            'SampleJSonService.environments.Staging.entities[0]',
            '"HOST-1" is not a SERVICE ID (SERVICE-…); type(SERVICE) will not match it',
          ],
          ['SampleJSonService.environments.Staging.entities[2]', 'entity ID "SERVICE-2" is listed twice'],
          [
            'SampleJSonService.environments.Staging.tags',
            'is ignored because "entities" is also given (entities win)',
          ],
        ],
      );
    });

    it('warns about a tag context Dynatrace does not know', () => {
      const warnings = warningsOf(
        (definition) => (stagingOf(definition)['tags'] = [{ context: 'Enviroment', key: 'k' }]),
      );
      assert.equal(warnings[0]?.path, 'SampleJSonService.environments.Staging.tags[0].context');
      assert.match(warnings[0]?.message ?? '', /^"Enviroment" is not a Dynatrace tag context/);
    });

    it('accepts known tag contexts in any spelling', () => {
      const warnings = warningsOf(
        (definition) =>
          (stagingOf(definition)['tags'] = [
            { context: 'CloudFoundry', key: 'a' },
            { context: 'KUBERNETES', key: 'b' },
            { context: 'aws', key: 'c' },
          ]),
      );
      assert.deepEqual(warnings, []);
    });

    it('warns about a duplicated perfsignature entry', () => {
      const warnings = warningsOf((definition) =>
        (definition['perfsignature'] as Json[]).push({
          timeseries: 'service.responsetime',
          aggregate: 'max',
        }),
      );
      assert.deepEqual(warnings, [
        {
          path: 'SampleJSonService.perfsignature[4]',
          message: 'duplicates perfsignature[1]; the same check would run twice',
        },
      ]);
    });

    it('warns that an aggregate next to a full selector is ignored', () => {
      const warnings = warningsOf((definition) => {
        definition['perfsignature'] = [
          { metric: 'builtin:service.response.time:splitBy():avg', aggregate: 'max' },
        ];
        delete definition['comparisons'];
      });
      assert.deepEqual(warnings, [
        {
          path: 'SampleJSonService.perfsignature[0].aggregate',
          message: 'is ignored for a full metric selector; the aggregation in the selector applies',
        },
      ]);
    });
  });

  describe('robustness', () => {
    function assertReturnsOrRejects(value: unknown): void {
      try {
        validateMonspec(value);
      } catch (error) {
        if (!(error instanceof MonspecValidationError)) throw error;
        assert.ok(error.issues.length > 0);
        for (const issue of error.issues) {
          assert.equal(typeof issue.path, 'string');
          assert.equal(typeof issue.message, 'string');
        }
      }
    }

    it('returns or throws MonspecValidationError for any JSON value', () => {
      fc.assert(fc.property(fc.jsonValue(), assertReturnsOrRejects), { seed: PROPERTY_SEED, numRuns: 500 });
    });

    it('returns or throws MonspecValidationError for any mutation of a valid monspec', () => {
      fc.assert(
        fc.property(fc.array(mutationArbitrary(), { minLength: 1, maxLength: 4 }), (mutations) => {
          assertReturnsOrRejects(mutateDocument(sampleDocument(), mutations));
        }),
        { seed: PROPERTY_SEED, numRuns: 1000 },
      );
    });

    it('copes with keys that shadow Object.prototype members', () => {
      assertReturnsOrRejects(
        JSON.parse('{"__proto__": {"environments": 1}, "constructor": {}, "toString": []}'),
      );
      const document = JSON.parse(
        '{"S": {"environments": {"constructor": {"tags": [{"key": "k"}]}, "toString": {"entities": ["SERVICE-1"]}},' +
          '"perfsignature": [{"timeseries": "service.responsetime"}],' +
          '"comparisons": [{"name": "hasOwnProperty", "source": "constructor", "compare": "toString"}]}}',
      ) as unknown;
      const [definition] = validateMonspec(document).monspec.definitions;
      assert.deepEqual(
        definition?.environments.map((environment) => environment.name),
        ['constructor', 'toString'],
      );
      assert.equal(definition?.comparisons[0]?.compare, 'toString');
    });
  });
});
