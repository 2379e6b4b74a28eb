import { type DynatraceClient } from '../../../../lib/dynatrace';

/**
 * A DynatraceClient whose event calls are scripted; every other call fails loudly, because the task has no
 * business making it.
 */
export function fakeDynatraceClient(calls: {
  readonly ingestEvent?: DynatraceClient['ingestEvent'];
  readonly postEvent?: DynatraceClient['v1']['postEvent'];
}): DynatraceClient {
  const unused = (name: string) => (): Promise<never> =>
    Promise.reject(new Error(`the task must not call ${name}`));
  return {
    environmentUrl: 'https://abc12345.live.dynatrace.com',
    queryMetrics: unused('queryMetrics'),
    getMetricDescriptor: unused('getMetricDescriptor'),
    ingestEvent: calls.ingestEvent ?? unused('ingestEvent'),
    listEvents: unused('listEvents'),
    getEvent: unused('getEvent'),
    getProblem: unused('getProblem'),
    listProblems: unused('listProblems'),
    addProblemComment: unused('addProblemComment'),
    listProblemComments: unused('listProblemComments'),
    listEntities: unused('listEntities'),
    getEntity: unused('getEntity'),
    v1: {
      postEvent: calls.postEvent ?? unused('v1.postEvent'),
      listEvents: unused('v1.listEvents'),
      queryTimeseries: unused('v1.queryTimeseries'),
      getProblemDetails: unused('v1.getProblemDetails'),
      addProblemComment: unused('v1.addProblemComment'),
    },
  };
}
