import assert from 'node:assert/strict';

import fc from 'fast-check';

import {
  evaluationRowKey,
  MAX_RECORDABLE_TIME,
  rowKeyTimeBound,
  SERIES_INDEX_PARTITION,
  seriesPartitionKey,
} from '../../../lib/store/evaluation-keys';

const time = fc.integer({ min: 0, max: MAX_RECORDABLE_TIME });
const id = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }));
/** Characters Table Storage forbids in keys: `/ \\ # ?` and control characters. */
const hasForbiddenCharacter = (key: string): boolean =>
  [...key].some((character) => {
    const code = character.charCodeAt(0);
    return '/\\#?'.includes(character) || code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });

describe('evaluation keys', () => {
  describe('seriesPartitionKey', () => {
    it('joins plain names with ~ so the table stays readable', () => {
      assert.equal(
        seriesPartitionKey('SampleJSonService', 'StagingToProduction'),
        'SampleJSonService~StagingToProduction',
      );
    });

    it('hashes names with characters Table Storage forbids in keys', () => {
      const key = seriesPartitionKey('checkout/api', 'Staging#1');
      assert.match(key, /^sha256-[0-9a-f]{64}$/);
    });

    it('gives different series different keys and never a forbidden character', () => {
      fc.assert(
        fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (s1, c1, s2, c2) => {
          fc.pre(s1 !== s2 || c1 !== c2);
          const a = seriesPartitionKey(s1, c1);
          assert.notEqual(a, seriesPartitionKey(s2, c2));
          assert.notEqual(a, SERIES_INDEX_PARTITION);
          assert.equal(hasForbiddenCharacter(a), false, a);
        }),
      );
    });
  });

  describe('evaluationRowKey', () => {
    it('sorts newer evaluations first', () => {
      fc.assert(
        fc.property(time, time, id, id, (t1, t2, id1, id2) => {
          fc.pre(t1 !== t2);
          const [newer, older] =
            t1 > t2
              ? [
                  [t1, id1],
                  [t2, id2],
                ]
              : [
                  [t2, id2],
                  [t1, id1],
                ];
          assert.ok(
            evaluationRowKey(newer[0] as number, newer[1] as string) <
              evaluationRowKey(older[0] as number, older[1] as string),
          );
        }),
      );
    });

    it('puts rows at or after a time before its bound and earlier rows after it', () => {
      fc.assert(
        fc.property(time, time, id, (evaluatedAt, bound, evaluationId) => {
          const key = evaluationRowKey(evaluatedAt, evaluationId);
          assert.equal(key < rowKeyTimeBound(bound), evaluatedAt >= bound);
        }),
      );
    });

    it('refuses times a 13-digit inverted key cannot hold', () => {
      assert.throws(() => evaluationRowKey(-1, 'x'), /from 0 to 9999999999999, found -1/);
      assert.throws(() => evaluationRowKey(1.5, 'x'), /found 1.5/);
      assert.throws(() => rowKeyTimeBound(MAX_RECORDABLE_TIME + 1), /found 10000000000000/);
    });
  });
});
