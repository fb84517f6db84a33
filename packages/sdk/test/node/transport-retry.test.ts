import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createShifoClient, ShifoError, type ShifoClient } from '../../src/index.js';
import { createTransport } from '../../src/transport/create-fetch.js';
import { json, outcome, resetMidResponse, startHostileServer, type HostileServer } from './support/hostile-server.js';

const patient = { resourceType: 'Patient', id: 'p1' };
const requestId = '0d5ba9c6-8d0a-4cf2-9a4e-3b1f7e2c6a90';
const newPatient = {
  resourceType: 'Patient' as const,
  identifier: [{ system: 'urn:shifo:request-id', value: requestId }],
};

async function refusal(promise: Promise<unknown>): Promise<ShifoError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ShifoError, `expected a ShifoError, got ${String(error)}`);
    return error;
  }
  throw new assert.AssertionError({ message: 'expected the call to fail' });
}

describe('transport: retries of requests that are safe to repeat', () => {
  let server: HostileServer;
  let shifo: ShifoClient;
  const fast = { attempts: 4, baseMs: 5, capMs: 2_000 };

  before(async () => {
    server = await startHostileServer({
      '/fhir/Patient/burst': ({ res, count }) =>
        count <= 2 ? outcome(res, 503, 'transient', 'Busy.') : json(res, 200, patient),
      '/fhir/Patient/throttled': ({ res, count }) =>
        count === 1 ? outcome(res, 429, 'throttled', 'Slow down.', { 'Retry-After': '1' }) : json(res, 200, patient),
      '/fhir/Patient/dated': ({ res, count }) =>
        count === 1
          ? outcome(res, 503, 'transient', 'Back soon.', { 'Retry-After': new Date(Date.now() + 1500).toUTCString() })
          : json(res, 200, patient),
      '/fhir/Patient/patient-later': ({ res }) =>
        outcome(res, 429, 'throttled', 'Come back in an hour.', { 'Retry-After': '3600' }),
      '/fhir/Patient/reset': ({ res, count }) => (count === 1 ? resetMidResponse(res) : json(res, 200, patient)),
      '/fhir/Patient/down': ({ res }) => outcome(res, 503, 'transient', 'Down for maintenance.'),
      '/fhir/Patient/gateway': ({ res, count }) =>
        count === 1 ? outcome(res, 502, 'transient', 'Bad gateway.') : json(res, 200, patient),
      '/fhir/Patient/missing': ({ res }) => outcome(res, 404, 'not-found', 'No such patient.'),
      '/fhir/Patient': ({ res }) => outcome(res, 503, 'transient', 'Busy.'),
      '/fhir/Patient/_search': ({ res, count }) =>
        count === 1 ? outcome(res, 503, 'transient', 'Busy.') : json(res, 200, { resourceType: 'Bundle', entry: [] }),
      '/fhir/Patient/put-guarded': ({ res, count }) =>
        count === 1 ? outcome(res, 504, 'timeout', 'Gateway timeout.') : json(res, 200, patient),
      '/fhir/Patient/put-unguarded': ({ res }) => outcome(res, 503, 'transient', 'Busy.'),
      '/queue/tickets': ({ res, count }) => (count === 1 ? resetMidResponse(res) : json(res, 201, { number: 'A-001' })),
      '/queue/unkeyed': ({ res }) => resetMidResponse(res),
    });
    shifo = createShifoClient({ baseUrl: server.url, auth: () => 'token', retry: fast });
  });
  after(() => server.close());

  const get = (id: string, client = shifo) => client.fhir.GET('/Patient/{id}', { params: { path: { id } } });

  it('a burst of 503s followed by 200 ends in the 200, after three attempts', async () => {
    const { data, response } = await get('burst');
    assert.equal(response.status, 200);
    assert.equal(data?.id, 'p1');
    assert.equal(server.count('/fhir/Patient/burst'), 3);
  });

  it('a 429 with Retry-After: 1 waits about a second, then succeeds', async () => {
    const started = Date.now();
    const { response } = await get('throttled');
    assert.equal(response.status, 200);
    assert.equal(server.count('/fhir/Patient/throttled'), 2);
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
  });

  it('Retry-After as an HTTP date is honoured too', async () => {
    const started = Date.now();
    const { response } = await get('dated');
    assert.equal(response.status, 200);
    assert.equal(server.count('/fhir/Patient/dated'), 2);
    assert.ok(Date.now() - started >= 400, 'waited until the date');
  });

  it('a Retry-After beyond the cap is not waited for: the 429 is the answer', async () => {
    const { response, error } = await get('patient-later');
    assert.equal(response.status, 429);
    assert.equal((error as { resourceType?: string }).resourceType, 'OperationOutcome');
    assert.equal(server.count('/fhir/Patient/patient-later'), 1);
  });

  it('a connection reset mid-response is retried, and the caller never sees the broken body', async () => {
    const { data, response } = await get('reset');
    assert.equal(response.status, 200);
    assert.equal(data?.id, 'p1');
    assert.equal(server.count('/fhir/Patient/reset'), 2);
  });

  it('a 502 is retried', async () => {
    const { response } = await get('gateway');
    assert.equal(response.status, 200);
    assert.equal(server.count('/fhir/Patient/gateway'), 2);
  });

  it('gives up after the configured attempts and reports a retryable server error', async () => {
    const error = await refusal(shifo.patients.get('down'));
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 503);
    assert.equal(error.retryable, true);
    assert.equal(server.count('/fhir/Patient/down'), 4);
  });

  it('a refusal (404) is not retried', async () => {
    const error = await refusal(shifo.patients.get('missing'));
    assert.equal(error.kind, 'not-found');
    assert.equal(server.count('/fhir/Patient/missing'), 1);
  });

  it('a plain create (POST without If-None-Exist) is never repeated', async () => {
    const { response } = await shifo.fhir.POST('/Patient', { body: newPatient });
    assert.equal(response.status, 503);
    assert.equal(server.count('/fhir/Patient'), 1);
  });

  it('a conditional create (If-None-Exist on the request id) is repeated', async () => {
    const before = server.count('/fhir/Patient');
    const { response } = await shifo.fhir.POST('/Patient', {
      body: newPatient,
      headers: { 'If-None-Exist': `identifier=urn:shifo:request-id|${requestId}` },
    });
    assert.equal(response.status, 503);
    assert.equal(server.count('/fhir/Patient') - before, 4);
  });

  it('a search by POST _search is repeated, with its form body intact', async () => {
    const found = await shifo.patients.findByPinfl('40503855900021');
    assert.equal(found, undefined);
    const searches = server.hits.filter((hit) => hit.path === '/fhir/Patient/_search');
    assert.equal(searches.length, 2);
    assert.equal(searches[0]!.body, searches[1]!.body);
    assert.match(searches[1]!.body, /identifier=/);
  });

  it('a PUT with If-Match is repeated; one without is not', async () => {
    const guarded = await shifo.fhir.PUT('/Patient/{id}', {
      params: { path: { id: 'put-guarded' }, header: { 'If-Match': 'W/"1"' } },
      body: { ...newPatient, id: 'put-guarded' },
    });
    assert.equal(guarded.response.status, 200);
    assert.equal(server.count('/fhir/Patient/put-guarded'), 2);
    const transport = createTransport({ retry: fast });
    const unguarded = await transport(
      new Request(`${server.url}/fhir/Patient/put-unguarded`, { method: 'PUT', body: '{}' }),
    );
    assert.equal(unguarded.status, 503);
    assert.equal(server.count('/fhir/Patient/put-unguarded'), 1);
  });

  it('a write with an Idempotency-Key survives a dropped connection; one without fails as a network error', async () => {
    const transport = createTransport({ retry: fast });
    const keyed = await transport(
      new Request(`${server.url}/queue/tickets`, {
        method: 'POST',
        headers: { 'Idempotency-Key': 'a3c7c2a0-58a4-4d55-9d0d-1d3b8f1d6f10', 'Content-Type': 'application/json' },
        body: '{"serviceId":"s1"}',
      }),
    );
    assert.equal(keyed.status, 201);
    assert.deepEqual(await keyed.json(), { number: 'A-001' });
    const sent = server.hits.filter((hit) => hit.path === '/queue/tickets');
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.body, '{"serviceId":"s1"}');

    const error = await refusal(
      transport(new Request(`${server.url}/queue/unkeyed`, { method: 'POST', body: '{"serviceId":"s1"}' })),
    );
    assert.equal(error.kind, 'network');
    assert.equal(error.retryable, true);
    assert.equal(server.count('/queue/unkeyed'), 1);
  });

  it('retry: false sends every request once', async () => {
    const once = createShifoClient({ baseUrl: server.url, auth: () => 'token', retry: false });
    const before = server.count('/fhir/Patient/down');
    const error = await refusal(once.patients.get('down'));
    assert.equal(error.status, 503);
    assert.equal(server.count('/fhir/Patient/down') - before, 1);
  });
});
