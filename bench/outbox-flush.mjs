// Outbox flush (DESIGN.md §6: 1,000 queued writes flushed to the local mock server in ≤ 5 s, 0 duplicates). A page
// in headless Chromium queues the writes with the network cut, then flushes; the server's store is counted after.
//
//   node bench/outbox-flush.mjs [--writes 1000]   (after `npm run build`)
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBrowserHarness } from './browser-harness.mjs';

const REQUEST_ID_SYSTEM = 'urn:shifo:request-id';

/** A patient only this run writes to, so what the server holds for it is exactly what the flush sent. */
async function createPatient(baseUrl, token) {
  const response = await fetch(`${baseUrl}/fhir/Patient`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Patient',
      identifier: [{ system: REQUEST_ID_SYSTEM, value: crypto.randomUUID() }],
      name: [{ family: 'Benchmarkova', given: ['Outbox'] }],
      gender: 'female',
      birthDate: '1990-01-01',
    }),
  });
  if (response.status !== 201) throw new Error(`could not create the bench patient: ${response.status}`);
  return (await response.json()).id;
}

/** Observations of the patient in the server's store, by request id: how many, how many distinct. */
function countOnServer(mock, patientId) {
  const ids = [];
  for (const resource of mock.state.store.all('Observation')) {
    if (resource.subject?.reference !== `Patient/${patientId}`) continue;
    const id = resource.identifier?.find((identifier) => identifier.system === REQUEST_ID_SYSTEM)?.value;
    if (id) ids.push(id);
  }
  return { total: ids.length, distinct: new Set(ids).size };
}

/** The mock's own timings (its request log) of the creates it handled since `since` (epoch ms). */
function serverTimings(mock, since) {
  return mock.state.requestLog
    .filter((entry) => entry.method === 'POST' && entry.route === '/fhir/Observation' && Date.parse(entry.at) >= since)
    .map((entry) => entry.durationMs);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};

/** Runs the flush once in `harness` (or a harness of its own) and returns the figures. */
export async function outboxFlush({ writes = 1000, harness } = {}) {
  const own = harness ?? (await startBrowserHarness());
  try {
    const token = await own.tokenFor('doctor');
    const patientId = await createPatient(own.mock.url, token);
    const page = await own.open('bench/entries/outbox-flush-page.ts', 'benchOutboxFlush');
    const since = Date.now();
    const figures = await page.evaluate((input) => globalThis.benchOutboxFlush(input), {
      baseUrl: own.mock.url,
      token,
      patientId,
      writes,
    });
    const serverTimes = serverTimings(own.mock, since);
    const held = countOnServer(own.mock, patientId);
    // The floor: the same creates by bare sequential fetch from the same page (no request ids: not counted above).
    const plainMs = await page.evaluate((input) => globalThis.benchPlainCreates(input), {
      baseUrl: own.mock.url,
      token,
      patientId,
      writes,
    });
    await page.close();
    return {
      ...figures,
      plainMs,
      writes,
      held: held.total,
      duplicates: held.total - held.distinct,
      missing: writes - held.distinct,
      serverMs: serverTimes.reduce((sum, ms) => sum + ms, 0),
      serverMedianMs: median(serverTimes),
      serverSamples: serverTimes.length,
    };
  } finally {
    if (!harness) await own.close();
  }
}

/** The row for bench/run.mjs, and a line on where the time went. */
export function outboxFlushRow(figures) {
  const perWrite = figures.flushMs / figures.writes;
  const clientMs = figures.flushMs - figures.waitingMs;
  return [
    `Outbox: ${figures.writes.toLocaleString('en-US')} queued writes flushed (Chromium → mock), duplicates`,
    `${(figures.flushMs / 1000).toFixed(2)} s, ${figures.duplicates}`,
    '≤ 5 s, 0',
    `${(figures.flushMs / 5000).toFixed(2)} of budget; sent ${figures.sent}, missing ${figures.missing}; ` +
      `${perWrite.toFixed(1)} ms/write: waiting for answers ${(figures.waitingMs / 1000).toFixed(2)} s ` +
      `(server handler ${(figures.serverMs / 1000).toFixed(2)} s, median ${figures.serverMedianMs.toFixed(2)} ms), ` +
      `in the page (IndexedDB, crypto) ${(clientMs / 1000).toFixed(2)} s; queueing took ${(figures.queueMs / 1000).toFixed(2)} s; ` +
      `floor: the same creates by plain sequential fetch took ${(figures.plainMs / 1000).toFixed(2)} s`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { writes: { type: 'string', default: '1000' } } });
  const figures = await outboxFlush({ writes: Number(values.writes) });
  console.log(figures);
  console.log(outboxFlushRow(figures).join('  '));
}
