// Renders the extension and task icons (SVG designs below) and images/*.svg diagrams to PNG with Debian's
// Chromium (`npx tsx scripts/render-icons.ts`). The PNGs are committed; re-run after changing a design.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

const ROOT = path.join(__dirname, '..');

const gradient = `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
  <stop offset="0" stop-color="#1496FF"/><stop offset="1" stop-color="#6F2DA8"/></linearGradient></defs>`;

/** A shield (unbreakable) with a check (the gate passed). */
const extensionIcon = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">${gradient}
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#bg)"/>
  <path d="M64 19 L101 32 V61 C101 85 85 101 64 109 C43 101 27 85 27 61 V32 Z" fill="none" stroke="#fff"
        stroke-width="7" stroke-linejoin="round"/>
  <path d="M46 63 L59 76 L84 49" fill="none" stroke="#fff" stroke-width="9" stroke-linecap="round"
        stroke-linejoin="round"/></svg>`;

/** The quality gate: the shield and check, drawn heavier for 32 px. */
const qualityGateIcon = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${gradient}
  <rect x="0.5" y="0.5" width="31" height="31" rx="7" fill="url(#bg)"/>
  <path d="M16 4.5 L25.5 8 V15.5 C25.5 21.5 21.5 25.5 16 27.5 C10.5 25.5 6.5 21.5 6.5 15.5 V8 Z" fill="none"
        stroke="#fff" stroke-width="2.2" stroke-linejoin="round"/>
  <path d="M11.5 16 L14.8 19.3 L20.8 12.8" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round"
        stroke-linejoin="round"/></svg>`;

/** The deployment event: an arrow pushed onto a timeline marker. */
const pushEventIcon = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${gradient}
  <rect x="0.5" y="0.5" width="31" height="31" rx="7" fill="url(#bg)"/>
  <path d="M5 24.5 H27" stroke="#fff" stroke-width="2.2" stroke-linecap="round" opacity="0.75"/>
  <circle cx="16" cy="24.5" r="3.2" fill="#fff"/>
  <path d="M16 18.5 V6.5 M11 11.5 L16 6.5 L21 11.5" fill="none" stroke="#fff" stroke-width="2.6"
        stroke-linecap="round" stroke-linejoin="round"/></svg>`;

const icons: readonly { readonly svg: string; readonly size: number; readonly file: string }[] = [
  { svg: extensionIcon, size: 128, file: 'images/extension-icon.png' },
  { svg: qualityGateIcon, size: 32, file: 'tasks/quality-gate/icon.png' },
  { svg: pushEventIcon, size: 32, file: 'tasks/push-deployment-event/icon.png' },
];

/** Diagrams drawn as SVG files in images/, rendered at twice their size for sharp display. */
const diagrams: readonly { readonly source: string; readonly width: number; readonly height: number }[] = [
  { source: 'images/architecture.svg', width: 960, height: 470 },
];

async function main(): Promise<void> {
  execFileSync(path.join(ROOT, 'scripts/ensure-chromium.sh'), { stdio: 'inherit' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    for (const icon of icons) {
      const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
      await page.setContent(`<html><body style="margin:0;background:transparent">${icon.svg}</body></html>`);
      await page.screenshot({
        path: path.join(ROOT, icon.file),
        omitBackground: true,
        clip: { x: 0, y: 0, width: icon.size, height: icon.size },
      });
      await page.close();
      console.log(`wrote ${icon.file} (${icon.size}×${icon.size})`);
    }
    for (const diagram of diagrams) {
      const page = await browser.newPage({
        viewport: { width: diagram.width, height: diagram.height },
        deviceScaleFactor: 2,
      });
      await page.setContent(
        `<html><body style="margin:0">${readFileSync(path.join(ROOT, diagram.source), 'utf8')}</body></html>`,
      );
      const file = diagram.source.replace(/\.svg$/, '.png');
      await page.screenshot({
        path: path.join(ROOT, file),
        clip: { x: 0, y: 0, width: diagram.width, height: diagram.height },
      });
      await page.close();
      console.log(`wrote ${file} (${diagram.width * 2}×${diagram.height * 2})`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
