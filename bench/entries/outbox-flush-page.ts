// Page for bench/outbox-flush.mjs: queues writes while the network is cut, then times the outbox's flush.
import { createShifoClient, offlineStorage, writesOf } from '@shifo/sdk';

export interface OutboxFlushInput {
  baseUrl: string;
  token: string;
  patientId: string;
  writes: number;
}

export interface OutboxFlushFigures {
  queueMs: number;
  flushMs: number;
  sent: number;
  failed: number;
  remaining: number;
  /** Requests the flush made (the creates, plus one CapabilityStatement read). */
  requests: number;
  /** Time the flush spent waiting for answers: request sent → response read (network + server). */
  waitingMs: number;
}

function heartRate(patientId: string, index: number): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }], text: 'Heart rate' },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString(),
    valueQuantity: { value: 50 + (index % 100), unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  };
}

/** What the same creates cost sent one after another with bare `fetch`: the network's and server's share. */
async function plainCreates(input: OutboxFlushInput): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < input.writes; index += 1) {
    const response = await fetch(`${input.baseUrl}/fhir/Observation`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${input.token}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(heartRate(input.patientId, input.writes + index)),
    });
    await response.arrayBuffer();
  }
  return performance.now() - started;
}

async function run(input: OutboxFlushInput): Promise<OutboxFlushFigures> {
  let down = true;
  let requests = 0;
  let waitingMs = 0;
  // A network the page can cut: refused before it leaves while `down`, as a dead link would.
  const fetch = async (request: Request): Promise<Response> => {
    if (down) throw new TypeError('Failed to fetch');
    const started = performance.now();
    const response = await globalThis.fetch(request);
    const body = await response.arrayBuffer();
    waitingMs += performance.now() - started;
    requests += 1;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const client = createShifoClient({
    baseUrl: input.baseUrl,
    auth: () => input.token,
    fetch,
    retry: false,
    offline: offlineStorage({ tenant: 'bench', user: crypto.randomUUID(), autoFlush: false }),
  });
  const writes = writesOf(client.context);
  const queueStarted = performance.now();
  for (let index = 0; index < input.writes; index += 1) {
    const result = await writes.write({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(input.patientId, index),
    });
    if (result.status !== 'queued') throw new Error(`write ${index} was ${result.status}, not queued`);
  }
  const queueMs = performance.now() - queueStarted;
  client.offline!.reachability.close(); // no probes during the measurement
  down = false;
  requests = 0;
  waitingMs = 0;
  const flushStarted = performance.now();
  const result = await client.offline!.outbox.flush();
  const flushMs = performance.now() - flushStarted;
  await client.signOut();
  return { queueMs, flushMs, ...result, requests, waitingMs };
}

Object.assign(globalThis, { benchOutboxFlush: run, benchPlainCreates: plainCreates });
