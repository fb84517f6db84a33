// The facility relations behind access decisions are shared across requests until a type they read changes: these
// check that a change to a patient or an encounter shows in the very next decision.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FhirClient, temperature, type Outcome, type Resource } from './fhir-support.js';
import { startHarness, type Harness } from './harness.js';

describe('access decisions follow the records they depend on', () => {
  let h: Harness;
  let fhir: FhirClient;
  let doctor3: string;
  let registrar2: string;
  before(async () => {
    h = await startHarness();
    fhir = new FhirClient(h);
    doctor3 = await h.tokenFor('doctor3');
    registrar2 = await h.tokenFor('registrar2');
  });
  after(() => h.close());

  it('a facility claiming a patient closes their record to other facilities at once, and an encounter reopens it', async () => {
    const registered = await fhir.create<Resource>(
      {
        resourceType: 'Patient',
        identifier: [{ system: 'urn:shifo:request-id', value: crypto.randomUUID() }],
        name: [{ family: 'Keshli', given: ['Bemor'] }],
        gender: 'male',
      },
      registrar2,
    );
    assert.equal(registered.status, 201);
    const patientId = registered.body.id;
    // Nobody treats the patient yet: any facility may record a first visit (and the answer is now remembered).
    const first = await fhir.create(temperature(patientId, 36.6, '2026-03-02T09:00:00+05:00'), doctor3);
    assert.equal(first.status, 201);

    const claimed = await fhir.update(
      { ...registered.body, managingOrganization: { reference: 'Organization/org-tashkent-city-hospital' } },
      registrar2,
      'W/"1"',
    );
    assert.equal(claimed.status, 200);
    const refused = await fhir.create<Outcome>(temperature(patientId, 36.7, '2026-03-02T10:00:00+05:00'), doctor3);
    assert.equal(refused.status, 403, 'facility 2 manages the patient now; facility 3 does not treat them');

    const encounter = await fhir.create(
      {
        resourceType: 'Encounter',
        status: 'in-progress',
        class: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }] }],
        subject: { reference: `Patient/${patientId}` },
        serviceProvider: { reference: 'Organization/org-nukus-polyclinic' },
        actualPeriod: { start: '2026-03-02T10:30:00+05:00' },
      },
      doctor3,
    );
    assert.equal(encounter.status, 201);
    const accepted = await fhir.create(temperature(patientId, 36.8, '2026-03-02T11:00:00+05:00'), doctor3);
    assert.equal(accepted.status, 201, 'an encounter at facility 3 makes it a treating one');
  });
});
