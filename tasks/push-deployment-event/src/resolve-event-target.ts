import {
  type EntityDefinition,
  MonspecValidationError,
  type MonspecEnvironment,
  parseMonspec,
} from '../../../lib/monspec';
import { type EventTarget } from './event-target';
import { InputError } from './input-error';
import { InputName, type TargetingInput } from './inputs';

/** What resolving a target may need besides the inputs. */
export interface TargetResolution {
  readonly readTextFile: (path: string) => Promise<string>;
  /** The release stage, the default of the monspec environment. */
  readonly releaseStage?: string;
}

/**
 * Turns the targeting inputs into the entities to send the event to; for a monspec, reads and validates the
 * file and picks the entity definition and environment.
 *
 * @throws InputError naming the input that points to an unreadable file, an invalid monspec, or a service
 *   or environment the monspec does not define (listing the ones it does).
 */
export async function resolveEventTarget(
  targeting: TargetingInput,
  resolution: TargetResolution,
): Promise<EventTarget> {
  switch (targeting.kind) {
    case 'tags':
      return {
        kind: 'environment',
        entityType: targeting.entityType,
        environment: { name: InputName.tags, match: { kind: 'tags', tags: targeting.tags } },
        origin: `the ${InputName.tags} input`,
        input: InputName.tags,
      };
    case 'entitySelector':
      return {
        kind: 'selector',
        entitySelector: targeting.entitySelector,
        origin: `the ${InputName.entitySelector} input`,
        input: InputName.entitySelector,
      };
    case 'monspec': {
      const definitions = await readDefinitions(targeting.file, resolution.readTextFile);
      const definition = pickDefinition(definitions, targeting.service);
      const environment = pickEnvironment(definition, targeting.environment, resolution.releaseStage);
      return {
        kind: 'environment',
        entityType: definition.etype,
        environment,
        origin: `environment "${environment.name}" of "${definition.key}" in ${targeting.file}`,
        input: InputName.monspecFile,
      };
    }
  }
}

async function readDefinitions(
  file: string,
  readTextFile: (path: string) => Promise<string>,
): Promise<readonly EntityDefinition[]> {
  let text: string;
  try {
    text = await readTextFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(InputName.monspecFile, `cannot read ${file}: ${reason}`, { cause: error });
  }
  try {
    return parseMonspec(text).monspec.definitions;
  } catch (error) {
    if (error instanceof MonspecValidationError) {
      throw new InputError(InputName.monspecFile, `${file} is not a valid monspec: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function pickDefinition(
  definitions: readonly EntityDefinition[],
  service: string | undefined,
): EntityDefinition {
  const names = definitions.map((definition) => definition.key).join(', ');
  if (service === undefined) {
    const [only, ...others] = definitions;
    if (only !== undefined && others.length === 0) return only;
    throw new InputError(
      InputName.monspecService,
      `is empty, but the monspec defines several services (${names}); name one of them`,
    );
  }
  const definition = definitions.find((candidate) => candidate.key === service);
  if (definition === undefined) {
    throw new InputError(
      InputName.monspecService,
      `"${service}" is not defined in the monspec; defined: ${names}`,
    );
  }
  return definition;
}

function pickEnvironment(
  definition: EntityDefinition,
  environment: string | undefined,
  releaseStage: string | undefined,
): MonspecEnvironment {
  const names = definition.environments.map((candidate) => candidate.name).join(', ');
  const wanted = environment ?? releaseStage;
  if (wanted === undefined) {
    throw new InputError(
      InputName.monspecEnvironment,
      `is empty and there is no release stage to default to; name one of ${names}`,
    );
  }
  const exact = definition.environments.find((candidate) => candidate.name === wanted);
  if (exact !== undefined) return exact;
  // Stage names are often written differently from monspec environments ("production" vs "Production").
  const loose = definition.environments.filter(
    (candidate) => candidate.name.toLowerCase() === wanted.toLowerCase(),
  );
  const [only, ...others] = loose;
  if (only !== undefined && others.length === 0) return only;
  const origin =
    environment === undefined ? ` (the release stage, as ${InputName.monspecEnvironment} is empty)` : '';
  throw new InputError(
    InputName.monspecEnvironment,
    `"${wanted}"${origin} is not an environment of "${definition.key}"; defined: ${names}`,
  );
}
