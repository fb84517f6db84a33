import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createShifoClient, ShifoError } from '../../src/index.js';
import { untilAborted } from '../../src/transport/abortable.js';
import { createTransport } from '../../src/transport/create-fetch.js';
import { delay, hang, json, outcome, startHostileServer, type HostileServer } from './support/hostile-server.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new assert.AssertionError({ message: 'expected the call to fail' });
}

function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

describe('transport: timeouts and the caller’s AbortSignal', () => {
  let server: HostileServer;

  before(async () => {
    server = await startHostileServer({
      '/fhir/Patient/slow': async ({ res }) => {
        await delay(2_000);
        json(res, 200, { resourceType: 'Patient', id: 'slow' });
      },
      '/fhir/Patient/dripping': async ({ res }) => {
        res.writeHead(200, { 'Content-Type': 'application/fhir+json' });
        res.write('{"resourceType":"Patient",');
        await delay(2_000);
        res.end('"id":"dripping"}');
      },
      '/fhir/Patient/hanging': () => hang(),
      '/fhir/Patient/throttled': ({ res }) => outcome(res, 503, 'transient', 'Busy.', { 'Retry-After': '5' }),
      '/fhir/Patient/long-wait': ({ res }) => outcome(res, 503, 'transient', 'Maintenance.', { 'Retry-After': '300' }),
      '/fhir/Patient/quick': ({ res }) => json(res, 200, { resourceType: 'Patient', id: 'quick' }),
    });
  });
  after(() => server.close());

  it('a response slower than timeoutMs is a timeout ShifoError', async () => {
    const shifo = createShifoClient({ baseUrl: server.url, auth: () => 't', timeoutMs: 300 });
    const error = await rejection(shifo.patients.get('slow'));
    assert.ok(error instanceof ShifoError);
    assert.equal(error.kind, 'timeout');
    assert.equal(error.retryable, true);
    assert.equal(server.count('/fhir/Patient/slow'), 1);
  });

  it('a body that stalls after the headers times out too', async () => {
    const shifo = createShifoClient({ baseUrl: server.url, auth: () => 't', timeoutMs: 300 });
    const error = await rejection(shifo.patients.get('dripping'));
    assert.ok(error instanceof ShifoError);
    assert.equal(error.kind, 'timeout');
  });

  it('the timeout covers retries and their waits: a Retry-After past the deadline ends with the last answer', async () => {
    const shifo = createShifoClient({ baseUrl: server.url, auth: () => 't', timeoutMs: 1_000 });
    const error = await rejection(shifo.patients.get('throttled'));
    assert.ok(error instanceof ShifoError);
    assert.equal(error.status, 503);
    assert.equal(server.count('/fhir/Patient/throttled'), 1);
  });

  it('aborting while the request is in flight rejects with the caller’s AbortError, not a ShifoError', async () => {
    const shifo = createShifoClient({ baseUrl: server.url, auth: () => 't' });
    const controller = new AbortController();
    const pending = shifo.patients.get('hanging', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    assert.ok(isAbortError(await rejection(pending)));
  });

  it('aborting during the backoff wait stops at once: no further attempt is made', async () => {
    const transport = createTransport({ retry: { attempts: 5, baseMs: 5, capMs: 600_000 }, timeoutMs: 0 });
    const controller = new AbortController();
    const before = server.count('/fhir/Patient/long-wait');
    // A keyed write: retried, and not shared with other callers, so only the backoff wait stands in the way.
    const pending = transport(
      new Request(`${server.url}/fhir/Patient/long-wait`, {
        method: 'POST',
        headers: { 'Idempotency-Key': '5e0f9c1e-3f6b-4c53-9a51-0b9a1d5c2e77' },
        body: '{}',
        signal: controller.signal,
      }),
    );
    const settled = pending.then(
      () => 'resolved',
      (error: unknown) => (isAbortError(error) ? 'aborted' : `failed: ${String(error)}`),
    );
    // The first answer asks for a five-minute wait; abort inside it.
    while (server.count('/fhir/Patient/long-wait') === before) await delay(10);
    await delay(50);
    controller.abort();
    // Settled before the event loop's next turn: the wait did not run on.
    const nextTurn = new Promise<string>((resolve) => setImmediate(() => resolve('still waiting')));
    assert.equal(await Promise.race([settled, nextTurn]), 'aborted');
    assert.equal(server.count('/fhir/Patient/long-wait') - before, 1);
  });

  it('a custom abort reason is what the caller gets back', async () => {
    const transport = createTransport();
    const controller = new AbortController();
    const reason = new Error('user left the page');
    const pending = transport(new Request(`${server.url}/fhir/Patient/hanging`, { signal: controller.signal }));
    setTimeout(() => controller.abort(reason), 50);
    assert.equal(await rejection(pending), reason);
  });

  it('an already aborted signal sends nothing', async () => {
    const transport = createTransport();
    const before = server.count('/fhir/Patient/quick');
    const error = await rejection(
      transport(new Request(`${server.url}/fhir/Patient/quick`, { signal: AbortSignal.abort() })),
    );
    assert.ok(isAbortError(error));
    assert.equal(server.count('/fhir/Patient/quick'), before);
  });

  it('a timeout is distinguishable from the caller’s abort', async () => {
    const transport = createTransport({ timeoutMs: 200 });
    const timedOut = await rejection(transport(new Request(`${server.url}/fhir/Patient/hanging`)));
    assert.ok(timedOut instanceof ShifoError && timedOut.kind === 'timeout');
    const controller = new AbortController();
    const pending = transport(new Request(`${server.url}/fhir/Patient/hanging`, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    assert.ok(isAbortError(await rejection(pending)));
  });
});

describe('untilAborted', () => {
  it('leaves no unhandled rejection when the signal was aborted before the promise failed', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const controller = new AbortController();
      controller.abort(new DOMException('stopped', 'AbortError'));
      let fail!: (reason: unknown) => void;
      const failing = new Promise<never>((_, reject) => (fail = reject));
      await assert.rejects(untilAborted(failing, controller.signal), { name: 'AbortError' });
      fail(new TypeError('fetch failed'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
