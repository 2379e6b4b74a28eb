import { randomUUID } from 'node:crypto';

import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';

import { configureGate } from '../configure-gate';
import { type GateHandler } from '../create-gate-handler';
import { type GateErrorBody } from '../gate-response-body';
import { GateSettingsError } from '../gate-settings-error';

let configured: GateHandler | undefined;

/**
 * `POST /api/gate`: evaluates a monspec comparison against Dynatrace and answers pass, warning or fail
 * with a per-metric explanation (see createGateHandler). The app settings are read at the first request
 * rather than at load, so a misconfigured app answers every request with a 500 that names the setting,
 * which Azure DevOps shows in the gate log, instead of failing to start where nobody looks. With
 * `AzureWebJobsStorage` set, every verdict is recorded and the answer links to its report.
 */
export async function gate(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  if (configured === undefined) {
    try {
      const gateApp = configureGate(process.env);
      // Once per process: the app runs without history until its settings change and it restarts.
      if (gateApp.historyNotice !== undefined) context.warn(gateApp.historyNotice);
      configured = gateApp.handler;
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
