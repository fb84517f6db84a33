import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { outcomeOf, startHarness, type Harness } from './harness.js';

interface LogEntry {
  id: string;
  method: string;
  route: string;
  operationId?: string;
  status: number;
  role?: string;
  user?: string;
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the dev-only admin API', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('lists demo users and HIS back ends with their default scopes', async () => {
    const response = await fetch(`${h.url}/__admin/users`);
    const body = (await response.json()) as { users: { id: string; role: string; scope: string; patient?: string }[] };
    h.assertMatchesContract('listDemoUsers', response, body);
    const byId = new Map(body.users.map((user) => [user.id, user]));
    assert.equal(byId.get('doctor')?.scope, 'user/*.cruds queue feedback');
    assert.equal(byId.get('patient')?.patient, 'pt-dilnoza-yusupova');
    assert.equal(byId.get('his-yunusobod')?.role, 'system');
    assert.equal(byId.get('shifo-web'), undefined, 'public clients have no tokens of their own');
  });

  it('mints tokens for users by username or id, and for back ends', async () => {
    for (const [user, role] of [
      ['doctor', 'doctor'],
      ['user-nurse', 'nurse'],
      ['his-nukus', 'system'],
    ] as const) {
      const response = await fetch(`${h.url}/__admin/tokens`, json({ user }));
      const body = (await response.json()) as { role: string; access_token: string };
      h.assertMatchesContract('createDevToken', response, body);
      assert.equal(body.role, role);
      const read = await fetch(`${h.url}/fhir/Organization/org-nukus-polyclinic`, {
        headers: { Authorization: `Bearer ${body.access_token}` },
      });
      assert.equal(read.status, 200, `${user} reads an Organization`);
    }
    const unknown = await fetch(`${h.url}/__admin/tokens`, json({ user: 'nobody' }));
    assert.equal(unknown.status, 404);
    await outcomeOf(unknown);
  });

  it('logs requests by route template, newest first, without ids or query values', async () => {
    const { access_token } = (await (await fetch(`${h.url}/__admin/tokens`, json({ user: 'doctor' }))).json()) as {
      access_token: string;
    };
    const marker = (await (await fetch(`${h.url}/__admin/requests?limit=1`)).json()) as { requests: LogEntry[] };
    const since = marker.requests[0]!.id;
    await fetch(`${h.url}/fhir/Patient/pt-dilnoza-yusupova`, { headers: { Authorization: `Bearer ${access_token}` } });
    await fetch(`${h.url}/fhir/Observation?patient=pt-dilnoza-yusupova&code=8867-4`, {
      headers: { Authorization: `Bearer ${access_token}` },
    });

    const response = await fetch(`${h.url}/__admin/requests?since=${since}`);
    const body = (await response.json()) as { requests: LogEntry[] };
    h.assertMatchesContract('listRequests', response, body);
    assert.deepEqual(
      body.requests.map((entry) => entry.route),
      ['/fhir/Observation', '/fhir/Patient/{id}', '/__admin/requests'],
      'only what came after `since` (the marker request itself), newest first',
    );
    assert.equal(body.requests[1]?.operationId, 'readPatient');
    assert.equal(body.requests[1]?.role, 'doctor');
    assert.equal(body.requests[1]?.user, 'user-doctor');
    const text = JSON.stringify(body);
    assert.doesNotMatch(text, /dilnoza|8867|Bearer/, 'no ids, query values or tokens in the log');

    const limited = (await (await fetch(`${h.url}/__admin/requests?limit=2`)).json()) as { requests: LogEntry[] };
    assert.equal(limited.requests.length, 2);
  });

  it('resets the store, keeps tokens valid, and reports the counts', async () => {
    const { access_token } = (await (await fetch(`${h.url}/__admin/tokens`, json({ user: 'admin' }))).json()) as {
      access_token: string;
    };
    const created = await fetch(`${h.url}/fhir/Organization`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Organization', name: 'Reset me' }),
    });
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };

    const response = await fetch(`${h.url}/__admin/reset`, json({ seed: 'minimal' }));
    const body = (await response.json()) as { seed: string; counts: Record<string, number> };
    h.assertMatchesContract('resetStore', response, body);
    assert.equal(body.seed, 'minimal');
    assert.ok((body.counts.Patient ?? 0) > 0);

    const gone = await fetch(`${h.url}/fhir/Organization/${id}`, {
      headers: { Authorization: `Bearer ${access_token}` },
    });
    assert.equal(gone.status, 404, 'the write is gone and the old token still works');
    await fetch(`${h.url}/__admin/reset`, json({ seed: 'demo' }));
  });
});

describe('--no-admin', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ seed: 'none', admin: false });
  });
  after(() => h.close());

  it('answers 404 on every /__admin path', async () => {
    for (const [method, path] of [
      ['POST', '/__admin/tokens'],
      ['GET', '/__admin/users'],
      ['POST', '/__admin/reset'],
      ['GET', '/__admin/faults'],
      ['PUT', '/__admin/faults'],
      ['GET', '/__admin/requests'],
    ] as const) {
      const response = await fetch(`${h.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: method === 'GET' ? null : '{"user":"doctor"}',
      });
      assert.equal(response.status, 404, `${method} ${path}`);
    }
    assert.equal((await fetch(`${h.url}/fhir/metadata`)).status, 200, 'the rest is served');
  });
});
