import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createShifoClient } from '../../src/index.js';
import { createTransport } from '../../src/transport/create-fetch.js';
import { delay, json, startHostileServer, type HostileServer } from './support/hostile-server.js';

describe('transport: identical concurrent GETs share one request', () => {
  let server: HostileServer;

  before(async () => {
    server = await startHostileServer({
      '/fhir/Patient/shared': async ({ res, count }) => {
        await delay(150);
        json(res, 200, { resourceType: 'Patient', id: 'shared', meta: { versionId: String(count) } });
      },
    });
  });
  after(() => server.close());

  const hitsSince = (start: number) => server.hits.slice(start).filter((hit) => hit.path === '/fhir/Patient/shared');

  it('five concurrent identical GETs reach the server once, and every caller gets a readable answer', async () => {
    const shifo = createShifoClient({ baseUrl: server.url, auth: () => 'token-a', locale: 'ru' });
    const start = server.hits.length;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => shifo.fhir.GET('/Patient/{id}', { params: { path: { id: 'shared' } } })),
    );
    assert.equal(hitsSince(start).length, 1);
    for (const { data, response } of results) {
      assert.equal(response.status, 200);
      assert.equal(data?.id, 'shared');
    }
    // Each caller has its own response object (its own body stream).
    assert.equal(new Set(results.map((result) => result.response)).size, 5);
  });

  it('different tokens are different requests', async () => {
    const transport = createTransport();
    const start = server.hits.length;
    await Promise.all(
      ['token-a', 'token-b', 'token-a'].map((token) =>
        transport(new Request(`${server.url}/fhir/Patient/shared`, { headers: { Authorization: `Bearer ${token}` } })),
      ),
    );
    const hits = hitsSince(start);
    assert.deepEqual(hits.map((hit) => hit.headers.authorization).sort(), ['Bearer token-a', 'Bearer token-b']);
  });

  it('different Accept-Language values are different requests', async () => {
    const transport = createTransport();
    const start = server.hits.length;
    await Promise.all(
      ['uz', 'ru', 'uz'].map((language) =>
        transport(new Request(`${server.url}/fhir/Patient/shared`, { headers: { 'Accept-Language': language } })),
      ),
    );
    assert.equal(hitsSince(start).length, 2);
  });

  it('requests one after another are not shared (no caching)', async () => {
    const transport = createTransport();
    const start = server.hits.length;
    const first = await transport(new Request(`${server.url}/fhir/Patient/shared`));
    const second = await transport(new Request(`${server.url}/fhir/Patient/shared`));
    assert.equal(hitsSince(start).length, 2);
    const versions = [await first.json(), await second.json()].map((body) => body.meta.versionId);
    assert.notEqual(versions[0], versions[1]);
  });

  it('POSTs are never shared', async () => {
    const transport = createTransport({ retry: false });
    const start = server.hits.length;
    await Promise.all(
      [1, 2].map(() => transport(new Request(`${server.url}/fhir/Patient/shared`, { method: 'POST', body: '{}' }))),
    );
    assert.equal(hitsSince(start).length, 2);
  });

  it('one caller aborting does not cancel the request for the others', async () => {
    const transport = createTransport();
    const start = server.hits.length;
    const quitter = new AbortController();
    const leaving = transport(new Request(`${server.url}/fhir/Patient/shared`, { signal: quitter.signal }));
    const staying = transport(new Request(`${server.url}/fhir/Patient/shared`));
    quitter.abort();
    await assert.rejects(leaving, { name: 'AbortError' });
    const response = await staying;
    assert.equal(response.status, 200);
    assert.equal((await response.json()).id, 'shared');
    assert.equal(hitsSince(start).length, 1);
  });

  it('when every caller aborts, a later caller starts a new request', async () => {
    const transport = createTransport();
    const start = server.hits.length;
    const controllers = [new AbortController(), new AbortController()];
    const pending = controllers.map((controller) =>
      transport(new Request(`${server.url}/fhir/Patient/shared`, { signal: controller.signal })),
    );
    while (hitsSince(start).length === 0) await delay(5);
    for (const controller of controllers) controller.abort();
    for (const promise of pending) await assert.rejects(promise, { name: 'AbortError' });
    const later = await transport(new Request(`${server.url}/fhir/Patient/shared`));
    assert.equal(later.status, 200);
    assert.equal(hitsSince(start).length, 2);
  });

  it('dedupe: false sends each request', async () => {
    const transport = createTransport({ dedupe: false });
    const start = server.hits.length;
    await Promise.all([1, 2, 3].map(() => transport(new Request(`${server.url}/fhir/Patient/shared`))));
    assert.equal(hitsSince(start).length, 3);
  });
});
