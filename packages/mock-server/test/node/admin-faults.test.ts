import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { outcomeOf, startHarness, type Harness } from './harness.js';

interface LogEntry {
  route: string;
  status: number;
  fault: string | null;
}

describe('fault injection (/__admin/faults)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ seed: 'none' });
  });
  after(() => h.close());
  afterEach(async () => {
    const cleared = await fetch(`${h.url}/__admin/faults`, { method: 'DELETE' });
    assert.equal(cleared.status, 204);
  });

  async function setFaults(config: unknown) {
    const response = await fetch(`${h.url}/__admin/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(config),
    });
    const body = (await response.json()) as Record<string, unknown>;
    h.assertMatchesContract('setFaults', response, body);
    assert.equal(response.status, 200);
    return body;
  }
  const metadata = () => fetch(`${h.url}/fhir/metadata`);
  async function lastLogged(route: string): Promise<LogEntry | undefined> {
    const log = (await (await fetch(`${h.url}/__admin/requests?limit=50`)).json()) as { requests: LogEntry[] };
    return log.requests.find((entry) => entry.route === route);
  }

  it('stores the configuration and reads it back as the contract describes it', async () => {
    const config = {
      latencyMs: 5,
      jitterMs: 5,
      errorRate: 0,
      routes: [{ pattern: '/fhir/MedicationRequest', method: 'POST', burst429: 3, retryAfterSeconds: 2 }],
    };
    assert.deepEqual(await setFaults(config), config);
    const response = await fetch(`${h.url}/__admin/faults`);
    const body = (await response.json()) as unknown;
    h.assertMatchesContract('getFaults', response, body);
    assert.deepEqual(body, config);
  });

  it('refuses a configuration the contract does not allow', async () => {
    const response = await fetch(`${h.url}/__admin/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ errorRate: 2, routes: [{ pattern: '/fhir/**', dropRate: -1 }] }),
    });
    assert.equal(response.status, 400);
    const outcome = await outcomeOf(response);
    assert.ok(outcome.issue.some((issue) => issue.expression?.some((e) => e.includes('errorRate'))));
  });

  it('adds latency (a lower bound; jitter only adds)', async () => {
    await setFaults({ latencyMs: 250, jitterMs: 50 });
    const started = performance.now();
    const response = await metadata();
    const elapsed = performance.now() - started;
    assert.equal(response.status, 200);
    assert.ok(elapsed >= 245, `answered after ${elapsed.toFixed(0)} ms`);
    assert.equal((await lastLogged('/fhir/metadata'))?.fault, 'latency');
  });

  it('answers an error rate with 5xx OperationOutcomes marked fault-injected', async () => {
    await setFaults({ errorRate: 1, errorStatus: 502 });
    const response = await metadata();
    assert.equal(response.status, 502);
    const outcome = (await outcomeOf(response)) as {
      issue: { code: string; details?: { coding: { code: string }[] } }[];
    };
    assert.equal(outcome.issue[0]?.code, 'transient');
    assert.ok(outcome.issue[0]?.details?.coding.some((coding) => coding.code === 'fault-injected'));

    await setFaults({ errorRate: 1 });
    assert.equal((await metadata()).status, 503, 'errorStatus defaults to 503');
    assert.equal((await lastLogged('/fhir/metadata'))?.fault, 'error');
  });

  it('serves a 429 burst of exactly N with Retry-After, even to concurrent requests', async () => {
    await setFaults({ burst429: 3, retryAfterSeconds: 2 });
    const responses = await Promise.all(Array.from({ length: 8 }, () => metadata()));
    const throttled = responses.filter((response) => response.status === 429);
    assert.equal(throttled.length, 3);
    assert.equal(responses.filter((response) => response.status === 200).length, 5);
    for (const response of throttled) {
      assert.equal(response.headers.get('retry-after'), '2');
      const outcome = await outcomeOf(response);
      assert.equal(outcome.issue[0]?.code, 'throttled');
    }
    const after = (await (await fetch(`${h.url}/__admin/faults`)).json()) as { burst429: number };
    assert.equal(after.burst429, 0, 'the burst is used up');
  });

  it('drops connections without an answer', async () => {
    await setFaults({ dropRate: 1 });
    await assert.rejects(metadata(), TypeError);
    const entry = await lastLogged('/fhir/metadata');
    assert.equal(entry?.fault, 'drop');
    assert.equal(entry?.status, 0);
  });

  it('goes offline for everything but /__admin, and comes back when cleared', async () => {
    await setFaults({ offline: true });
    await assert.rejects(metadata(), TypeError);
    await assert.rejects(fetch(`${h.url}/openapi.json`), TypeError);
    await assert.rejects(fetch(`${h.url}/no/such/path`), TypeError);
    const admin = await fetch(`${h.url}/__admin/users`);
    assert.equal(admin.status, 200, '/__admin is never faulted');

    assert.equal((await fetch(`${h.url}/__admin/faults`, { method: 'DELETE' })).status, 204);
    assert.equal((await metadata()).status, 200);
  });

  it('applies per-route rules by path glob and method; the first matching route wins over the global fields', async () => {
    await setFaults({
      offline: true,
      routes: [
        { pattern: '/fhir/metadata', method: 'GET' },
        { pattern: '/.well-known/*', errorRate: 1, errorStatus: 500 },
        { pattern: '/fhir/**', errorRate: 1, errorStatus: 504 },
      ],
    });
    assert.equal((await metadata()).status, 200, 'a route without faults exempts its path');
    assert.equal((await fetch(`${h.url}/.well-known/smart-configuration`)).status, 500);
    assert.equal((await fetch(`${h.url}/fhir/Patient/pt-1`)).status, 504, '** spans segments');
    assert.equal((await fetch(`${h.url}/fhir`, { method: 'POST' })).status, 504, '** matches no segment too');
    await assert.rejects(fetch(`${h.url}/queue/services`), TypeError, 'unmatched paths fall back to global');
  });

  it('matches one segment with *', async () => {
    await setFaults({ routes: [{ pattern: '/fhir/*', errorRate: 1 }] });
    assert.equal((await metadata()).status, 503);
    assert.equal((await fetch(`${h.url}/.well-known/smart-configuration`)).status, 200);
    const deeper = await fetch(`${h.url}/fhir/Patient/pt-1`);
    assert.equal(deeper.status, 401, 'a deeper path is not matched, so it reaches authentication');
  });
});

describe('faults set at start-up', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ seed: 'none', faults: { latencyMs: 120 } });
  });
  after(() => h.close());

  it('are active from the start and come back with /__admin/reset', async () => {
    const started = performance.now();
    assert.equal((await fetch(`${h.url}/fhir/metadata`)).status, 200);
    assert.ok(performance.now() - started >= 115);

    await fetch(`${h.url}/__admin/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offline: true }),
    });
    const reset = await fetch(`${h.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ seed: 'none' }),
    });
    assert.equal(reset.status, 200);
    assert.deepEqual(await (await fetch(`${h.url}/__admin/faults`)).json(), { latencyMs: 120 });
  });
});
