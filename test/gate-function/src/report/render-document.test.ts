import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { markup } from '../../../../gate-function/src/report/markup';
import { renderDocument, REPORT_HEADERS } from '../../../../gate-function/src/report/render-document';

describe('renderDocument', () => {
  const document = renderDocument('A <title>', markup`<p>body</p>`);

  it('escapes the title and wraps the body', () => {
    assert.match(document, /<title>A &lt;title&gt;<\/title>/);
    assert.match(document, /<main>\n<p>body<\/p>\n<\/main>/);
  });

  it('declares both colour schemes and a dark palette', () => {
    assert.match(document, /<meta name="color-scheme" content="light dark">/);
    assert.match(document, /@media \(prefers-color-scheme: dark\)/);
  });

  it('allows exactly its own style block by hash, and nothing else, in its Content-Security-Policy', () => {
    const style = /<style>([\s\S]*)<\/style>/.exec(document)?.[1] ?? '';
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    assert.equal(
      REPORT_HEADERS['Content-Security-Policy'],
      `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
  });

  it('is not cached, not sniffed, and sends no referrer (the address may hold the function key)', () => {
    assert.equal(REPORT_HEADERS['Cache-Control'], 'no-store');
    assert.equal(REPORT_HEADERS['X-Content-Type-Options'], 'nosniff');
    assert.equal(REPORT_HEADERS['Referrer-Policy'], 'no-referrer');
    assert.equal(REPORT_HEADERS['Content-Type'], 'text/html; charset=utf-8');
  });
});
