import { isAbsolute, resolve } from 'node:path';

import { ENTITY_TYPES, type EntityType, type MonspecTag } from '../../../lib/monspec';
import { InputError } from './input-error';
import { createInputReader, type InputReader } from './input-reader';
import { parseCustomProperties } from './parse-custom-properties';
import { parseTagLines } from './parse-tag-lines';
import { type TaskIo } from './task-io';

/** The input names of task.json; a test keeps the two in step. */
export const InputName = {
  connection: 'dynatraceConnection',
  eventType: 'eventType',
  targeting: 'targeting',
  entityType: 'entityType',
  tags: 'tags',
  entitySelector: 'entitySelector',
  monspecFile: 'monspecFile',
  monspecService: 'monspecService',
  monspecEnvironment: 'monspecEnvironment',
  deploymentName: 'deploymentName',
  deploymentVersion: 'deploymentVersion',
  deploymentProject: 'deploymentProject',
  releaseStage: 'releaseStage',
  ciBackLink: 'ciBackLink',
  remediationActionLink: 'remediationActionLink',
  customProperties: 'customProperties',
  apiVersion: 'apiVersion',
  retries: 'retriesWhenNoEntityMatches',
  retryDelaySeconds: 'retryDelaySeconds',
  whenNoEntityMatches: 'whenNoEntityMatches',
} as const;

/** The event types the task offers: the informational ones, which never open a problem. */
export const EVENT_TYPES = [
  'CUSTOM_DEPLOYMENT',
  'CUSTOM_INFO',
  'CUSTOM_ANNOTATION',
  'CUSTOM_CONFIGURATION',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const TARGETING_MODES = ['tags', 'entitySelector', 'monspec'] as const;
export const API_VERSIONS = ['v2', 'v1'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const NO_MATCH_BEHAVIOURS = ['fail', 'warn'] as const;
export type NoMatchBehaviour = (typeof NO_MATCH_BEHAVIOURS)[number];

/** Bounds of the retry inputs: generous, but a typo must not park an agent for hours. */
export const MAX_RETRIES = 50;
export const MAX_RETRY_DELAY_SECONDS = 3600;

/** How the entities are chosen, as the inputs say it. */
export type TargetingInput =
  | { readonly kind: 'tags'; readonly entityType: EntityType; readonly tags: readonly MonspecTag[] }
  | { readonly kind: 'entitySelector'; readonly entitySelector: string }
  | {
      readonly kind: 'monspec';
      /** Absolute path. */
      readonly file: string;
      /** Empty input: the monspec's only entity definition. */
      readonly service?: string;
      /** Empty input: the release stage. */
      readonly environment?: string;
    };

/** The deployment details the user gave; empty inputs stay `undefined` and get pipeline defaults later. */
export interface DeploymentInputs {
  readonly name?: string;
  readonly version?: string;
  readonly project?: string;
  readonly releaseStage?: string;
  readonly ciBackLink?: string;
  readonly remediationActionLink?: string;
  readonly customProperties: Readonly<Record<string, string>>;
}

/** Every input except the service connection (see `readDynatraceConnection`), validated. */
export interface PushEventInputs {
  readonly eventType: EventType;
  readonly targeting: TargetingInput;
  readonly deployment: DeploymentInputs;
  readonly apiVersion: ApiVersion;
  readonly noMatch: {
    readonly retries: number;
    readonly delaySeconds: number;
    readonly behaviour: NoMatchBehaviour;
  };
}

/**
 * Reads and validates the inputs.
 *
 * @throws InputError naming the first unusable input, what was found and what is accepted.
 */
export function readInputs(io: Pick<TaskIo, 'getInput' | 'getVariable'>): PushEventInputs {
  const read = createInputReader(io);
  return {
    eventType: read.choice(InputName.eventType, EVENT_TYPES, 'CUSTOM_DEPLOYMENT'),
    targeting: readTargeting(read, io.getVariable('System.DefaultWorkingDirectory')),
    deployment: {
      name: read.text(InputName.deploymentName),
      version: read.text(InputName.deploymentVersion),
      project: read.text(InputName.deploymentProject),
      releaseStage: read.text(InputName.releaseStage),
      ciBackLink: read.link(InputName.ciBackLink),
      remediationActionLink: read.link(InputName.remediationActionLink),
      customProperties: parseCustomProperties(
        read.text(InputName.customProperties) ?? '',
        InputName.customProperties,
      ),
    },
    apiVersion: read.choice(InputName.apiVersion, API_VERSIONS, 'v2'),
    noMatch: {
      retries: read.wholeNumber(InputName.retries, MAX_RETRIES, 3),
      delaySeconds: read.wholeNumber(InputName.retryDelaySeconds, MAX_RETRY_DELAY_SECONDS, 15),
      behaviour: read.choice(InputName.whenNoEntityMatches, NO_MATCH_BEHAVIOURS, 'fail'),
    },
  };
}

function readTargeting(read: InputReader, workingDirectory: string | undefined): TargetingInput {
  const mode = read.choice(InputName.targeting, TARGETING_MODES, 'tags');
  const why = `when ${InputName.targeting} is ${mode}`;
  switch (mode) {
    case 'tags':
      return {
        kind: 'tags',
        entityType: read.choice(InputName.entityType, ENTITY_TYPES, 'SERVICE'),
        tags: parseTagLines(read.required(InputName.tags, why), InputName.tags),
      };
    case 'entitySelector': {
      const entitySelector = read.required(InputName.entitySelector, why);
      if (/[\r\n]/.test(entitySelector)) {
        throw new InputError(InputName.entitySelector, 'must be a single line');
      }
      return { kind: 'entitySelector', entitySelector };
    }
    case 'monspec': {
      const file = read.required(InputName.monspecFile, why);
      const base = workingDirectory?.trim() ?? '';
      const service = read.text(InputName.monspecService);
      const environment = read.text(InputName.monspecEnvironment);
      return {
        kind: 'monspec',
        file: isAbsolute(file) || base === '' ? resolve(file) : resolve(base, file),
        ...(service === undefined ? {} : { service }),
        ...(environment === undefined ? {} : { environment }),
      };
    }
  }
}
