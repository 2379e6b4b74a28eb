import { app } from '@azure/functions';

import { createReportHandler } from '../create-report-handler';
import { historyFromSettings } from '../open-history';

/**
 * `GET /api/report`: the build-validation report of a service and comparison (`?service=…&comparison=…`,
 * optionally `&evaluation=<id>`), or the list of recorded series. HTML with inline SVG charts, no script.
 * Function-key protected like the gate: open it with `&code=<function key>`.
 */
export const report = createReportHandler({ history: () => historyFromSettings(process.env) });

app.http('report', { methods: ['GET'], authLevel: 'function', route: 'report', handler: report });
