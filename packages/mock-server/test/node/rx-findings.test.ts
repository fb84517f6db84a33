import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './harness.js';
import {
  findingsOf,
  formularyEntry,
  OVERRIDE_URL,
  override,
  post,
  prescription,
  STATUS_REASON,
  type Json,
  startRxSession,
} from './rx-support.js';

describe('e-prescriptions: clinical findings and their overrides', () => {
  let h: Harness;
  let doctor: string;
  let nextPatient: () => string;
  before(async () => {
    ({ h, doctor, nextPatient } = await startRxSession());
  });
  after(() => h.close());

  /** The therapeutic classes of a patient's active prescriptions (so a test avoids an unintended duplicate). */
  function activeClasses(patientId: string): Set<string> {
    const { store, seed } = h.server.state;
    const classes = new Set<string>();
    for (const request of store.all('MedicationRequest')) {
      if (request.status !== 'active' || (request.subject as Json).reference !== `Patient/${patientId}`) continue;
      const id = String(((request.medication as Json).reference as Json | undefined)?.reference).replace(
        'Medication/',
        '',
      );
      const entry = seed.formulary.find((e) => e.medicationId === id);
      if (entry) classes.add(entry.therapeuticClass);
    }
    return classes;
  }

  /** A facility-1 patient (consent permitting) with an active allergy coded `code`. */
  function patientAllergicTo(system: string, code: string): string {
    const { store, deniedPatients } = h.server.state;
    for (const allergy of store.all('AllergyIntolerance')) {
      const coded = ((allergy.code as Json).coding as Json[]).some((c) => c.system === system && c.code === code);
      const active = ((allergy.clinicalStatus as Json).coding as Json[])[0]?.code === 'active';
      const patientId = String((allergy.patient as Json).reference).replace('Patient/', '');
      const patient = store.read('Patient', patientId);
      const ours =
        (patient?.managingOrganization as Json | undefined)?.reference === 'Organization/org-yunusobod-polyclinic';
      if (coded && active && ours && !deniedPatients.has(patientId)) return patientId;
    }
    throw new Error(`no facility-1 patient is allergic to ${code}`);
  }

  const amlodipine = (mg: number) => formularyEntry(h, (e) => e.medicationId === `med-amlodipine-${mg}mg-tab`);
  const amoxicillin = () => formularyEntry(h, (e) => e.medicationId === 'med-amoxicillin-500mg-cap');

  /** A patient without history given a penicillin allergy (setup through the store: the allergy is not under test). */
  function freshPatientAllergicToPenicillin(): string {
    const patientId = nextPatient();
    h.server.state.store.put({
      resourceType: 'AllergyIntolerance',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
      },
      verificationStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' },
        ],
      },
      category: ['medication'],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin' }] },
      patient: { reference: `Patient/${patientId}` },
    });
    return patientId;
  }

  it('refuses a medicine of a class the patient is allergic to (salg), naming the finding', async () => {
    const patientId = patientAllergicTo('http://snomed.info/sct', '764146007'); // Penicillin
    assert.ok(!activeClasses(patientId).has(amoxicillin().therapeuticClass), 'no duplicate therapy in the way');
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, prescription(patientId, amoxicillin()));
    assert.equal(response.status, 422, JSON.stringify(body));
    h.assertMatchesContract('createMedicationRequest', response, body);
    const issue = (body.issue as Json[])[0]!;
    assert.equal(issue.code, 'business-rule');
    assert.deepEqual(findingsOf(body), ['salg']);
    assert.equal((issue.details as Json).text, 'Allergiya');
    assert.match(String(issue.diagnostics), /Penicillin/);
  });

  it('names the finding in the language asked for', async () => {
    const patientId = patientAllergicTo('http://snomed.info/sct', '764146007');
    const response = await fetch(`${h.url}/fhir/MedicationRequest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${doctor}`, 'Content-Type': 'application/fhir+json', 'Accept-Language': 'ru' },
      body: JSON.stringify(prescription(patientId, amoxicillin())),
    });
    assert.equal(response.status, 422);
    const body = (await response.json()) as Json;
    assert.equal(((body.issue as Json[])[0]?.details as Json).text, 'Аллергия');
  });

  it('matches an allergy recorded with an ATC code by its class (ciprofloxacin → levofloxacin)', async () => {
    const patientId = patientAllergicTo('http://www.whocc.no/atc', 'J01MA02');
    const levofloxacin = formularyEntry(h, (e) => e.atc === 'J01MA12');
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, prescription(patientId, levofloxacin));
    assert.equal(response.status, 422);
    assert.deepEqual(findingsOf(body), ['salg']);
  });

  it('stores an allergy-overridden prescription with the override and its reason on record', async () => {
    const patientId = freshPatientAllergicToPenicillin();
    const reason = 'Took amoxicillin in 2024 without a reaction; allergist consulted';
    const refused = await post(h, '/fhir/MedicationRequest', doctor, prescription(patientId, amoxicillin()));
    assert.deepEqual(findingsOf(refused.body), ['salg']);
    const overridden = prescription(patientId, amoxicillin(), { extension: [override('salg', reason)] });
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, overridden);
    assert.equal(response.status, 201, JSON.stringify(body));
    h.assertMatchesContract('createMedicationRequest', response, body);
    const stored = h.server.state.store.read('MedicationRequest', String(body.id));
    const recorded = (stored?.extension as Json[]).find((extension) => extension.url === OVERRIDE_URL);
    assert.deepEqual(recorded?.extension, [
      { url: 'finding', valueCoding: { system: STATUS_REASON, code: 'salg' } },
      { url: 'reason', valueString: reason },
    ]);
  });

  it('refuses duplicate therapy (sdupther) naming the active prescription, unless overridden', async () => {
    const patientId = nextPatient();
    const first = await post(h, '/fhir/MedicationRequest', doctor, prescription(patientId, amlodipine(5)));
    assert.equal(first.response.status, 201);
    const second = await post(h, '/fhir/MedicationRequest', doctor, prescription(patientId, amlodipine(10)));
    assert.equal(second.response.status, 422);
    assert.deepEqual(findingsOf(second.body), ['sdupther']);
    assert.match(
      String((second.body.issue as Json[])[0]?.diagnostics),
      new RegExp(`MedicationRequest/${String(first.body.id)}`),
    );
    const overridden = await post(
      h,
      '/fhir/MedicationRequest',
      doctor,
      prescription(patientId, amlodipine(10), {
        extension: [override('sdupther', 'Dose change: the 5 mg one will be cancelled')],
      }),
    );
    assert.equal(overridden.response.status, 201);
  });

  it('refuses a daily dose above the maximum (drughigh), in tablets or in mg, unless overridden', async () => {
    const entry = amlodipine(5); // 10 mg a day at most
    const threeTablets = prescription(nextPatient(), entry, {
      dosageInstruction: [
        {
          timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd' } },
          doseAndRate: [
            {
              doseQuantity: {
                value: 1,
                unit: 'tabletka',
                system: 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm',
                code: 'TAB',
              },
            },
          ],
        },
      ],
    });
    const tablets = await post(h, '/fhir/MedicationRequest', doctor, threeTablets);
    assert.equal(tablets.response.status, 422);
    assert.deepEqual(findingsOf(tablets.body), ['drughigh']);
    assert.match(String((tablets.body.issue as Json[])[0]?.diagnostics), /15 mg; the maximum is 10 mg/);

    const inMg = prescription(nextPatient(), entry, {
      dosageInstruction: [
        {
          timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
          doseAndRate: [{ doseQuantity: { value: 7.5, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
        },
      ],
    });
    const mg = await post(h, '/fhir/MedicationRequest', doctor, inMg);
    assert.equal(mg.response.status, 422);
    assert.deepEqual(findingsOf(mg.body), ['drughigh']);

    const overridden = await post(h, '/fhir/MedicationRequest', doctor, {
      ...threeTablets,
      subject: { reference: `Patient/${nextPatient()}` },
      extension: [override('drughigh', 'Specialist regimen, monitored')],
    });
    assert.equal(overridden.response.status, 201);
  });

  it('accepts exactly the maximum daily dose', async () => {
    const twoTablets = prescription(nextPatient(), amlodipine(5), {
      dosageInstruction: [
        {
          timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
          doseAndRate: [{ doseQuantity: { value: 1, unit: 'tabletka', code: 'TAB' } }],
        },
      ],
    });
    const { response } = await post(h, '/fhir/MedicationRequest', doctor, twoTablets);
    assert.equal(response.status, 201);
  });

  it('reports every finding at once; overriding one leaves the others refusing', async () => {
    const patientId = freshPatientAllergicToPenicillin();
    const entry = amoxicillin();
    const max = entry.maxDailyDose;
    assert.ok(max, `${entry.medicationId} has a maximum daily dose`);
    const tabletsPerDay = Math.ceil(max.value / entry.strength.value) + 1;
    const overdose = prescription(patientId, entry, {
      dosageInstruction: [
        {
          timing: { repeat: { frequency: tabletsPerDay, period: 1, periodUnit: 'd' } },
          doseAndRate: [{ doseQuantity: { value: 1, unit: 'kapsula', code: 'CAP' } }],
        },
      ],
    });
    const both = await post(h, '/fhir/MedicationRequest', doctor, overdose);
    assert.equal(both.response.status, 422);
    assert.deepEqual(findingsOf(both.body), ['salg', 'drughigh']);
    const one = await post(h, '/fhir/MedicationRequest', doctor, {
      ...overdose,
      extension: [override('salg', 'Desensitised')],
    });
    assert.equal(one.response.status, 422);
    assert.deepEqual(findingsOf(one.body), ['drughigh']);
    const all = await post(h, '/fhir/MedicationRequest', doctor, {
      ...overdose,
      extension: [override('salg', 'Desensitised'), override('drughigh', 'Severe infection, ID consult')],
    });
    assert.equal(all.response.status, 201);
  });

  it('refuses an override without a reason (400)', async () => {
    const blank = prescription(freshPatientAllergicToPenicillin(), amoxicillin(), {
      extension: [override('salg', '   ')],
    });
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, blank);
    assert.equal(response.status, 400);
    assert.deepEqual((body.issue as Json[])[0]?.expression, ['MedicationRequest.extension[0]']);
  });
});
