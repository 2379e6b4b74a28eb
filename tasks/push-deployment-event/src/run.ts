import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

import { type DeploymentEventDescription } from '../../../lib/deployment-event/deployment-event-properties';
import {
  createDynatraceClient,
  DynatraceApiError,
  type DynatraceClient,
  type DynatraceClientOptions,
} from '../../../lib/dynatrace';
import { HttpError } from '../../../lib/http';
import { buildIngestEvent } from './build-ingest-event';
import { buildV1Event } from './build-v1-event';
import { type DeliveryAttempt } from './delivery-attempt';
import { describeDeployment } from './describe-deployment';
import { entitySelectorOf, type EventTarget } from './event-target';
import { InputName, type PushEventInputs, readInputs } from './inputs';
import { readPipelineContext } from './pipeline-context';
import { readDynatraceConnection } from './read-dynatrace-connection';
import { resolveEventTarget } from './resolve-event-target';
import { type Delivery, sendUntilMatched } from './send-until-matched';
import { sendV1Event } from './send-v1-event';
import { sendV2Event } from './send-v2-event';
import { type TaskIo, type TaskOutcome } from './task-io';

/** The output variable with the ids of the stored events (v2 correlation ids, v1 stored ids). */
export const CORRELATION_IDS_VARIABLE = 'DynatraceEventCorrelationIds';

const USER_AGENT = 'unbreakable-pipeline-push-deployment-event';

/** How a run ends. */
interface Conclusion {
  readonly outcome: TaskOutcome;
  readonly message: string;
}

/** What `run` needs besides the agent; replaced by fakes in tests. */
export interface RunDependencies {
  readonly createClient: (options: DynatraceClientOptions) => DynatraceClient;
  readonly readTextFile: (path: string) => Promise<string>;
  /** Waits between attempts that matched no entity. */
  readonly sleep: (ms: number) => Promise<void>;
}

/** The real dependencies. */
export const defaultRunDependencies: RunDependencies = {
  createClient: createDynatraceClient,
  readTextFile: (path) => readFile(path, 'utf8'),
  sleep: (ms) => delay(ms),
};

/**
 * Runs the task: reads the connection (masking the token first), the pipeline context and the inputs,
 * sends the event until an entity matches or the retries are used up, publishes the ids and sets the
 * result. It never throws and never exits the process: every failure becomes the task result, once.
 */
export async function run(io: TaskIo, dependencies: RunDependencies = defaultRunDependencies): Promise<void> {
  let conclusion: Conclusion;
  try {
    conclusion = await pushDeploymentEvent(io, dependencies);
  } catch (error) {
    conclusion = { outcome: 'Failed', message: describeFailure(error) };
  }
  io.setResult(conclusion.outcome, conclusion.message);
}

async function pushDeploymentEvent(io: TaskIo, dependencies: RunDependencies): Promise<Conclusion> {
  const connection = readDynatraceConnection(io);
  const context = readPipelineContext((name) => io.getVariable(name));
  const inputs = readInputs(io);
  const description = describeDeployment(inputs.deployment, context);
  const target = await resolveEventTarget(inputs.targeting, {
    readTextFile: dependencies.readTextFile,
    releaseStage: description.releaseStage,
  });
  const entitySelector = entitySelectorOf(target);
  const client = dependencies.createClient({
    environmentUrl: connection.environmentUrl,
    apiToken: connection.apiToken,
    logger: { debug: (line) => io.debug(line), warn: (line) => io.warning(line) },
    userAgent: USER_AGENT,
  });
  const send = prepareSend(inputs, description, target, client);

  if (description.deployment === undefined) {
    io.warning(
      'The task runs neither in a classic release nor in a pipeline stage, so the event carries no Azure DevOps ' +
        'identity and the self-healing function cannot roll this deployment back.',
    );
  }
  if (description.rollbackOfProblem !== undefined) {
    io.log(
      `This deployment is a rollback for Dynatrace problem ${description.rollbackOfProblem}; the event says so, ` +
        'and self-healing will not roll it back again.',
    );
  }
  io.log(
    `Sending a ${inputs.eventType} event "${description.name}" to ${connection.environmentUrl} ` +
      `(Events API ${inputs.apiVersion}), to the entities of ${target.origin}:`,
  );
  io.log(`  entity selector: ${entitySelector}`);
  for (const line of send.describe) io.log(`  ${line}`);

  const delivery = await sendUntilMatched(send.attempt, {
    retries: inputs.noMatch.retries,
    delayMs: inputs.noMatch.delaySeconds * 1000,
    sleep: dependencies.sleep,
    onUnmatched: (attempt, attempts) =>
      io.log(
        `No entity matches ${entitySelector} yet (attempt ${attempt} of ${attempts}; a new process gets its ` +
          `auto-tags a little late); trying again in ${inputs.noMatch.delaySeconds} s.`,
      ),
  });
  io.setVariable(CORRELATION_IDS_VARIABLE, delivery.matched ? delivery.ids.join(',') : '', {
    isOutput: true,
  });
  return conclude(delivery, inputs, description.name, entitySelector);
}

function conclude(
  delivery: Delivery,
  inputs: PushEventInputs,
  name: string,
  entitySelector: string,
): Conclusion {
  if (delivery.matched) {
    const entities = delivery.ids.length === 1 ? '1 entity' : `${delivery.ids.length} entities`;
    return {
      outcome: 'Succeeded',
      message: `Dynatrace stored the ${inputs.eventType} event "${name}" on ${entities} (ids: ${delivery.ids.join(', ')}).`,
    };
  }
  const tries = delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`;
  return {
    outcome: inputs.noMatch.behaviour === 'warn' ? 'SucceededWithIssues' : 'Failed',
    message:
      `No Dynatrace entity matches the entity selector ${entitySelector} after ${tries}, so no event was stored. ` +
      'Check that the entities carry these tags (auto-tagging rules), that they were active in the last 24 hours, ' +
      `and raise ${InputName.retries} or ${InputName.retryDelaySeconds} if new processes need longer to be tagged.`,
  };
}

/** The request body for the chosen API version, built once before any attempt. */
function prepareSend(
  inputs: PushEventInputs,
  description: DeploymentEventDescription,
  target: EventTarget,
  client: DynatraceClient,
): { readonly attempt: () => Promise<DeliveryAttempt>; readonly describe: readonly string[] } {
  if (inputs.apiVersion === 'v1') {
    const event = buildV1Event(inputs.eventType, description, target);
    return {
      attempt: () => sendV1Event(client, event),
      describe: [
        `attach rules: ${JSON.stringify(event.attachRules)}`,
        ...describeProperties({
          deploymentName: event.deploymentName,
          deploymentVersion: event.deploymentVersion,
          deploymentProject: event.deploymentProject,
          ciBackLink: event.ciBackLink,
          remediationAction: event.remediationAction,
          source: event.source,
          ...event.customProperties,
        }),
      ],
    };
  }
  const event = buildIngestEvent(inputs.eventType, description, target);
  return {
    attempt: () => sendV2Event(client, event),
    describe: describeProperties(event.properties ?? {}),
  };
}

function describeProperties(properties: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} = ${String(value)}`);
}

/** The task result message of a failure; every error class here builds secret-free messages. */
function describeFailure(error: unknown): string {
  if (error instanceof DynatraceApiError && (error.status === 401 || error.status === 403)) {
    return (
      `Could not send the event: ${error.message.replace(/\.?$/, '.')} Check the API token of the ` +
      `${InputName.connection} service connection: it needs the scope events.ingest (Events API v2) ` +
      'or DataExport (v1).'
    );
  }
  if (error instanceof HttpError) return `Could not send the event: ${error.message}`;
  if (error instanceof Error) return error.message;
  return `Unexpected failure: ${String(error)}`;
}
