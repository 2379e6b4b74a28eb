import assert from 'node:assert/strict';

import { escapeHtml, Markup, markup } from '../../../../gate-function/src/report/markup';

describe('markup', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes every interpolated text and number, in content and in attributes', () => {
    const hostile = `"><script>alert('x')</script>`;
    const fragment = markup`<p title="${hostile}">${hostile} ${42}</p>`;
    assert.equal(
      fragment.text,
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 42</p>',
    );
  });

  it('inserts fragments unchanged, flattens lists and skips nothing-values', () => {
    const items = ['<a>', 'b'].map((item) => markup`<li>${item}</li>`);
    const fragment = markup`<ul>${items}${undefined}${null}${false}</ul>${new Markup('<hr>')}`;
    assert.equal(fragment.text, '<ul><li>&lt;a&gt;</li><li>b</li></ul><hr>');
    assert.equal(String(fragment), fragment.text);
  });
});
