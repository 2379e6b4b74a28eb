import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, installed by scripts/ensure-chromium.sh; never a browser downloaded by a test tool. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags that keep Chromium from reaching out on its own (updates, sync, safe browsing, QUIC probes), so that
 * every request it makes is one the page made. `--no-sandbox` because CI runs as root. Playwright adds
 * `--headless` and a fresh, empty profile directory.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Installs Debian's Chromium when it is missing (first run only; needs apt-get) and launches it headless. */
export async function launchChromium(): Promise<Browser> {
  execFileSync(path.join(__dirname, '..', 'ensure-chromium.sh'), { stdio: ['ignore', 'ignore', 'inherit'] });
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] });
}
