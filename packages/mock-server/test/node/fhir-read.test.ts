import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditCount, auditEventsSince, FhirClient, shifoCodes, type Outcome, type Resource } from './fhir-support.js';
import { startHarness, type Harness } from './harness.js';

describe('FHIR read', () => {
  let h: Harness;
  let fhir: FhirClient;
  let doctor: string;
  before(async () => {
    h = await startHarness();
    fhir = new FhirClient(h);
    doctor = await h.tokenFor('doctor');
  });
  after(() => h.close());

  for (const [type, id] of [
    ['Patient', 'pt-dilnoza-yusupova'],
    ['Condition', 'cond-dilnoza-yusupova-01'],
    ['Observation', 'obs-lh-00001'],
    ['MedicationRequest', 'mr-dilnoza-yusupova-0001'],
    ['Encounter', 'enc-lh-0001'],
    ['Organization', 'org-yunusobod-polyclinic'],
    ['Location', 'loc-yunusobod-waiting-room'],
    ['PractitionerRole', 'prole-f1-gp1'],
    ['Medication', 'med-paracetamol-500mg-tab'],
    ['Questionnaire', 'PatientSatisfactionQuestionnaire'],
  ] as const) {
    it(`reads ${type}/${id} with ETag, Last-Modified and a body the contract promises`, async () => {
      const answer = await fhir.get(`/fhir/${type}/${id}`, doctor);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.resourceType, type);
      assert.equal(answer.body.id, id);
      assert.equal(answer.headers.get('etag'), `W/"${answer.body.meta?.versionId}"`);
      assert.equal(
        answer.headers.get('last-modified'),
        new Date(answer.body.meta?.lastUpdated ?? '').toUTCString(),
        'Last-Modified is meta.lastUpdated as an HTTP date',
      );
      h.assertMatchesContract(`read${type}`, answer.response, answer.body);
    });
  }

  it('answers 404 with an OperationOutcome for unknown ids of any type', async () => {
    for (const type of ['Condition', 'Medication', 'Slot']) {
      const answer = await fhir.get<Outcome>(`/fhir/${type}/no-such-${type.toLowerCase()}`, doctor);
      assert.equal(answer.status, 404, type);
      assert.equal(answer.body.issue[0]?.code, 'not-found');
      h.assertMatchesContract(`read${type}`, answer.response, answer.body);
    }
  });

  it('answers 401 without a token and 403 to a role the contract leaves out', async () => {
    const anonymous = await fhir.get<Outcome>('/fhir/Condition/cond-dilnoza-yusupova-01');
    assert.equal(anonymous.status, 401);
    const registrar = await fhir.get<Outcome>(
      '/fhir/Condition/cond-dilnoza-yusupova-01',
      await h.tokenFor('registrar'),
    );
    assert.equal(registrar.status, 403);
    assert.deepEqual(shifoCodes(registrar.body), ['role-forbidden']);
  });

  it('reads the current version after an update, with the new ETag', async () => {
    const before = await fhir.get('/fhir/Organization/org-yunusobod-polyclinic-lab', doctor);
    const admin = await h.tokenFor('admin');
    const updated = await fhir.update({ ...before.body, active: true }, admin, before.headers.get('etag') ?? '');
    assert.equal(updated.status, 200);
    const after = await fhir.get('/fhir/Organization/org-yunusobod-polyclinic-lab', doctor);
    assert.equal(after.body.meta?.versionId, String(Number(before.body.meta?.versionId) + 1));
    assert.equal(after.headers.get('etag'), `W/"${after.body.meta?.versionId}"`);
  });

  it('writes an AuditEvent for a read of patient data, and one with an error outcome for a refused read', async () => {
    const from = auditCount(h);
    await fhir.get('/fhir/Condition/cond-dilnoza-yusupova-01', doctor);
    const patient = await h.tokenFor('patient');
    const refused = await fhir.get<Outcome>('/fhir/Condition/cond-akmal-nazarov-01', patient);
    assert.equal(refused.status, 403);
    const events = auditEventsSince(h, from) as (Resource & {
      action: string;
      patient?: { reference: string };
      entity?: { what: { reference: string } }[];
      outcome: { code: { code: string } };
    })[];
    assert.equal(events.length, 2);
    assert.equal(events[0]?.action, 'R');
    assert.equal(events[0]?.patient?.reference, 'Patient/pt-dilnoza-yusupova');
    assert.equal(events[0]?.entity?.[0]?.what.reference, 'Condition/cond-dilnoza-yusupova-01');
    assert.equal(events[0]?.outcome.code.code, 'success');
    assert.equal(events[1]?.outcome.code.code, 'error');
    assert.equal(events[1]?.patient?.reference, 'Patient/pt-akmal-nazarov');
  });

  it('does not audit reads of the directory or formulary (no patient data)', async () => {
    const from = auditCount(h);
    await fhir.get('/fhir/Medication/med-paracetamol-500mg-tab', doctor);
    await fhir.get('/fhir/Organization/org-yunusobod-polyclinic', doctor);
    assert.equal(auditEventsSince(h, from).length, 0);
  });
});
