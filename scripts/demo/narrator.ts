/**
 * Tells the demo's story: plain lines, steps stamped with the demo clock, and indented blocks (gate tables,
 * problem comments). Every line also goes into `lines`, so the summary and the tests can read what was told.
 */
export class Narrator {
  readonly lines: string[] = [];

  constructor(
    private readonly write: (line: string) => void,
    private readonly clock: () => number,
  ) {}

  /** A line as it is. */
  say(text = ''): void {
    for (const line of text.split('\n')) {
      this.lines.push(line);
      this.write(line);
    }
  }

  /** A heading with an underline. */
  heading(text: string): void {
    this.say();
    this.say(text);
    this.say('─'.repeat(Math.min(text.length, 100)));
  }

  /** One step of the story, stamped with the demo clock (`12:06`, UTC). */
  step(text: string): void {
    const stamp = new Date(this.clock()).toISOString().slice(11, 16);
    const [first = '', ...rest] = text.split('\n');
    this.say(`  ${stamp}  ${first}`);
    for (const line of rest) this.say(`         ${line}`);
  }

  /** An indented block, e.g. a gate's Markdown verdict. */
  block(text: string): void {
    for (const line of text.trimEnd().split('\n')) this.say(`         │ ${line}`.trimEnd());
  }
}

/** A demo-clock time as the narration and the summary show it: ISO 8601, UTC, to the second. */
export function formatDemoTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
