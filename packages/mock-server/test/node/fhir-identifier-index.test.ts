// Conditional create and identifier searches go through the store's identifier index rather than a scan of the
// whole type: these check that the answers are still exactly those of FHIR token matching.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FhirClient, ids, REQUEST_ID_SYSTEM, temperature, type Outcome, type Resource } from './fhir-support.js';
import { startHarness, type Harness } from './harness.js';

const PATIENT = 'pt-dilnoza-yusupova';
const OTHER_SYSTEM = 'urn:example:device-reading';

function reading(value: number, identifier: { system?: string; value: string }[]): object {
  return { ...temperature(PATIENT, value, '2026-03-01T09:00:00+05:00'), identifier };
}

describe('identifier index: conditional create and identifier search', () => {
  let h: Harness;
  let fhir: FhirClient;
  let nurse: string;
  let doctor: string;
  before(async () => {
    h = await startHarness();
    fhir = new FhirClient(h);
    nurse = await h.tokenFor('nurse');
    doctor = await h.tokenFor('doctor');
  });
  after(() => h.close());

  it('a value carried under another system is no match: the create goes ahead', async () => {
    const value = crypto.randomUUID();
    const first = await fhir.create(reading(36.6, [{ system: OTHER_SYSTEM, value }]), nurse);
    assert.equal(first.status, 201);
    const second = await fhir.create(reading(36.7, [{ system: REQUEST_ID_SYSTEM, value }]), nurse, {
      'If-None-Exist': `identifier=${REQUEST_ID_SYSTEM}|${value}`,
    });
    assert.equal(second.status, 201, 'same value, other system: not a replay');
    assert.notEqual(second.body.id, first.body.id);
    const replay = await fhir.create(reading(36.7, [{ system: REQUEST_ID_SYSTEM, value }]), nurse, {
      'If-None-Exist': `identifier=${REQUEST_ID_SYSTEM}|${value}`,
    });
    assert.equal(replay.status, 200);
    assert.equal(replay.body.id, second.body.id);
    // Without a system, both carry the value: FHIR says that is two matches.
    const ambiguous = await fhir.create<Outcome>(reading(36.8, [{ value }]), nurse, {
      'If-None-Exist': `identifier=${value}`,
    });
    assert.equal(ambiguous.status, 412);
    assert.equal(ambiguous.body.issue[0]?.code, 'multiple-matches');
  });

  it('an identifier an update took away no longer matches; the one it added does', async () => {
    const oldValue = crypto.randomUUID();
    const newValue = crypto.randomUUID();
    const created = await fhir.create<Resource>(reading(37, [{ system: REQUEST_ID_SYSTEM, value: oldValue }]), nurse);
    assert.equal(created.status, 201);
    const updated = await fhir.update(
      { ...created.body, identifier: [{ system: REQUEST_ID_SYSTEM, value: newValue }] },
      nurse,
      'W/"1"',
    );
    assert.equal(updated.status, 200);
    const byNew = await fhir.create(reading(37, [{ system: REQUEST_ID_SYSTEM, value: newValue }]), nurse, {
      'If-None-Exist': `identifier=${REQUEST_ID_SYSTEM}|${newValue}`,
    });
    assert.equal(byNew.status, 200);
    assert.equal(byNew.body.id, created.body.id);
    const byOld = await fhir.create(reading(37, [{ system: REQUEST_ID_SYSTEM, value: oldValue }]), nurse, {
      'If-None-Exist': `identifier=${REQUEST_ID_SYSTEM}|${oldValue}`,
    });
    assert.equal(byOld.status, 201, 'the old value belongs to no current version');
    assert.notEqual(byOld.body.id, created.body.id);
  });

  it('POST _search identifier= finds alternatives (OR) in the store order, and `system|` still means any value', async () => {
    const values = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const made: string[] = [];
    for (const value of values) {
      const answer = await fhir.create(reading(36.5, [{ system: OTHER_SYSTEM, value }]), nurse);
      made.push(answer.body.id);
    }
    // Asked for in reverse order: the bundle keeps the order the store holds them in, as a scan would.
    const found = await fhir.search('Observation', { identifier: `${values[2]},${values[0]}`, _count: '50' }, doctor);
    assert.equal(found.status, 200);
    h.assertMatchesContract('searchObservations', found.response, found.body);
    assert.deepEqual(ids(found.body), [made[0], made[2]]);
    assert.equal(found.body.total, 2);
    const anyValue = await fhir.search('Observation', { identifier: `${OTHER_SYSTEM}|`, _count: '50' }, doctor);
    for (const id of made) assert.ok(ids(anyValue.body).includes(id), 'system| matches every value of the system');
  });

  it('after a reset, a request id sent before is new again', async () => {
    const requestId = crypto.randomUUID();
    const header = { 'If-None-Exist': `identifier=${REQUEST_ID_SYSTEM}|${requestId}` };
    const body = reading(36.9, [{ system: REQUEST_ID_SYSTEM, value: requestId }]);
    assert.equal((await fhir.create(body, nurse, header)).status, 201);
    const reset = await fetch(`${h.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(reset.status, 200);
    assert.equal((await fhir.create(body, nurse, header)).status, 201);
  });
});
