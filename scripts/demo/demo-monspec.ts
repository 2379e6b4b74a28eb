/** A monspec as JSON: the gate validates it, the push task reads it from the agent's working directory. */
export type MonspecDocument = Readonly<Record<string, unknown>>;

/** The entity definition the demo evaluates and deploys. */
export const DEMO_SERVICE = 'SampleJSonService';

/** The comparison of the pre-deployment gate of Production: the new build in Staging against Production. */
export const STAGING_GATE = 'StagingToProduction';

/** The comparison of the post-deployment gate of Production: Production now against an hour ago. */
export const PRODUCTION_GATE = 'ProductionToProductionLastHour';

/**
 * Seed 002's monspec for the sample app, as a team would keep it next to its code: Staging and Production
 * found by their DeploymentGroup tags, the tutorial's performance signature (average and maximum response
 * time, failure rate, request count), and the two comparisons the demo's gates use.
 */
export const DEMO_MONSPEC: MonspecDocument = {
  [DEMO_SERVICE]: {
    etype: 'SERVICE',
    environments: {
      Staging: { tags: [{ context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Staging' }] },
      Production: { tags: [{ context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Production' }] },
    },
    comparisons: [
      {
        name: STAGING_GATE,
        source: 'Staging',
        compare: 'Production',
        // Staging serves a load test, a fraction of Production's traffic: only the request count gets slack.
        scalefactorperc: { default: 15, 'com.dynatrace.builtin:service.requestspermin': 90 },
      },
      {
        name: PRODUCTION_GATE,
        source: 'Production',
        compare: 'Production',
        scalefactorperc: { default: 15 },
        shiftcomparetimeframe: 3600,
      },
    ],
    perfsignature: [
      { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'avg' },
      { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'max' },
      { timeseries: 'com.dynatrace.builtin:service.failurerate', aggregate: 'avg' },
      { timeseries: 'com.dynatrace.builtin:service.requestspermin', aggregate: 'count', validate: 'lower' },
    ],
  },
};
