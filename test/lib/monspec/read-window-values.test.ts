import assert from 'node:assert/strict';
import { MetricResponseError } from '../../../lib/monspec/metric-response-error';
import { MonspecRequestError } from '../../../lib/monspec/monspec-request-error';
import { readWindowValues, type MetricSeriesResponse } from '../../../lib/monspec/read-window-values';
import { planScenario } from './monspec-test-kit';

function single(metricId: string, value: number | null): MetricSeriesResponse['result'][number] {
  return { metricId, data: [{ values: [value] }] };
}

describe('readWindowValues', () => {
  const plan = planScenario(
    [
      { timeseries: 'service.responsetime' },
      { timeseries: 'service.responsetime', aggregate: 'count' },
      { timeseries: 'service.failurerate' },
      { timeseries: 'service.requestspermin', aggregate: 'count', validate: 'lower' },
      { metric: 'builtin:host.cpu.usage' },
      { metric: 'builtin:service.response.time:splitBy():avg' },
    ],
    {},
    { windowMinutes: 5 },
  );

  it('converts each value to its display unit', () => {
    const values = readWindowValues(plan.source, plan, [
      {
        result: [
          single('builtin:service.response.time:splitBy():avg', 123_456),
          single('builtin:service.response.time:splitBy():count', 4200),
          single('builtin:service.errors.total.rate:splitBy():avg', 1.25),
          single('builtin:service.requestCount.total:splitBy():sum', 1000),
          single('builtin:host.cpu.usage:splitBy():avg', 42.5),
        ],
      },
    ]);
    assert.deepEqual(
      [...values],
      [
        ['perfsignature[0]', 123.456],
        ['perfsignature[1]', 4200],
        ['perfsignature[2]', 1.25],
        ['perfsignature[3]', 200],
        ['perfsignature[4]', 42.5],
        ['perfsignature[5]', 123_456],
      ],
    );
  });

  it('reads results spread over several responses and ignores results it did not ask for', () => {
    const values = readWindowValues(plan.source, plan, [
      { result: [single('builtin:service.errors.total.rate:splitBy():avg', 2)] },
      {
        result: [
          single('builtin:unrelated:splitBy():avg', 99),
          single('builtin:host.cpu.usage:splitBy():avg', 7),
        ],
      },
    ]);
    assert.equal(values.get('perfsignature[2]'), 2);
    assert.equal(values.get('perfsignature[4]'), 7);
    assert.equal(values.get('perfsignature[0]'), null);
  });

  it('treats no series, no value and a null value as missing data', () => {
    const values = readWindowValues(plan.source, plan, [
      {
        result: [
          { metricId: 'builtin:service.response.time:splitBy():avg', data: [] },
          { metricId: 'builtin:service.errors.total.rate:splitBy():avg', data: [{ values: [] }] },
          single('builtin:service.requestCount.total:splitBy():sum', null),
        ],
      },
    ]);
    assert.equal(values.get('perfsignature[0]'), null);
    assert.equal(values.get('perfsignature[2]'), null);
    assert.equal(values.get('perfsignature[3]'), null);
    assert.equal(values.size, plan.entries.length);
  });

  it('matches a verbatim selector whose echo differs only in whitespace', () => {
    const spaced = planScenario([{ metric: 'builtin:service.response.time:splitBy() :avg' }]);
    const values = readWindowValues(spaced.source, spaced, [
      { result: [single('builtin:service.response.time:splitBy():avg', 5)] },
    ]);
    assert.equal(values.get('perfsignature[0]'), 5);
  });

  it('rejects a verbatim selector that yields several series', () => {
    const split = planScenario([
      { metric: 'builtin:service.response.time:splitBy("dt.entity.service"):avg' },
    ]);
    assert.throws(
      () =>
        readWindowValues(split.source, split, [
          {
            result: [
              {
                metricId: 'builtin:service.response.time:splitBy("dt.entity.service"):avg',
                data: [{ values: [1] }, { values: [2] }],
              },
            ],
          },
        ]),
      (error: unknown) =>
        error instanceof MonspecRequestError &&
        error.path === 'SampleJSonService.perfsignature[0]' &&
        /returned 2 series in Staging; a perfsignature selector must merge all entities into one series/.test(
          error.message,
        ),
    );
  });

  const malformed: readonly [string, unknown, string][] = [
    ['a body without result', {}, 'responses[0].result: expected a list of metric results, found nothing'],
    [
      'a result without metricId',
      { result: [{ data: [] }] },
      'responses[0].result[0].metricId: expected a string, found nothing',
    ],
    [
      'a result without data',
      { result: [{ metricId: 'x' }] },
      'responses[0].result[0].data: expected a list of series, found nothing',
    ],
    [
      'a series without values',
      { result: [{ metricId: 'x', data: [{}] }] },
      'responses[0].result[0].data[0].values: expected a list of values, found nothing',
    ],
    [
      'a value that is not a number',
      { result: [{ metricId: 'x', data: [{ values: ['1'] }] }] },
      'responses[0].result[0].data[0].values[0]: expected a number or null, found the string "1"',
    ],
    [
      'a series with several time slots',
      { result: [{ metricId: 'x', data: [{ values: [1, 2] }] }] },
      'responses[0].result[0].data[0].values: expected one value per series (query with resolution=Inf), found 2',
    ],
  ];
  for (const [what, body, message] of malformed) {
    it(`rejects ${what} with its path`, () => {
      assert.throws(
        () => readWindowValues(plan.source, plan, [body as MetricSeriesResponse]),
        (error: unknown) => error instanceof MetricResponseError && error.message === message,
      );
    });
  }
});
