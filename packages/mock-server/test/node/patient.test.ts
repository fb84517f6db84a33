import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { outcomeOf, startHarness, type Harness } from './harness.js';

const PINFL_SYSTEM = 'https://dhp.uz/fhir/core/sid/pid/uz/ni';

describe('Patient read and search', () => {
  let h: Harness;
  let doctor: string;
  before(async () => {
    h = await startHarness();
    doctor = await h.tokenFor('doctor');
  });
  after(() => h.close());

  const get = (path: string, token?: string) =>
    fetch(`${h.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const search = (form: Record<string, string>, token = doctor) =>
    fetch(`${h.url}/fhir/Patient/_search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });

  it('reads a UZ Core example patient as it was loaded, with version headers', async () => {
    const response = await get('/fhir/Patient/example-nodira', doctor);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/fhir\+json/);
    assert.equal(response.headers.get('etag'), 'W/"1"');
    const body = (await response.json()) as Record<string, unknown>;
    h.assertMatchesContract('readPatient', response, body);
    assert.deepEqual((body.name as unknown[])[0], {
      use: 'usual',
      text: 'Karimova Nodira Anvarovna',
      family: 'Karimova',
      given: ['Nodira'],
      suffix: ['Anvarovna'],
    });
  });

  it('answers 401 with an OperationOutcome when no token is sent', async () => {
    const response = await get('/fhir/Patient/example-nodira');
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
    const outcome = await outcomeOf(response);
    assert.equal(outcome.issue[0]?.code, 'login');
  });

  it('answers 401 to an unknown token', async () => {
    const response = await get('/fhir/Patient/example-nodira', 'not-a-token');
    assert.equal(response.status, 401);
    await outcomeOf(response);
  });

  it('answers 404 with an OperationOutcome for an unknown id', async () => {
    const response = await get('/fhir/Patient/no-such-patient', doctor);
    assert.equal(response.status, 404);
    const outcome = await outcomeOf(response);
    h.assertMatchesContract('readPatient', response, outcome);
    assert.equal(outcome.issue[0]?.code, 'not-found');
  });

  it('answers 400 to a malformed id, naming the parameter', async () => {
    const response = await get(`/fhir/Patient/${encodeURIComponent('bad id <script>')}`, doctor);
    assert.equal(response.status, 400);
    const outcome = await outcomeOf(response);
    assert.deepEqual(outcome.issue[0]?.expression, ['id']);
  });

  it('refuses a patient reading somebody else with 403', async () => {
    const patient = await h.tokenFor('patient');
    const response = await get('/fhir/Patient/example-david', patient);
    assert.equal(response.status, 403);
    assert.equal((await outcomeOf(response)).issue[0]?.code, 'forbidden');
  });

  it('finds a patient by PINFL through a POST body', async () => {
    const response = await search({ identifier: `${PINFL_SYSTEM}|40503855900021` });
    assert.equal(response.status, 200);
    const bundle = (await response.json()) as {
      type: string;
      total: number;
      entry: { resource: { id: string } }[];
      link: { url: string }[];
    };
    h.assertMatchesContract('searchPatients', response, bundle);
    assert.equal(bundle.type, 'searchset');
    assert.deepEqual(
      bundle.entry.map((entry) => entry.resource.id),
      ['example-nodira'],
    );
    assert.ok(
      bundle.link.every((link) => !link.url.includes('40503855900021')),
      'no PINFL in paging links',
    );
  });

  it('finds nobody for an unknown PINFL', async () => {
    const response = await search({ identifier: `${PINFL_SYSTEM}|11111111111111` });
    const bundle = (await response.json()) as { total: number; entry: unknown[] };
    assert.equal(bundle.total, 0);
    assert.deepEqual(bundle.entry, []);
  });

  it('finds by name whatever apostrophe the registrar typed', async () => {
    const response = await search({ family: 'Karimova', birthdate: '1985-03-05' });
    const bundle = (await response.json()) as { entry: { resource: { id: string } }[] };
    assert.ok(bundle.entry.some((entry) => entry.resource.id === 'example-nodira'));
  });

  it('answers 400 naming an unknown search parameter', async () => {
    const response = await search({ identifer: `${PINFL_SYSTEM}|40503855900021` });
    assert.equal(response.status, 400);
    const outcome = await outcomeOf(response);
    assert.ok(outcome.issue.some((issue) => issue.diagnostics?.includes('identifer')));
  });

  it('answers 400 to a JSON body where a form is expected, and to broken JSON', async () => {
    const wrongType = await fetch(`${h.url}/fhir/Patient/_search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${doctor}`, 'Content-Type': 'application/json' },
      body: '{"identifier":',
    });
    assert.equal(wrongType.status, 400);
    await outcomeOf(wrongType);
  });

  it('writes an AuditEvent for every read, without the search criteria', async () => {
    const before = [...h.server.state.store.all('AuditEvent')].length;
    await (await get('/fhir/Patient/example-nodira', doctor)).arrayBuffer();
    await (await search({ identifier: `${PINFL_SYSTEM}|40503855900021` })).arrayBuffer();
    const events = [...h.server.state.store.all('AuditEvent')];
    assert.equal(events.length, before + 2);
    const read = events.at(-2) as unknown as { action: string; patient: { reference: string } };
    assert.equal(read.action, 'R');
    assert.equal(read.patient.reference, 'Patient/example-nodira');
    assert.ok(!JSON.stringify(events.at(-1)).includes('40503855900021'), 'no PINFL in the audit trail');
  });
});
