import { app } from '@azure/functions';

import { createEvaluationsHandler } from '../create-evaluations-handler';
import { historyFromSettings } from '../open-history';

/**
 * `GET /api/evaluations`: the recorded gate evaluations as JSON, newest first, filtered by `service`,
 * `comparison`, `since` and `limit`. Function-key protected like the gate. The settings are read per request
 * (the table client is shared), so a misconfigured app answers with a 500 naming the setting.
 */
export const evaluations = createEvaluationsHandler({ history: () => historyFromSettings(process.env) });

app.http('evaluations', {
  methods: ['GET'],
  authLevel: 'function',
  route: 'evaluations',
  handler: evaluations,
});
