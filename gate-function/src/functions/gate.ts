import { randomUUID } from 'node:crypto';

import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';

import { createGateHandler, type GateHandler } from '../create-gate-handler';
import { type GateErrorBody } from '../gate-response-body';
import { readGateSettings } from '../gate-settings';
import { GateSettingsError } from '../gate-settings-error';

let configured: GateHandler | undefined;

/**
 * `POST /api/gate`: evaluates a monspec comparison against Dynatrace and answers pass, warning or fail
 * with a per-metric explanation (see createGateHandler). The app settings are read at the first request
 * rather than at load, so a misconfigured app answers every request with a 500 that names the setting,
 * which Azure DevOps shows in the gate log, instead of failing to start where nobody looks.
 */
export async function gate(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  if (configured === undefined) {
    try {
      configured = createGateHandler({ settings: readGateSettings(process.env) });
    } catch (error) {
      if (!(error instanceof GateSettingsError)) throw error;
      context.error(error.message);
      const body: GateErrorBody = {
        status: 'error',
        evaluationId: randomUUID(),
        error: { message: error.message },
      };
      return { status: 500, jsonBody: body, headers: { 'Cache-Control': 'no-store' } };
    }
  }
  return configured(request, context);
}

app.http('gate', { methods: ['POST'], authLevel: 'function', route: 'gate', handler: gate });
