import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  auditCount,
  auditEventsSince,
  FhirClient,
  ids,
  REQUEST_ID_SYSTEM,
  shifoCodes,
  systemToken,
  temperature,
  type Outcome,
  type Resource,
  type Searchset,
} from './fhir-support.js';
import { startHarness, type Harness } from './harness.js';

describe('FHIR create and update', () => {
  let h: Harness;
  let fhir: FhirClient;
  let doctor: string;
  let nurse: string;
  let admin: string;
  before(async () => {
    h = await startHarness();
    fhir = new FhirClient(h);
    doctor = await h.tokenFor('doctor');
    nurse = await h.tokenFor('nurse');
    admin = await h.tokenFor('admin');
  });
  after(() => h.close());

  describe('create', () => {
    it('201 with a server id, version 1, a versioned Location and the ETag', async () => {
      const answer = await fhir.create(
        { ...temperature('pt-dilnoza-yusupova', 37.2, '2026-01-10T09:00:00+05:00'), id: 'chosen-by-client' },
        nurse,
      );
      assert.equal(answer.status, 201);
      h.assertMatchesContract('createObservation', answer.response, answer.body);
      assert.notEqual(answer.body.id, 'chosen-by-client', 'the server assigns ids');
      assert.equal(answer.body.meta?.versionId, '1');
      assert.ok(answer.body.meta?.lastUpdated);
      assert.equal(answer.headers.get('etag'), 'W/"1"');
      assert.equal(answer.headers.get('location'), `${h.url}/fhir/Observation/${answer.body.id}/_history/1`);
      const read = await fhir.get(`/fhir/Observation/${answer.body.id}`, doctor);
      assert.deepEqual(read.body, answer.body, 'reads back exactly as answered');
    });

    it('creates directory records and patients too (several types, one code path)', async () => {
      const location = await fhir.create(
        {
          resourceType: 'Location',
          status: 'active',
          name: 'Xona 301',
          managingOrganization: { reference: 'Organization/org-yunusobod-polyclinic-gp' },
        },
        admin,
      );
      assert.equal(location.status, 201);
      h.assertMatchesContract('createLocation', location.response, location.body);
      const patient = await fhir.create(
        {
          resourceType: 'Patient',
          identifier: [{ system: REQUEST_ID_SYSTEM, value: crypto.randomUUID() }],
          name: [{ family: 'Qodirov', given: ['Sanjar'] }],
          gender: 'male',
          birthDate: '1999-02-03',
          managingOrganization: { reference: 'Organization/org-yunusobod-polyclinic' },
        },
        await h.tokenFor('registrar'),
      );
      assert.equal(patient.status, 201);
      h.assertMatchesContract('createPatient', patient.response, patient.body);
    });

    it('400 when the body is another type than the path', async () => {
      const answer = await fhir.call<Outcome>('POST', '/fhir/Condition', doctor, {
        headers: { 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify(temperature('pt-dilnoza-yusupova', 37, '2026-01-10')),
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.resourceType, 'OperationOutcome');
    });

    it('conditional create twice with the same request id makes one resource; the replay answers 200', async () => {
      const requestId = crypto.randomUUID();
      const body = temperature('pt-dilnoza-yusupova', 36.9, '2026-01-11T09:00:00+05:00', requestId);
      const header = { 'If-None-Exist': `identifier=${REQUEST_ID_SYSTEM}|${requestId}` };
      const first = await fhir.create(body, nurse, header);
      const replay = await fhir.create(body, nurse, header);
      assert.equal(first.status, 201);
      assert.equal(replay.status, 200);
      h.assertMatchesContract('createObservation', replay.response, replay.body);
      assert.equal(replay.body.id, first.body.id);
      assert.equal(replay.headers.get('etag'), 'W/"1"');
      const stored = [...h.server.state.store.all('Observation')].filter((o) =>
        JSON.stringify(o.identifier ?? []).includes(requestId),
      );
      assert.equal(stored.length, 1);
    });

    it('412 multiple-matches when If-None-Exist matches several', async () => {
      const answer = await fhir.create(temperature('pt-dilnoza-yusupova', 36.6, '2026-01-12T09:00:00+05:00'), doctor, {
        'If-None-Exist': 'patient=pt-dilnoza-yusupova',
      });
      assert.equal(answer.status, 412);
      assert.equal((answer.body as unknown as Outcome).issue[0]?.code, 'multiple-matches');
      h.assertMatchesContract('createObservation', answer.response, answer.body);
    });

    it('400 for an If-None-Exist naming an unknown parameter', async () => {
      const answer = await fhir.create(temperature('pt-dilnoza-yusupova', 36.6, '2026-01-12'), doctor, {
        'If-None-Exist': 'colour=blue',
      });
      assert.equal(answer.status, 400);
      assert.deepEqual((answer.body as unknown as Outcome).issue[0]?.expression, ['If-None-Exist']);
    });

    it('writes an AuditEvent for a create of patient data', async () => {
      const from = auditCount(h);
      const created = await fhir.create(temperature('pt-dilnoza-yusupova', 37, '2026-01-13T09:00:00+05:00'), nurse);
      const events = auditEventsSince(h, from);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.action, 'C');
      assert.deepEqual(events[0]?.entity, [{ what: { reference: `Observation/${created.body.id}` } }]);
    });
  });

  describe('update', () => {
    async function freshObservation(): Promise<Resource> {
      const created = await fhir.create(temperature('pt-dilnoza-yusupova', 37.5, '2026-02-01T10:00:00+05:00'), nurse);
      assert.equal(created.status, 201);
      return created.body;
    }

    it('replaces with If-Match W/"n" or "n"; each update is a new version', async () => {
      const observation = await freshObservation();
      const weak = await fhir.update({ ...observation, status: 'amended' }, nurse, 'W/"1"');
      assert.equal(weak.status, 200);
      h.assertMatchesContract('updateObservation', weak.response, weak.body);
      assert.equal(weak.body.meta?.versionId, '2');
      assert.equal(weak.headers.get('etag'), 'W/"2"');
      const strong = await fhir.update({ ...weak.body, status: 'corrected' }, nurse, '"2"');
      assert.equal(strong.status, 200);
      assert.equal(strong.body.meta?.versionId, '3');
      assert.equal(h.server.state.store.history('Observation', observation.id).length, 3, 'history is kept');
    });

    it('412 if-match-required without If-Match (not the generic 400)', async () => {
      const observation = await freshObservation();
      const answer = await fhir.update<Outcome>(observation, nurse);
      assert.equal(answer.status, 412);
      assert.deepEqual(shifoCodes(answer.body), ['if-match-required']);
      h.assertMatchesContract('updateObservation', answer.response, answer.body);
    });

    it('412 version-mismatch for a stale If-Match, and nothing changes', async () => {
      const observation = await freshObservation();
      await fhir.update({ ...observation, status: 'amended' }, nurse, 'W/"1"');
      const stale = await fhir.update<Outcome>({ ...observation, status: 'cancelled' }, nurse, 'W/"1"');
      assert.equal(stale.status, 412);
      assert.deepEqual(shifoCodes(stale.body), ['version-mismatch']);
      assert.equal(h.server.state.store.read('Observation', observation.id)?.status, 'amended');
    });

    it('400 when the body id differs from the path, 404 for an unknown id', async () => {
      const observation = await freshObservation();
      const mismatch = await fhir.call<Outcome>('PUT', `/fhir/Observation/${observation.id}`, nurse, {
        headers: { 'Content-Type': 'application/fhir+json', 'If-Match': 'W/"1"' },
        body: JSON.stringify({ ...observation, id: 'another-id' }),
      });
      assert.equal(mismatch.status, 400);
      assert.deepEqual(mismatch.body.issue[0]?.expression, ['Observation.id']);
      const unknown = await fhir.update<Outcome>({ ...observation, id: 'no-such-observation' }, nurse, 'W/"1"');
      assert.equal(unknown.status, 404);
    });

    it('updates other types through the same path (Organization by its admin, Patient by a registrar)', async () => {
      const organization = await fhir.get('/fhir/Organization/org-yunusobod-polyclinic-ped', admin);
      const renamed = await fhir.update(
        { ...organization.body, alias: ['Bolalar boʻlimi'] },
        admin,
        organization.headers.get('etag') ?? '',
      );
      assert.equal(renamed.status, 200);
      h.assertMatchesContract('updateOrganization', renamed.response, renamed.body);
      const registrar = await h.tokenFor('registrar');
      const patient = await fhir.get('/fhir/Patient/pt-dilnoza-yusupova', registrar);
      const moved = await fhir.update(
        { ...patient.body, telecom: [{ system: 'phone', value: '+998901112233' }] },
        registrar,
        patient.headers.get('etag') ?? '',
      );
      assert.equal(moved.status, 200);
      h.assertMatchesContract('updatePatient', moved.response, moved.body);
    });

    it('has no DELETE: a record is retired by status', async () => {
      const observation = await freshObservation();
      const answer = await fhir.call<Outcome>('DELETE', `/fhir/Observation/${observation.id}`, nurse);
      assert.equal(answer.status, 405);
      assert.ok(h.server.state.store.read('Observation', observation.id));
    });

    it('writes an AuditEvent for updates, failed ones with an error outcome', async () => {
      const observation = await freshObservation();
      const from = auditCount(h);
      await fhir.update({ ...observation, status: 'amended' }, nurse, 'W/"1"');
      await fhir.update({ ...observation, status: 'amended' }, nurse, 'W/"1"');
      const events = auditEventsSince(h, from) as (Resource & { outcome: { code: { code: string } } })[];
      assert.deepEqual(
        events.map((event) => [event.action, event.outcome.code.code]),
        [
          ['U', 'success'],
          ['U', 'error'],
        ],
      );
    });
  });

  it('a HIS back end (system) creates and searches for its facility', async () => {
    const system = systemToken(h);
    const created = await fhir.create(temperature('pt-dilnoza-yusupova', 36.7, '2026-02-02T10:00:00+05:00'), system);
    assert.equal(created.status, 201);
    const found = await fhir.get<Searchset>(`/fhir/Observation?patient=pt-dilnoza-yusupova&date=2026-02-02`, system);
    assert.ok(ids(found.body).includes(created.body.id));
  });
});
