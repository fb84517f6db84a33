// The contract's request examples for prescribing and dispensing are sendable as they stand: against the demo seed
// the mock accepts them (the dispense names a seeded prescription that is always active with nothing dispensed).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadContract } from '../../src/contract/load-contract.js';
import { startHarness, type Harness } from './harness.js';
import { post, type Json } from './rx-support.js';

interface WithExamples {
  post?: { requestBody?: { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> } };
}

function requestExample(path: string): Json {
  const paths = loadContract().paths as unknown as Record<string, WithExamples>;
  const value = paths[path]?.post?.requestBody?.content?.['application/fhir+json']?.examples?.example?.value;
  if (!value || typeof value !== 'object') throw new Error(`the contract has no request example for POST ${path}`);
  return value as Json;
}

describe("the contract's prescribing and dispensing examples", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('createMedicationDispense: the example dispenses 10 of the 30 pieces of its seeded prescription (201)', async () => {
    const example = requestExample('/fhir/MedicationDispense');
    const prescriptionRef = (example.authorizingPrescription as { reference: string }[])[0]!.reference;
    const prescriptionId = prescriptionRef.split('/')[1]!;
    const { response, body } = await post(h, '/fhir/MedicationDispense', await h.tokenFor('pharmacist'), example);
    assert.equal(response.status, 201, JSON.stringify(body));
    h.assertMatchesContract('createMedicationDispense', response, body);
    assert.deepEqual(body.authorizingPrescription, [{ reference: prescriptionRef }]);
    const prescription = h.server.state.store.read('MedicationRequest', prescriptionId)!;
    assert.equal(prescription.status, 'active', '10 of 30 leaves the prescription open');
    const dispensed = [...h.server.state.store.referencing('MedicationDispense', prescriptionRef)];
    assert.deepEqual(
      dispensed.map((dispense) => (dispense.quantity as { value: number; code: string }).code),
      ['piece'],
    );
  });

  it('createMedicationRequest: the example is prescribed (201), its validity filled in from today', async () => {
    const { response, body } = await post(
      h,
      '/fhir/MedicationRequest',
      await h.tokenFor('doctor'),
      requestExample('/fhir/MedicationRequest'),
    );
    assert.equal(response.status, 201, JSON.stringify(body));
    h.assertMatchesContract('createMedicationRequest', response, body);
    const validity = (body.dispenseRequest as { validityPeriod?: { start?: string; end?: string } }).validityPeriod;
    assert.ok(validity?.start && validity.end && validity.end >= validity.start);
  });
});
