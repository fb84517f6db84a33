import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createShifoClient, type PatientSummary, type ShifoClient } from '../../src/index.js';
import { refusal } from './support/refusal.js';
import { tokenFor } from './support/mock-session.js';

/**
 * A server like DHP: its CapabilityStatement lists no `$summary`. The mock's statement is rewritten on the way, and
 * the operation itself is cut off, so the test fails if the SDK calls it anyway.
 */
function withoutSummaryOperation(): { fetch: (request: Request) => Promise<Response>; summaryCalls: number } {
  const state = {
    summaryCalls: 0,
    fetch: async (request: Request): Promise<Response> => {
      const path = new URL(request.url).pathname;
      if (path.endsWith('/$summary')) {
        state.summaryCalls += 1;
        return new Response('{}', { status: 404 });
      }
      const response = await fetch(request);
      if (!path.endsWith('/metadata')) return response;
      const statement = (await response.json()) as {
        rest: { resource: { type: string; operation?: { name: string }[] }[] }[];
      };
      for (const resource of statement.rest[0]!.resource) {
        resource.operation = resource.operation?.filter((operation) => operation.name !== 'summary');
      }
      return Response.json(statement, { headers: { 'Content-Type': 'application/fhir+json' } });
    },
  };
  return state;
}

const idsOf = (entries: { id?: string }[]) => entries.map((entry) => entry.id).sort();

describe('patients.summary on a server without $summary', () => {
  let server: RunningMockServer;
  let token: string;
  let direct: ShifoClient;
  before(async () => {
    server = await startMockServer({ port: 0 });
    token = await tokenFor(server, 'doctor');
    direct = createShifoClient({ baseUrl: server.url, auth: () => token });
  });
  after(() => server.close());

  function assembling() {
    const network = withoutSummaryOperation();
    return { network, shifo: createShifoClient({ baseUrl: server.url, auth: () => token, fetch: network.fetch }) };
  }

  for (const patientId of ['pt-dilnoza-yusupova', 'long-history', 'example-salim', 'pt-bahodir-toshmatov']) {
    it(`assembles from parallel searches what $summary gives (${patientId})`, async () => {
      const { network, shifo } = assembling();
      const assembled: PatientSummary = await shifo.patients.summary(patientId);
      const operation: PatientSummary = await direct.patients.summary(patientId);
      assert.equal(network.summaryCalls, 0, 'the operation the server does not list is not called');
      assert.equal(assembled.patient.id, patientId);
      const { sections: a } = assembled;
      const { sections: o } = operation;
      assert.deepEqual(idsOf(a.allergies.entries), idsOf(o.allergies.entries));
      assert.equal(a.allergies.emptyReason, o.allergies.emptyReason);
      assert.deepEqual(idsOf(a.problems.entries), idsOf(o.problems.entries));
      assert.deepEqual(idsOf(a.medications.entries), idsOf(o.medications.entries));
      assert.deepEqual(
        a.medications.entries.map((entry) => entry.dispensed?.value),
        o.medications.entries.map((entry) => entry.dispensed?.value),
      );
      assert.deepEqual(
        a.medications.entries.map((entry) => entry.medication?.coding?.[0]?.display),
        o.medications.entries.map((entry) => entry.medication?.coding?.[0]?.display),
      );
      assert.deepEqual(idsOf(a.vitalSigns.entries), idsOf(o.vitalSigns.entries));
      assert.deepEqual(idsOf(a.encounters.entries), idsOf(o.encounters.entries));
      assert.equal(a.results.entries.length, o.results.entries.length);
    });
  }

  it('keeps the window: since widens results and encounters as the operation does', async () => {
    const { shifo } = assembling();
    const narrow = await shifo.patients.summary('long-history');
    const wide = await shifo.patients.summary('long-history', { since: '2015' });
    assert.ok(wide.sections.encounters.entries.length > narrow.sections.encounters.entries.length);
  });

  it('is refused as the record is: another facility reading an opted-out patient gets consent-denied', async () => {
    const network = withoutSummaryOperation();
    const other = await tokenFor(server, 'doctor2');
    const shifo = createShifoClient({ baseUrl: server.url, auth: () => other, fetch: network.fetch });
    const error = await refusal(shifo.patients.summary('pt-akmal-nazarov'));
    assert.equal(error.code, 'consent-denied');
  });
});
