import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MonspecValidationError } from '../../../lib/monspec/monspec-validation-error';
import { parseMonspec } from '../../../lib/monspec/parse-monspec';
import { planEvaluation } from '../../../lib/monspec/plan-evaluation';
import { END_MS } from './monspec-test-kit';

function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/monspec', name), 'utf8');
}

function rejectionOf(text: string): MonspecValidationError {
  try {
    parseMonspec(text);
  } catch (error) {
    assert.ok(
      error instanceof MonspecValidationError,
      `expected MonspecValidationError, got ${String(error)}`,
    );
    return error;
  }
  return assert.fail('expected the monspec to be rejected');
}

const SEED_SELECTORS = [
  'builtin:service.response.time:splitBy():avg',
  'builtin:service.response.time:splitBy():max',
  'builtin:service.errors.total.rate:splitBy():avg',
  'builtin:service.requestCount.total:splitBy():sum',
];

describe('parseMonspec', () => {
  describe('the seed 002 sample (JSONC with comments and trailing commas)', () => {
    const { monspec, warnings } = parseMonspec(fixture('seed-002-sample-app.jsonc'));

    it('parses without warnings', () => {
      assert.deepEqual(warnings, []);
      assert.deepEqual(
        monspec.definitions.map((definition) => [definition.key, definition.name, definition.etype]),
        [['SampleJSonService', 'SampleNodeJsService', 'SERVICE']],
      );
    });

    it('keeps the commented-out limits disabled', () => {
      const [first] = monspec.definitions[0]?.perfsignature ?? [];
      assert.equal(first?.upperLimit, undefined);
      assert.equal(first?.lowerLimit, undefined);
    });

    it('plans StagingToProduction with tag selectors and one query per window', () => {
      const plan = planEvaluation(monspec, {
        service: 'SampleJSonService',
        comparison: 'StagingToProduction',
        windowMinutes: 5,
        endMs: END_MS,
      });
      assert.equal(plan.source.entitySelector, 'type(SERVICE),tag("DeploymentGroup:Staging")');
      assert.equal(plan.compare.entitySelector, 'type(SERVICE),tag("DeploymentGroup:Production")');
      assert.deepEqual(plan.source.queries, [
        { metricSelector: SEED_SELECTORS.join(','), selectors: SEED_SELECTORS },
      ]);
      assert.deepEqual(
        plan.entries.map((entry) => [
          entry.label,
          entry.aggregate,
          entry.validate,
          entry.scaleFactor,
          entry.unit,
        ]),
        [
          ['Response time', 'avg', 'upper', 15, 'ms'],
          ['Response time', 'max', 'upper', 15, 'ms'],
          ['Failure rate', 'avg', 'upper', 15, '%'],
          ['Requests per minute', 'count', 'lower', 90, 'req/min'],
        ],
      );
    });

    it('plans StagingToProductionYesterday one day back', () => {
      const plan = planEvaluation(monspec, {
        service: 'SampleJSonService',
        comparison: 'StagingToProductionYesterday',
        windowMinutes: 5,
        endMs: END_MS,
      });
      assert.deepEqual([plan.source.fromMs, plan.source.toMs], [END_MS - 300_000, END_MS]);
      assert.deepEqual(
        [plan.compare.fromMs, plan.compare.toMs],
        [END_MS - 86_400_000 - 300_000, END_MS - 86_400_000],
      );
    });

    it('plans StagingToStagingLastHour against Staging an hour earlier', () => {
      const plan = planEvaluation(monspec, {
        service: 'SampleJSonService',
        comparison: 'StagingToStagingLastHour',
        windowMinutes: 10,
        endMs: END_MS,
      });
      assert.equal(plan.compare.entitySelector, 'type(SERVICE),tag("DeploymentGroup:Staging")');
      assert.deepEqual(
        [plan.compare.fromMs, plan.compare.toMs],
        [END_MS - 3_600_000 - 600_000, END_MS - 3_600_000],
      );
      assert.deepEqual(
        plan.entries.map((entry) => entry.scaleFactor),
        [10, 10, 10, 10],
      );
    });
  });

  describe('the VSTS-style sample (plain JSON with _comment keys)', () => {
    const { monspec, warnings } = parseMonspec(fixture('vsts-style.json'));

    it('parses without warnings and plans [Environment] tag selectors', () => {
      assert.deepEqual(warnings, []);
      const plan = planEvaluation(monspec, {
        service: 'SampleJSonService',
        comparison: 'StagingToProduction',
        windowMinutes: 5,
        endMs: END_MS,
      });
      assert.equal(
        plan.source.entitySelector,
        'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Staging")',
      );
      assert.equal(
        plan.compare.entitySelector,
        'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Production")',
      );
      assert.deepEqual(
        plan.entries.map((entry) => entry.scaleFactor),
        [30, 30, 30, 90],
      );
      assert.deepEqual(plan.source.queries[0]?.selectors, SEED_SELECTORS);
    });
  });

  describe('the full AWS tutorial monspec', () => {
    it('is rejected for its smartscape entries and servicemethods block, at their paths', () => {
      const error = rejectionOf(fixture('aws-full-with-unsupported.json'));
      assert.deepEqual(
        error.issues.map((issue) => issue.path),
        [
          'SampleJSonService.servicemethods',
          'SampleJSonService.perfsignature[4].smartscape',
          'SampleJSonService.perfsignature[5].smartscape',
        ],
      );
      assert.match(error.issues[0]?.message ?? '', /^servicemethods are not supported; /);
      assert.match(
        error.issues[1]?.message ?? '',
        /^smartscape entries are not supported: .*"toRelationships:calls"/,
      );
      assert.match(
        error.issues[2]?.message ?? '',
        /^smartscape entries are not supported: .*"fromRelationships:runsOn"/,
      );
      assert.match(
        error.message,
        /^monspec is invalid: SampleJSonService\.servicemethods: .* \(and 2 more issues\)$/,
      );
    });
  });

  it('turns a syntax error into a validation error that names line and column', () => {
    const error = rejectionOf('{\n  "SampleJSonService": {\n    "etype": "SERVICE"\n    "name": "x"\n  }\n}');
    assert.deepEqual(error.issues, [
      {
        path: '',
        message: "not valid JSON: line 4, column 5: expected ',' or '}' after the property value, found '\"'",
      },
    ]);
    assert.equal(
      error.message,
      "monspec is invalid: not valid JSON: line 4, column 5: expected ',' or '}' after the property value, found '\"'",
    );
  });

  it('validates what it parsed', () => {
    const error = rejectionOf('// just a comment\n{ "_comment": "empty", }');
    assert.match(error.issues[0]?.message ?? '', /found no entity definition/);
  });
});
