import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './harness.js';
import { dispense, formularyEntry, patientPool, post, prescription, shifoCodesOf, type Json } from './rx-support.js';

describe('e-prescriptions: concurrent dispensing', () => {
  let h: Harness;
  let doctor: string;
  let pharmacists: string[];
  let nextPatient: () => string;
  before(async () => {
    h = await startHarness();
    doctor = await h.tokenFor('doctor');
    // Several pharmacies at once, as when a patient's QR code is scanned in two places.
    pharmacists = await Promise.all(['pharmacist', 'pharmacist2', 'pharmacist3'].map((user) => h.tokenFor(user)));
    nextPatient = patientPool(h);
  });
  after(() => h.close());

  async function prescribe(quantity: number): Promise<Json> {
    const entry = formularyEntry(h, (e) => e.medicationId === 'med-paracetamol-500mg-tab');
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, {
      ...prescription(nextPatient(), entry),
      dispenseRequest: { quantity: { value: quantity, unit: 'dona', code: 'piece' } },
    });
    assert.equal(response.status, 201);
    return body;
  }

  function dispensesOf(requestId: string) {
    return [...h.server.state.store.all('MedicationDispense')].filter(
      (d) => (d.authorizingPrescription as Json[])[0]?.reference === `MedicationRequest/${requestId}`,
    );
  }

  const race = (request: Json, count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        post(h, '/fhir/MedicationDispense', pharmacists[i % 3]!, dispense(request, 1)),
      ),
    );

  it('50 concurrent dispenses of the last unit: exactly one succeeds', async () => {
    const request = await prescribe(2);
    assert.equal(
      (await post(h, '/fhir/MedicationDispense', pharmacists[0]!, dispense(request, 1))).response.status,
      201,
    );

    const results = await race(request, 50);
    const succeeded = results.filter((r) => r.response.status === 201);
    const refused = results.filter((r) => r.response.status === 422);
    assert.equal(succeeded.length, 1);
    assert.equal(refused.length, 49);
    for (const { body } of refused) {
      const [code] = shifoCodesOf(body);
      assert.ok(code === 'over-dispense' || code === 'prescription-not-dispensable', code);
    }

    const stored = dispensesOf(String(request.id));
    assert.equal(stored.length, 2);
    assert.equal(
      stored.reduce((sum, d) => sum + Number((d.quantity as Json).value), 0),
      2,
    );
    const history = h.server.state.store.history('MedicationRequest', String(request.id));
    assert.deepEqual(
      history.map((version) => version.status),
      ['active', 'completed'],
      'completed exactly once',
    );
  });

  it('50 concurrent dispenses of 2 when 3 remain: exactly one fits, the prescription stays active for the last one', async () => {
    const request = await prescribe(10);
    assert.equal(
      (await post(h, '/fhir/MedicationDispense', pharmacists[0]!, dispense(request, 7))).response.status,
      201,
    );
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(h, '/fhir/MedicationDispense', pharmacists[i % 3]!, dispense(request, 2)),
      ),
    );
    assert.equal(results.filter((r) => r.response.status === 201).length, 1);
    for (const refused of results.filter((r) => r.response.status !== 201)) {
      assert.deepEqual(shifoCodesOf(refused.body), ['over-dispense']);
    }
    assert.equal(dispensesOf(String(request.id)).length, 2);
    assert.equal(h.server.state.store.read('MedicationRequest', String(request.id))?.status, 'active');
  });

  it('50 concurrent single-unit dispenses on a prescription of 20: exactly 20 succeed', async () => {
    const request = await prescribe(20);
    const results = await race(request, 50);
    assert.equal(results.filter((r) => r.response.status === 201).length, 20);
    assert.equal(dispensesOf(String(request.id)).length, 20);
    assert.equal(h.server.state.store.read('MedicationRequest', String(request.id))?.status, 'completed');
  });
});
