import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tokenFor } from './support/mock-session.js';
import { createShifoClient, ShifoError, writesOf } from '../../src/index.js';
import { LossyNetwork } from './support/lossy-network.js';

const REQUEST_ID = 'urn:shifo:request-id';
const PATIENT = 'pt-dilnoza-yusupova';

function heartRate(value: number): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
    subject: { reference: `Patient/${PATIENT}` },
    effectiveDateTime: new Date().toISOString(),
    valueQuantity: { value, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  };
}

describe('writes sent at once (no outbox)', () => {
  let server: RunningMockServer;
  let token: string;
  before(async () => {
    server = await startMockServer({ port: 0 });
    token = await tokenFor(server, 'doctor');
  });
  after(() => server.close());

  /** How many Observations on the server carry this request id (counted white-box, across every version). */
  function heldWith(requestId: string): number {
    return [...server.state.store.all('Observation')].filter((observation) =>
      (observation as { identifier?: { system?: string; value?: string }[] }).identifier?.some(
        (identifier) => identifier.system === REQUEST_ID && identifier.value === requestId,
      ),
    ).length;
  }

  for (const conditionalCreate of [true, false]) {
    const how = conditionalCreate ? 'conditional create' : 'search before resend (DHP has no conditional create)';
    it(`re-sends a create whose answer was lost, and the server holds it once (${how})`, async () => {
      const network = new LossyNetwork();
      const client = createShifoClient({
        baseUrl: server.url,
        auth: () => token,
        fetch: network.fetch,
        conditionalCreate,
      });
      network.loseAnswers = 1;
      const result = await writesOf(client.context).write<{ id: string }>({
        method: 'POST',
        path: '/fhir/Observation',
        body: heartRate(71),
      });
      assert.equal(result.status, 'sent');
      if (result.status !== 'sent') return;
      assert.equal(result.replayed, true, 'the second send is recognised as a replay');
      assert.ok(result.resource.id, 'the created resource comes back');
      const requestId = (result.resource as { identifier?: { system?: string; value?: string }[] }).identifier?.find(
        (identifier) => identifier.system === REQUEST_ID,
      )?.value;
      assert.ok(requestId);
      assert.equal(heldWith(requestId), 1);
      // With conditional create the create is sent twice; without it, once, then found by a search.
      assert.equal(network.posts, conditionalCreate ? 2 : 1);
    });
  }

  it('does not re-send a write the server refused, and says why', async () => {
    const network = new LossyNetwork();
    const client = createShifoClient({ baseUrl: server.url, auth: () => token, fetch: network.fetch, locale: 'en' });
    const invalid = { ...heartRate(70), status: 'not-a-status' };
    await assert.rejects(
      writesOf(client.context).write({ method: 'POST', path: '/fhir/Observation', body: invalid }),
      (error: unknown) => error instanceof ShifoError && error.kind === 'invalid' && error.status === 400,
    );
    assert.equal(network.posts, 1);
  });

  it('gives up after three sends that reach nothing, with a network error', async () => {
    let attempts = 0;
    const client = createShifoClient({
      baseUrl: server.url,
      auth: () => token,
      retry: false,
      fetch: async () => {
        attempts += 1;
        throw new TypeError('fetch failed');
      },
      conditionalCreate: true,
    });
    await assert.rejects(
      writesOf(client.context).write({ method: 'POST', path: '/fhir/Observation', body: heartRate(72) }),
      (error: unknown) => error instanceof ShifoError && error.kind === 'network',
    );
    assert.equal(attempts, 3);
  });

  it('re-sends a feedback write with the same Idempotency-Key, and the server answers from the first', async () => {
    const linksHeld = () => [...server.state.store.all('x-FeedbackLink')].length;
    const linksBefore = linksHeld();
    const keys: (string | null)[] = [];
    let lose = 1;
    const client = createShifoClient({
      baseUrl: server.url,
      auth: () => token,
      fetch: async (request) => {
        keys.push(request.headers.get('Idempotency-Key'));
        const response = await fetch(request);
        if (lose-- > 0) throw new TypeError('fetch failed: connection reset');
        return response;
      },
    });
    const link = await writesOf(client.context).write<{ token: string }>({
      method: 'POST',
      path: '/feedback/links',
      body: { locationId: 'loc-yunusobod-waiting-room' },
    });
    assert.equal(link.status, 'sent');
    if (link.status !== 'sent') return;
    assert.equal(link.replayed, true);
    assert.equal(keys.length, 2);
    assert.match(keys[0] ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(keys[1], keys[0]);
    assert.equal(linksHeld(), linksBefore + 1, 'one link made, however often the request travelled');
  });

  it('reads the CapabilityStatement once per client, for the summary and the writes alike', async () => {
    const paths: string[] = [];
    const client = createShifoClient({
      baseUrl: server.url,
      auth: () => token,
      fetch: async (request) => {
        paths.push(new URL(request.url).pathname);
        return fetch(request);
      },
    });
    await client.patients.summary(PATIENT);
    await writesOf(client.context).write({ method: 'POST', path: '/fhir/Observation', body: heartRate(73) });
    await writesOf(client.context).write({ method: 'POST', path: '/fhir/Observation', body: heartRate(74) });
    assert.equal(paths.filter((path) => path.endsWith('/metadata')).length, 1);
    assert.equal(paths.filter((path) => path.endsWith('/$summary')).length, 1, 'the mock lists $summary: it is used');
  });
});
