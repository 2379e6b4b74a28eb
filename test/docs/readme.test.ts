import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { DeploymentEventProperty } from '../../lib/deployment-event/deployment-event-properties';
import { parseMonspec } from '../../lib/monspec';

const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

/** The contents of every fenced block of the given language. */
function codeBlocks(markdown: string, language: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm');
  for (const match of markdown.matchAll(fence)) blocks.push(match[1] ?? '');
  return blocks;
}

describe('README.md', () => {
  it('shows the quick-start test command', () => {
    assert.match(readme, /npm ci && npm test/);
  });

  it('has monspec examples that validate without warnings', () => {
    const examples = codeBlocks(readme, 'jsonc');
    assert.ok(examples.length > 0);
    for (const example of examples) {
      const { warnings } = parseMonspec(example);
      assert.deepEqual(warnings, []);
    }
  });

  it('documents every property of the deployment event contract', () => {
    const contract = readme.slice(readme.indexOf('### The deployment event property contract'));
    for (const property of Object.values(DeploymentEventProperty)) {
      assert.ok(
        contract.includes(`\`${property}\``),
        `${property} is not documented in the contract section`,
      );
    }
  });
});
