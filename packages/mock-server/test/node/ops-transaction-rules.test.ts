// Business rules that look records up through the store's indexes (allergies, earlier dispenses) hold inside a
// transaction Bundle too: its staged view answers them from the real store plus what the Bundle wrote so far.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './harness.js';
import { dispense, post, type Json } from './rx-support.js';

const PIECES = 'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-total-volume-local-units-cs';

function transaction(...resources: Json[]): Json {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${crypto.randomUUID()}`,
      resource,
      request: { method: 'POST', url: String(resource.resourceType) },
    })),
  };
}

describe('transaction Bundles keep the indexed business rules', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('refuses a prescription that meets a recorded allergy, as a single create would (salg)', async () => {
    const amoxicillin: Json = {
      resourceType: 'MedicationRequest',
      status: 'active',
      intent: 'order',
      medication: { reference: { reference: 'Medication/med-amoxicillin-500mg-cap' } },
      subject: { reference: 'Patient/pt-dilnoza-yusupova' },
      reason: [{ concept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'J20.9' }] } }],
      dosageInstruction: [
        { text: '1 kapsula kuniga 3 marta', timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd' } } },
      ],
      dispenseRequest: { quantity: { value: 21, unit: 'dona', system: PIECES, code: 'piece' } },
    };
    const { response, body } = await post(h, '/fhir', await h.tokenFor('doctor'), transaction(amoxicillin));
    assert.equal(response.status, 422, JSON.stringify(body).slice(0, 300));
    const findings = (body.issue as { details?: { coding?: { code: string }[] } }[]).flatMap((issue) =>
      (issue.details?.coding ?? []).map((coding) => coding.code),
    );
    assert.ok(findings.includes('salg'), `expected the allergy finding, got ${findings.join(', ')}`);
  });

  it('counts the dispenses already stored: a Bundle may not over-dispense a prescription', async () => {
    const pharmacist = await h.tokenFor('pharmacist');
    const prescription = h.server.state.store.read('MedicationRequest', 'mr-bahodir-toshmatov-0007')!;
    assert.equal((prescription.dispenseRequest as { quantity: { value: number } }).quantity.value, 30);
    const first = await post(h, '/fhir/MedicationDispense', pharmacist, dispense(prescription, 20));
    assert.equal(first.response.status, 201, JSON.stringify(first.body));
    const over = await post(h, '/fhir', pharmacist, transaction(dispense(prescription, 15)));
    assert.equal(over.response.status, 422, '20 stored + 15 in the Bundle > 30 prescribed');
    const rest = await post(h, '/fhir', pharmacist, transaction(dispense(prescription, 6), dispense(prescription, 5)));
    assert.equal(rest.response.status, 422, 'the second entry sees the first: 20 + 6 + 5 > 30');
    const exact = await post(h, '/fhir', pharmacist, transaction(dispense(prescription, 6), dispense(prescription, 4)));
    assert.equal(exact.response.status, 200, JSON.stringify(exact.body).slice(0, 300));
    assert.equal(h.server.state.store.read('MedicationRequest', 'mr-bahodir-toshmatov-0007')?.status, 'completed');
  });
});
