// Takes a screenshot of a page with Debian's headless Chromium: `node scripts/screenshot.mjs URL OUT.png [WxH]`.
// Used for the pictures in README.md and docs/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumHelp, findChromium } from './find-chromium.mjs';

const [url, out, size = '1280,800'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png [WIDTH,HEIGHT]');
  process.exit(2);
}
const chromium = findChromium();
if (!chromium) {
  console.error(chromiumHelp);
  process.exit(1);
}
const result = spawnSync(
  chromium,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--hide-scrollbars',
    `--user-data-dir=${mkdtempSync(join(tmpdir(), 'shifo-shot-'))}`,
    `--window-size=${size}`,
    '--virtual-time-budget=8000',
    `--screenshot=${resolve(out)}`,
    url,
  ],
  { encoding: 'utf8' },
);
if (result.status !== 0) {
  console.error(result.stderr);
  process.exit(result.status ?? 1);
}
console.log(`wrote ${out}`);
