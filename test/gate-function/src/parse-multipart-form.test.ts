import assert from 'node:assert/strict';

import fc from 'fast-check';

import { MultipartFormError } from '../../../gate-function/src/multipart-form-error';
import { parseMultipartForm, readMultipartBoundary } from '../../../gate-function/src/parse-multipart-form';

const BOUNDARY = '----unbreakable-gate-4f1c9a2e7d';

/** Encodes fields the way the quality-gate task's body template does. */
function encode(fields: readonly (readonly [string, string])[], lineBreak = '\r\n'): string {
  const parts = fields.map(
    ([name, value]) =>
      `--${BOUNDARY}${lineBreak}Content-Disposition: form-data; name="${name}"${lineBreak}${lineBreak}${value}${lineBreak}`,
  );
  return `${parts.join('')}--${BOUNDARY}--${lineBreak}`;
}

describe('readMultipartBoundary', () => {
  it('reads a plain and a quoted boundary', () => {
    assert.equal(readMultipartBoundary(`multipart/form-data; boundary=${BOUNDARY}`), BOUNDARY);
    assert.equal(readMultipartBoundary('multipart/form-data; charset=utf-8; boundary="a b:c"'), 'a b:c');
  });

  it('refuses a missing or overlong boundary', () => {
    assert.throws(() => readMultipartBoundary('multipart/form-data'), MultipartFormError);
    assert.throws(() => readMultipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`), /1 to 70/);
  });
});

describe('parseMultipartForm', () => {
  it('keeps quotes, backslashes, line breaks and non-ASCII text of values intact', () => {
    const value = 'a "quoted" \\ back\\slash\nnew\r\nline\r\n--almost-a-boundary\n{"k": "v\\"w"} Größe ✓';
    assert.deepEqual(parseMultipartForm(encode([['monspec', value]]), BOUNDARY), [
      { name: 'monspec', value },
    ]);
  });

  it('reads empty values, duplicates and file parts', () => {
    const body =
      encode([
        ['service', ''],
        ['service', 'x'],
      ]).replace(`--${BOUNDARY}--\r\n`, '') +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="monspec"; filename="m.json"\r\nContent-Type: application/json\r\n\r\n{}\r\n--${BOUNDARY}--`;
    assert.deepEqual(parseMultipartForm(body, BOUNDARY), [
      { name: 'service', value: '' },
      { name: 'service', value: 'x' },
      { name: 'monspec', value: '{}', filename: 'm.json' },
    ]);
  });

  it('accepts LF line breaks, a preamble and an epilogue', () => {
    const body = `preamble\n${encode(
      [
        ['a', 'one'],
        ['b', 'two'],
      ],
      '\n',
    )}epilogue`;
    assert.deepEqual(parseMultipartForm(body, BOUNDARY), [
      { name: 'a', value: 'one' },
      { name: 'b', value: 'two' },
    ]);
  });

  it('reads a quoted name with an escaped quote', () => {
    const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="we\\"ird"\r\n\r\nv\r\n--${BOUNDARY}--\r\n`;
    assert.deepEqual(parseMultipartForm(body, BOUNDARY), [{ name: 'we"ird', value: 'v' }]);
  });

  it('says that a value contains the boundary line when it does', () => {
    const body = encode([['monspec', `before\r\n--${BOUNDARY}\r\nafter`]]);
    assert.throws(
      () => parseMultipartForm(body, BOUNDARY),
      /part 2: expected a header line .* found "after".*cannot contain a line starting with the boundary/,
    );
  });

  it('says when the body ends without a closing boundary', () => {
    const body = encode([['service', 'x']]).replace(`--${BOUNDARY}--\r\n`, '');
    assert.throws(
      () => parseMultipartForm(body, BOUNDARY),
      /part 1 \(field "service"\) is not followed by a boundary line/,
    );
  });

  it('says when the boundary of the Content-Type does not occur in the body', () => {
    assert.throws(
      () => parseMultipartForm(encode([['a', 'b']]), 'other'),
      /contains no boundary line "--other"/,
    );
  });

  it('refuses a part without a form-data Content-Disposition', () => {
    const body = `--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nv\r\n--${BOUNDARY}--`;
    assert.throws(
      () => parseMultipartForm(body, BOUNDARY),
      /part 1: expected 'Content-Disposition: form-data; name="…"', found no Content-Disposition header/,
    );
  });

  it('round-trips any values that contain no boundary line', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/);
    const value = fc
      .string({ unit: 'grapheme', maxLength: 200 })
      .filter((text) => !text.includes(`--${BOUNDARY}`));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, value), { maxLength: 8 }),
        fc.constantFrom('\r\n', '\n'),
        (fields, lineBreak) => {
          // With LF line breaks a value's own trailing CR would read as part of a CRLF; the task always sends CRLF.
          const usable = lineBreak === '\n' ? fields.filter(([, text]) => !text.endsWith('\r')) : fields;
          const parsed = parseMultipartForm(encode(usable, lineBreak), BOUNDARY);
          assert.deepEqual(
            parsed,
            usable.map(([fieldName, text]) => ({ name: fieldName, value: text })),
          );
        },
      ),
    );
  });
});
