import assert from 'node:assert/strict';

import {
  decodeEventPage,
  decodeMetricData,
  decodeProblem,
  decodeTimeseriesResult,
  decodeV1ProblemDetailsEnvelope,
} from '../../../lib/dynatrace/dynatrace-decoders';
import { decode, WireFormatError } from '../../../lib/http/wire-decoders';

// Payloads as documented (api-facts.md §A.3, §A.5, §A.6, §A.7).

describe('Dynatrace decoders', () => {
  it('decode a metrics query answer, keeping null values and the remainder series', () => {
    const data = decode(decodeMetricData, {
      totalCount: 2,
      nextPageKey: null,
      resolution: '1m',
      warnings: [],
      result: [
        {
          metricId: 'builtin:host.cpu.usage:fold',
          dataPointCountRatio: 1.8e-5,
          dimensionCountRatio: 3.0e-5,
          data: [
            {
              dimensions: ['HOST-0990886B7D39FE29'],
              dimensionMap: { 'dt.entity.host': 'HOST-0990886B7D39FE29' },
              timestamps: [1589455320000, 1589455380000],
              values: [79.0, null],
            },
            { dimensions: null, dimensionMap: null, timestamps: [1], values: [1] },
          ],
        },
      ],
    });
    assert.equal(data.result[0]?.data[0]?.values[1], null);
    assert.equal(data.result[0]?.data[1]?.dimensions, null);
    assert.equal('nextPageKey' in data, false);
  });

  it('decode an event page, with string property values and the open end time', () => {
    const page = decode(decodeEventPage, {
      totalCount: 28,
      pageSize: 2,
      nextPageKey: 'AQAN',
      warnings: [],
      events: [
        {
          eventId: '-9195326388738983252_1669651221408',
          startTime: 1669651221408,
          endTime: -1,
          eventType: 'AVAILABILITY_EVENT',
          title: 'Host unavailable',
          entityId: { entityId: { id: 'HOST-E371A974A078CC54', type: 'HOST' }, name: 'frontend-dev' },
          properties: [{ key: 'dt.event.is_rootcause_relevant', value: 'true' }],
          status: 'OPEN',
          correlationId: '458a73c38677f1ac',
          entityTags: [
            { context: 'CONTEXTLESS', key: 'stage', value: 'dev', stringRepresentation: 'stage:dev' },
          ],
          managementZones: [{ id: '4067143719293196613', name: 'dev' }],
          underMaintenance: false,
          suppressAlert: false,
          suppressProblem: false,
          frequentEvent: false,
        },
      ],
    });
    assert.equal(page.nextPageKey, 'AQAN');
    assert.equal(page.events[0]?.entityId?.entityId.id, 'HOST-E371A974A078CC54');
    assert.deepEqual(page.events[0]?.properties, [{ key: 'dt.event.is_rootcause_relevant', value: 'true' }]);
  });

  it('decode a problem, defaulting entity lists Dynatrace left out', () => {
    const problem = decode(decodeProblem, {
      problemId: '-6478017825120311599_1641223491837V2',
      displayId: 'P-22013994',
      title: 'Response time degradation',
      impactLevel: 'SERVICES',
      severityLevel: 'PERFORMANCE',
      status: 'OPEN',
      startTime: 1641223491837,
      endTime: -1,
      rootCauseEntity: null,
      linkedProblemInfo: null,
      recentComments: {
        totalCount: 1,
        pageSize: 1,
        nextPageKey: null,
        comments: [{ id: '1', createdAtTimestamp: 1, content: 'hi', authorName: 'a', context: 'c' }],
      },
    });
    assert.deepEqual(problem.affectedEntities, []);
    assert.deepEqual(problem.impactedEntities, []);
    assert.equal(problem.rootCauseEntity, undefined);
    assert.equal(problem.recentComments?.comments[0]?.content, 'hi');
  });

  it('decode v1 timeseries data points from dataResult, or from result on very old environments', () => {
    const points = {
      'SERVICE-123': [
        [1534921560000, 1750.0],
        [1534921620000, null],
      ],
    };
    const current = decode(decodeTimeseriesResult, {
      timeseriesId: 'com.dynatrace.builtin:service.responsetime',
      unit: 'MicroSecond (µs)',
      dataResult: {
        dataPoints: points,
        unit: 'MicroSecond (µs)',
        resolutionInMillisUTC: 60000,
        aggregationType: 'AVG',
        entities: { 'SERVICE-123': 'ItemsController' },
      },
    });
    const legacy = decode(decodeTimeseriesResult, {
      timeseriesId: 'com.dynatrace.builtin:service.responsetime',
      result: { dataPoints: points },
    });
    assert.deepEqual(current.dataResult.dataPoints['SERVICE-123'], [
      [1534921560000, 1750],
      [1534921620000, null],
    ]);
    assert.deepEqual(legacy.dataResult.dataPoints, current.dataResult.dataPoints);
  });

  it('say that data points are missing when a timeseries answer has none', () => {
    assert.throws(
      () => decode(decodeTimeseriesResult, { timeseriesId: 'x' }),
      (error: unknown) => error instanceof WireFormatError && /includeData=true/.test(error.message),
    );
  });

  it('unwrap v1 problem details from result', () => {
    const details = decode(decodeV1ProblemDetailsEnvelope, {
      result: {
        id: '-1_2V2',
        displayName: '173',
        startTime: 1,
        endTime: -1,
        impactLevel: 'SERVICE',
        severityLevel: 'PERFORMANCE',
        status: 'OPEN',
        rankedImpacts: [
          {
            entityId: 'SERVICE-1',
            entityName: 'carts',
            severityLevel: 'PERFORMANCE',
            impactLevel: 'SERVICE',
            eventType: 'SERVICE_RESPONSE_TIME_DEGRADED',
          },
        ],
        affectedCounts: { INFRASTRUCTURE: 0, SERVICE: 1, APPLICATION: 0, ENVIRONMENT: 0 },
      },
    });
    assert.equal(details.displayName, '173');
    assert.equal(details.rankedImpacts?.[0]?.entityId, 'SERVICE-1');
  });

  it('name the path of a mismatch', () => {
    assert.throws(
      () =>
        decode(decodeMetricData, {
          totalCount: 1,
          result: [
            { metricId: 'm', data: [{ dimensions: [], dimensionMap: {}, timestamps: [1], values: ['1'] }] },
          ],
        }),
      /at \$\.result\[0\]\.data\[0\]\.values\[0\]: expected a number, found the string "1"/,
    );
  });
});
