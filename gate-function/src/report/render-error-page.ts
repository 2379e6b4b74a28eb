import { markup } from './markup';
import { renderDocument } from './render-document';

/** A report page that could not be shown: what went wrong, and a way back to the list of reports. */
export function renderErrorPage(status: number, message: string): string {
  const body = markup`<header>
  <p class="crumbs"><a href="report">All reports</a></p>
  <h1>The report cannot be shown <span class="muted">(HTTP ${status})</span></h1>
</header>
<p class="notice" role="alert">${message}</p>`;
  return renderDocument(`Report unavailable (HTTP ${status})`, body);
}
