import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { tokenFor } from './support/mock-session.js';
import { createShifoClient, type ShifoClient } from '../../src/index.js';
import { refusal } from './support/refusal.js';

/** A port that nothing listens on: connections are refused, like a server that is down. */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('patients helpers against the mock server', () => {
  let server: RunningMockServer;
  let shifo: ShifoClient;
  before(async () => {
    server = await startMockServer({ port: 0 });
    const token = await tokenFor(server, 'doctor');
    shifo = createShifoClient({ baseUrl: server.url, auth: () => token, locale: 'ru' });
  });
  after(() => server.close());

  it('findByPinfl returns the patient with that PINFL', async () => {
    const patient = await shifo.patients.findByPinfl('40503855900021');
    assert.equal(patient?.id, 'example-nodira');
    assert.equal(patient?.name?.[0]?.family, 'Karimova');
  });

  it('findByPinfl returns undefined when nobody has that PINFL', async () => {
    assert.equal(await shifo.patients.findByPinfl('11111111111111'), undefined);
  });

  it('findByPinfl keeps the PINFL out of the URL', async () => {
    const seen: string[] = [];
    const spy = createShifoClient({
      baseUrl: server.url,
      auth: () => tokenFor(server, 'doctor'),
      fetch: (request) => {
        seen.push(request.url);
        return fetch(request);
      },
    });
    await spy.patients.findByPinfl('40503855900021');
    assert.equal(seen.length, 1);
    assert.ok(!seen[0]!.includes('40503855900021'));
  });

  it('summary names a medicine the prescription only references (UZ Core example: Salim, paracetamol)', async () => {
    const summary = await shifo.patients.summary('example-salim');
    const prescription = summary.sections.medications.entries.find(
      (entry) => entry.id === 'example-medication-request',
    );
    assert.ok(prescription, 'the fixture prescription is in the summary');
    assert.equal(prescription.medication?.coding?.[0]?.display, 'paratsetamol');
  });

  it('get reads a patient by id', async () => {
    const patient = await shifo.patients.get('example-salim');
    assert.equal(patient.resourceType, 'Patient');
    assert.equal(patient.id, 'example-salim');
  });

  it('a missing patient is a not-found ShifoError carrying the OperationOutcome', async () => {
    const error = await refusal(shifo.patients.get('nobody-here'));
    assert.equal(error.kind, 'not-found');
    assert.equal(error.status, 404);
    assert.equal(error.outcome?.issue[0]?.code, 'not-found');
    assert.equal(error.retryable, false);
  });

  it('no token is an auth ShifoError', async () => {
    const anonymous = createShifoClient({ baseUrl: server.url });
    const error = await refusal(anonymous.patients.get('example-nodira'));
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
  });

  it('a server that is down is a retryable network ShifoError, not a refusal', async () => {
    const down = createShifoClient({ baseUrl: `http://127.0.0.1:${await deadPort()}`, auth: () => 'x' });
    const error = await refusal(down.patients.get('example-nodira'));
    assert.equal(error.kind, 'network');
    assert.equal(error.status, undefined);
    assert.equal(error.retryable, true);
  });

  it('the raw typed client reaches every path of the contract', async () => {
    const { data, response } = await shifo.fhir.GET('/Patient/{id}', { params: { path: { id: 'example-david' } } });
    assert.equal(response.status, 200);
    assert.equal(data?.id, 'example-david');
  });
});
