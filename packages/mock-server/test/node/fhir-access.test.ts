import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  FhirClient,
  ids,
  shifoCodes,
  temperature,
  type Outcome,
  type Resource,
  type Searchset,
} from './fhir-support.js';
import { isInPatientCompartment } from '../../src/fhir/access/patient-links.js';
import { resourceOperations } from '../../src/fhir/crud/resource-operations.js';
import { startHarness, type Harness } from './harness.js';

const DENIED = 'pt-akmal-nazarov';

function encounterAt(patientId: string, department: string): object {
  return {
    resourceType: 'Encounter',
    status: 'in-progress',
    class: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }] }],
    subject: { reference: `Patient/${patientId}` },
    serviceProvider: { reference: `Organization/${department}` },
    actualPeriod: { start: '2026-02-20T09:00:00+05:00' },
  };
}

describe('FHIR access policy', () => {
  let h: Harness;
  let fhir: FhirClient;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user]!;

  before(async () => {
    h = await startHarness();
    fhir = new FhirClient(h);
    for (const user of [
      'doctor',
      'doctor2',
      'doctor3',
      'nurse',
      'registrar',
      'registrar2',
      'pharmacist',
      'patient',
      'admin',
      'admin2',
      'display',
    ]) {
      tokens[user] = await h.tokenFor(user);
    }
  });
  after(() => h.close());

  describe('roles', () => {
    it('a registrar gets no clinical data: 403 role-forbidden on Condition read and search', async () => {
      const read = await fhir.get<Outcome>('/fhir/Condition/cond-dilnoza-yusupova-01', token('registrar'));
      assert.equal(read.status, 403);
      assert.deepEqual(shifoCodes(read.body), ['role-forbidden']);
      const search = await fhir.get<Outcome>('/fhir/Condition?patient=pt-dilnoza-yusupova', token('registrar'));
      assert.equal(search.status, 403);
    });

    it('a registrar reads demographics and the directory', async () => {
      assert.equal((await fhir.get('/fhir/Patient/pt-dilnoza-yusupova', token('registrar'))).status, 200);
      assert.equal((await fhir.get('/fhir/PractitionerRole/prole-f1-gp1', token('registrar'))).status, 200);
    });

    it('a display sees locations and nothing clinical', async () => {
      assert.equal((await fhir.get('/fhir/Location/loc-yunusobod-waiting-room', token('display'))).status, 200);
      const clinical = await fhir.get<Outcome>('/fhir/Observation/obs-lh-00001', token('display'));
      assert.equal(clinical.status, 403);
    });
  });

  describe('patients: own records only', () => {
    it('matches the contract: `x-shifo-own-only: [patient]` exactly on the patient compartment', () => {
      for (const operation of resourceOperations.values()) {
        if (!operation.roles.includes('patient')) continue;
        assert.equal(
          operation.ownOnly.includes('patient'),
          isInPatientCompartment(operation.type),
          `${operation.operationId}: the policy's compartment and the contract's x-shifo-own-only disagree`,
        );
      }
    });

    it('reads their own record and condition, not somebody else’s (not-own-record)', async () => {
      assert.equal((await fhir.get('/fhir/Patient/pt-dilnoza-yusupova', token('patient'))).status, 200);
      assert.equal((await fhir.get('/fhir/Condition/cond-dilnoza-yusupova-01', token('patient'))).status, 200);
      for (const path of ['/fhir/Patient/long-history', '/fhir/Observation/obs-lh-00001']) {
        const other = await fhir.get<Outcome>(path, token('patient'));
        assert.equal(other.status, 403, path);
        assert.deepEqual(shifoCodes(other.body), ['not-own-record']);
      }
    });

    it('searches are limited to the own compartment; naming another patient is 403 (the contract)', async () => {
      const own = await fhir.get<Searchset>('/fhir/MedicationRequest?_count=100', token('patient'));
      assert.equal(own.status, 200);
      assert.ok(own.body.total > 0);
      for (const entry of own.body.entry) {
        assert.equal((entry.resource.subject as { reference: string }).reference, 'Patient/pt-dilnoza-yusupova');
      }
      const other = await fhir.get<Outcome>('/fhir/Observation?patient=long-history', token('patient'));
      assert.equal(other.status, 403);
      assert.deepEqual(shifoCodes(other.body), ['not-own-record']);
      const ownByName = await fhir.get<Searchset>(
        '/fhir/Observation?patient=Patient/pt-dilnoza-yusupova',
        token('patient'),
      );
      assert.equal(ownByName.status, 200);
    });

    it('reads their own audit trail, including who read their record', async () => {
      await fhir.get('/fhir/Condition/cond-dilnoza-yusupova-01', token('doctor'));
      const trail = await fhir.get<Searchset>('/fhir/AuditEvent?_count=100&_sort=-date', token('patient'));
      assert.equal(trail.status, 200);
      h.assertMatchesContract('listAuditEvents', trail.response, trail.body);
      assert.ok(trail.body.total > 0);
      for (const entry of trail.body.entry) {
        assert.equal((entry.resource.patient as { reference: string }).reference, 'Patient/pt-dilnoza-yusupova');
      }
      assert.ok(
        trail.body.entry.some((entry) =>
          JSON.stringify(entry.resource.entity ?? []).includes('Condition/cond-dilnoza-yusupova-01'),
        ),
      );
      const foreign = await fhir.get<Outcome>(`/fhir/AuditEvent?patient=${DENIED}`, token('patient'));
      assert.equal(foreign.status, 403);
      h.assertMatchesContract('listAuditEvents', foreign.response, foreign.body);
    });

    it('may not write for somebody else (not-own-record)', async () => {
      const answer = await fhir.create<Outcome>(
        {
          resourceType: 'QuestionnaireResponse',
          status: 'completed',
          questionnaire: 'https://dhp.uz/fhir/core/Questionnaire/PatientSatisfactionQuestionnaire',
          subject: { reference: 'Patient/long-history' },
        },
        token('patient'),
      );
      assert.equal(answer.status, 403);
      assert.deepEqual(shifoCodes(answer.body), ['not-own-record']);
    });
  });

  describe('consent "deny"', () => {
    it('facility 2’s doctor gets 403 consent-denied on conditions and the patient; allergies stay visible', async () => {
      const condition = await fhir.get<Outcome>(`/fhir/Condition/cond-akmal-nazarov-01`, token('doctor2'));
      assert.equal(condition.status, 403);
      assert.deepEqual(shifoCodes(condition.body), ['consent-denied']);
      h.assertMatchesContract('readCondition', condition.response, condition.body);
      const patient = await fhir.get<Outcome>(`/fhir/Patient/${DENIED}`, token('doctor2'));
      assert.deepEqual(shifoCodes(patient.body), ['consent-denied']);
      const allergy = await fhir.get('/fhir/AllergyIntolerance/ai-akmal-nazarov-01', token('doctor2'));
      assert.equal(allergy.status, 200);
      const allergies = await fhir.get<Searchset>(`/fhir/AllergyIntolerance?patient=${DENIED}`, token('doctor2'));
      assert.deepEqual(ids(allergies.body), ['ai-akmal-nazarov-01']);
    });

    it('searches leave the patient out without a word', async () => {
      const treating = await fhir.get<Searchset>(`/fhir/Condition?patient=${DENIED}`, token('doctor'));
      assert.ok(treating.body.total > 0);
      const outside = await fhir.get<Searchset>(`/fhir/Condition?patient=${DENIED}`, token('doctor2'));
      assert.equal(outside.status, 200);
      assert.equal(outside.body.total, 0);
      const byCode = await fhir.get<Searchset>('/fhir/Condition?code=K29.5&_count=100', token('doctor2'));
      assert.ok(!byCode.body.entry.some((entry) => JSON.stringify(entry.resource).includes(DENIED)));
    });

    it('the treating facility’s doctor and nurse see everything', async () => {
      assert.equal((await fhir.get('/fhir/Condition/cond-akmal-nazarov-01', token('doctor'))).status, 200);
      assert.equal((await fhir.get(`/fhir/Patient/${DENIED}`, token('nurse'))).status, 200);
    });

    it('staff of other facilities read the records of patients who did not refuse (the national record)', async () => {
      assert.equal((await fhir.get('/fhir/Condition/cond-dilnoza-yusupova-01', token('doctor2'))).status, 200);
    });

    it('a booking made at facility 2 is visible there, and to nobody else outside the treating facility', async () => {
      const booking = await fhir.create(
        {
          resourceType: 'Appointment',
          status: 'proposed',
          subject: { reference: 'Patient/pt-013' },
          participant: [
            { actor: { reference: 'Patient/pt-013' }, status: 'accepted' },
            { actor: { reference: 'Location/loc-tashkent-hospital-registry' }, status: 'accepted' },
          ],
        },
        token('registrar2'),
      );
      assert.equal(booking.status, 201);
      const path = `/fhir/Appointment/${booking.body.id}`;
      assert.equal((await fhir.get(path, token('registrar2'))).status, 200);
      assert.equal((await fhir.get(path, token('admin2'))).status, 200);
      assert.equal((await fhir.get(path, token('admin'))).status, 200, 'facility 1 manages the patient');
      const outside = await fhir.get<Outcome>(path, token('doctor3'));
      assert.deepEqual(shifoCodes(outside.body), ['consent-denied']);
      const patientRecord = await fhir.get<Outcome>('/fhir/Patient/pt-013', token('registrar2'));
      assert.deepEqual(shifoCodes(patientRecord.body), ['consent-denied'], 'a booking is not a treating relation');
    });

    it('an encounter at facility 2 makes its doctor a treating one', async () => {
      const before = await fhir.get('/fhir/Condition/cond-jasur-aliyev-01', token('doctor2'));
      assert.equal(before.status, 403);
      const encounter = await fhir.create(
        encounterAt('pt-jasur-aliyev', 'org-tashkent-city-hospital-cardio'),
        token('registrar2'),
      );
      assert.equal(encounter.status, 201);
      assert.equal((await fhir.get('/fhir/Condition/cond-jasur-aliyev-01', token('doctor2'))).status, 200);
    });
  });

  describe('writes need a treating facility', () => {
    it('another facility’s doctor may not add to a patient’s record until they see the patient there', async () => {
      const refused = await fhir.create<Outcome>(
        temperature('pt-dilnoza-yusupova', 37.1, '2026-02-21T09:00:00+05:00'),
        token('doctor3'),
      );
      assert.equal(refused.status, 403);
      assert.equal(refused.body.issue[0]?.code, 'forbidden');
      const encounter = await fhir.create(
        encounterAt('pt-dilnoza-yusupova', 'org-nukus-polyclinic-gp'),
        token('doctor3'),
      );
      assert.equal(encounter.status, 201);
      const accepted = await fhir.create(
        temperature('pt-dilnoza-yusupova', 37.1, '2026-02-21T09:00:00+05:00'),
        token('doctor3'),
      );
      assert.equal(accepted.status, 201);
    });

    it('a patient no facility has seen yet is open to a first visit', async () => {
      const registered = await fhir.create(
        {
          resourceType: 'Patient',
          identifier: [{ system: 'urn:shifo:request-id', value: crypto.randomUUID() }],
          name: [{ family: 'Yangi', given: ['Bemor'] }],
        },
        token('registrar2'),
      );
      assert.equal(registered.status, 201);
      const observation = await fhir.create(
        temperature(registered.body.id, 36.8, '2026-02-22T09:00:00+05:00'),
        token('doctor3'),
      );
      assert.equal(observation.status, 201);
    });

    it('an admin changes only their own facility’s directory', async () => {
      const hospital = await fhir.get('/fhir/Organization/org-tashkent-city-hospital', token('admin'));
      const etag = hospital.headers.get('etag') ?? '';
      const foreign = await fhir.update<Outcome>({ ...hospital.body, alias: ['X'] }, token('admin'), etag);
      assert.equal(foreign.status, 403);
      const own = await fhir.update({ ...hospital.body, alias: ['Shahar shifoxonasi'] }, token('admin2'), etag);
      assert.equal(own.status, 200);
    });
  });

  describe('pharmacists', () => {
    it('see the minimal data of a patient with a prescription, labelled REDACTED', async () => {
      const answer = await fhir.get<Resource>('/fhir/Patient/pt-dilnoza-yusupova', token('pharmacist'));
      assert.equal(answer.status, 200);
      h.assertMatchesContract('readPatient', answer.response, answer.body);
      assert.ok(answer.body.name && answer.body.birthDate && answer.body.identifier);
      assert.equal(answer.body.address, undefined);
      assert.equal(answer.body.telecom, undefined);
      assert.ok(answer.body.meta?.security?.some((label) => label.code === 'REDACTED'));
      const prescriptions = await fhir.get<Searchset>(
        '/fhir/MedicationRequest?patient=pt-dilnoza-yusupova&_include=MedicationRequest:patient',
        token('pharmacist'),
      );
      const included = prescriptions.body.entry.find((entry) => entry.resource.resourceType === 'Patient');
      assert.equal(included?.resource.address, undefined, 'included patients are minimal too');
    });

    it('see nothing of a patient without a prescription', async () => {
      const answer = await fhir.get<Outcome>('/fhir/Patient/pt-001', token('pharmacist'));
      assert.equal(answer.status, 403);
      const search = await fhir.search('Patient', { family: 'Sobirov' }, token('pharmacist'));
      assert.ok(!ids(search.body).includes('pt-001'));
    });
  });
});
