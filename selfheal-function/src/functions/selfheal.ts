import { app } from '@azure/functions';
import { createSelfHealHandler } from '../create-selfheal-handler';
import { createSelfHealDependencies, type SelfHealDependencies } from '../selfheal-dependencies';
import { readSelfHealSettings } from '../selfheal-settings';

let dependencies: SelfHealDependencies | undefined;

/**
 * The settings are read on the first request rather than at import, so that a misconfigured app still
 * loads and answers with a 500 that names the faulty setting; afterwards the clients are reused.
 */
function sharedDependencies(): SelfHealDependencies {
  dependencies ??= createSelfHealDependencies(readSelfHealSettings(process.env));
  return dependencies;
}

/** `POST /api/selfheal`: a Dynatrace problem notification (custom integration webhook). */
export const selfheal = createSelfHealHandler(sharedDependencies);

app.http('selfheal', {
  methods: ['POST'],
  authLevel: 'function',
  route: 'selfheal',
  handler: selfheal,
});
