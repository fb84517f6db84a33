// `npm run bench`: the figures behind the budgets in DESIGN.md §6. Prints; asserts nothing.
import { startBrowserHarness } from './browser-harness.mjs';
import { bundleSize } from './bundle-size.mjs';
import { cardPaint, cardPaintRow } from './card-paint.mjs';
import { outboxFlush, outboxFlushRow } from './outbox-flush.mjs';
import { serverThroughput } from './server-throughput.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [];

const sdk = await bundleSize('bench/entries/sdk-minimal.ts');
rows.push([
  'SDK: createShifoCore + patient lookup (findByPinfl), min+gzip',
  kb(sdk.gzip),
  '≤ 8 KB',
  `${(sdk.gzip / 8192).toFixed(2)} of budget`,
]);

const full = await bundleSize('bench/entries/sdk-full.ts');
rows.push([
  'SDK: createShifoClient with every helper, min+gzip',
  kb(full.gzip),
  'none (informative)',
  `${(full.gzip / 8192).toFixed(2)} of the 8 KB client budget`,
]);

const offline = await bundleSize('bench/entries/sdk-offline.ts');
rows.push([
  'SDK with offline: the same app + offlineStorage (encrypted outbox and cache), min+gzip',
  kb(offline.gzip),
  '≤ 12 KB',
  `${(offline.gzip / 12288).toFixed(2)} of budget`,
]);

const offlineSummary = await bundleSize('bench/entries/sdk-offline-summary.ts');
rows.push([
  'SDK with offline and patients.summary (the card data, stale cache, $summary fallback), min+gzip',
  kb(offlineSummary.gzip),
  'none (informative)',
  `${(offlineSummary.gzip / 12288).toFixed(2)} of the 12 KB offline budget`,
]);

const card = await bundleSize('bench/entries/patient-card.ts');
rows.push([
  'Patient card alone (define/shifo-patient-card.js) + Lit + SDK, min+gzip',
  kb(card.gzip),
  'none (all ≤ 60 KB)',
  `${(card.gzip / 61440).toFixed(2)} of the all-components budget`,
]);

const all = await bundleSize('bench/entries/components-all.ts');
rows.push([
  'All components + Lit + SDK, min+gzip',
  kb(all.gzip),
  '≤ 60 KB',
  `${(all.gzip / 61440).toFixed(2)} of budget`,
]);

// In headless Chromium against an in-process mock server: the outbox flush and the card's paint.
const browser = await startBrowserHarness();
try {
  rows.push(outboxFlushRow(await outboxFlush({ harness: browser })));
  rows.push(cardPaintRow(await cardPaint({ harness: browser })));
} finally {
  await browser.close();
}

// Mock server against Prism on the same contract: GET Patient, Patient search by PINFL, MedicationRequest create.
rows.push(...(await serverThroughput()));

const width = Math.max(...rows.map((row) => row[0].length));
console.log(`\nShifo benchmarks (${new Date().toISOString()}, Node ${process.version})\n`);
for (const [what, figure, budget, ratio] of rows)
  console.log(`${what.padEnd(width)}  ${figure.padStart(9)}  budget ${budget}  (${ratio})`);
console.log('\nAnchors: Medplum client 34.9 KB, fhirclient 18.6 KB; @medplum/react 144.8 KB without React/Mantine.');
