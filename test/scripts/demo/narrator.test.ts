import assert from 'node:assert/strict';

import { Narrator, formatDemoTime } from '../../../scripts/demo/narrator';

describe('Narrator', () => {
  const NOW = Date.UTC(2026, 0, 15, 9, 41, 27);

  function narrator(): { narrator: Narrator; written: string[] } {
    const written: string[] = [];
    return {
      narrator: new Narrator(
        (line) => written.push(line),
        () => NOW,
      ),
      written,
    };
  }

  it('writes every line and keeps it', () => {
    const { narrator: story, written } = narrator();
    story.say('one\ntwo');
    story.say();
    assert.deepEqual(written, ['one', 'two', '']);
    assert.deepEqual(story.lines, written);
  });

  it('underlines headings after a blank line', () => {
    const { narrator: story, written } = narrator();
    story.heading('Story 1');
    assert.deepEqual(written, ['', 'Story 1', '───────']);
  });

  it('stamps steps with the demo clock and indents their continuation lines', () => {
    const { narrator: story, written } = narrator();
    story.step('Dynatrace opened a problem:\nthe reason');
    assert.deepEqual(written, ['  09:41  Dynatrace opened a problem:', '         the reason']);
  });

  it('sets blocks off with a bar, blank lines included, without trailing spaces', () => {
    const { narrator: story, written } = narrator();
    story.block('## PASS\n\n| a |\n');
    assert.deepEqual(written, ['         │ ## PASS', '         │', '         │ | a |']);
  });
});

describe('formatDemoTime', () => {
  it('shows a time as ISO 8601 UTC to the second', () => {
    assert.equal(formatDemoTime(Date.UTC(2026, 0, 15, 9, 41, 27, 512)), '2026-01-15T09:41:27Z');
  });
});
