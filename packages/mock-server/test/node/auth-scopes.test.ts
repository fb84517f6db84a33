import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultScopes } from '../../src/auth/role-scopes.js';
import { scopeRequirements } from '../../src/auth/scope-requirements.js';
import { canonicalScopes, intersectScopes, satisfiesAll } from '../../src/auth/scopes.js';
import { loadContract } from '../../src/contract/load-contract.js';
import { listOperations } from '../../src/contract/operations.js';
import type { Principal } from '../../src/auth/principal.js';
import { outcomeOf, startHarness, type Harness } from './harness.js';

type Role = Principal['role'];

describe('SMART v2 scope rules', () => {
  it('a wildcard with the letter grants the type; another context or letter does not', () => {
    assert.ok(satisfiesAll(['user/*.rs'], ['user/Patient.r']));
    assert.ok(satisfiesAll(['user/*.rs'], ['user/Patient.s']));
    assert.ok(!satisfiesAll(['user/*.rs'], ['user/Patient.c']));
    assert.ok(satisfiesAll(['system/*.cruds'], ['system/MedicationRequest.c']));
    assert.ok(satisfiesAll(['user/MedicationRequest.cruds'], ['user/MedicationRequest.c']));
    assert.ok(!satisfiesAll(['user/Condition.cruds'], ['user/MedicationRequest.c']));
    assert.ok(!satisfiesAll(['patient/*.rs'], ['user/Patient.r']));
    assert.ok(satisfiesAll(['queue'], ['queue']));
    assert.ok(!satisfiesAll(['queue'], ['feedback']));
    assert.ok(satisfiesAll(['user/*.read'], ['user/Observation.s']), 'SMART v1 read = rs');
    assert.ok(
      !satisfiesAll(['user/*.rsu?category=vital-signs'], ['user/Observation.r']),
      'granular scopes unsupported',
    );
  });

  it('intersects what is asked for with what may be had, type by type and letter by letter', () => {
    assert.deepEqual(intersectScopes(['user/*.cruds'], ['user/Patient.rs']), ['user/Patient.rs']);
    assert.deepEqual(intersectScopes(['user/Patient.cruds', 'queue', 'admin'], ['user/*.rs', 'queue']), [
      'user/Patient.rs',
      'queue',
    ]);
    assert.deepEqual(intersectScopes(['system/*.rs'], ['user/*.cruds']), []);
    assert.deepEqual(canonicalScopes(['system/*.read', 'system/*.write', 'system/Patient.r']), ['system/*.cruds']);
  });

  it("every role's default scopes allow every operation the contract lets that role call", () => {
    const contract = loadContract();
    const requirements = scopeRequirements(contract);
    const gaps: string[] = [];
    for (const operation of listOperations(contract)) {
      const alternatives = requirements.get(operation.operationId);
      for (const role of operation.roles) {
        if (role === 'public' || role === 'dev') continue;
        const scopes = defaultScopes(role as Role);
        if (alternatives && !alternatives.some((required) => satisfiesAll(scopes, required))) {
          gaps.push(`${role} → ${operation.operationId}`);
        }
      }
    }
    assert.deepEqual(gaps, []);
    assert.deepEqual(requirements.get('readPatient'), [
      ['user/Patient.r'],
      ['patient/Patient.r'],
      ['system/Patient.r'],
    ]);
    assert.deepEqual(requirements.get('processTransaction'), [[]], 'a transaction needs only a valid token');
    assert.equal(requirements.get('requestToken'), undefined, 'public operations need no scope');
  });
});

describe('scope and expiry enforcement over HTTP', () => {
  let h: Harness;
  let offsetMs = 0;
  before(async () => {
    h = await startHarness({ tokenTtlSeconds: 30, now: () => new Date(Date.now() + offsetMs) });
  });
  after(() => h.close());

  async function devToken(user: string, extra: Record<string, unknown> = {}) {
    const response = await fetch(`${h.url}/__admin/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, ...extra }),
    });
    const body = (await response.json()) as { access_token: string; scope: string; expires_in: number };
    h.assertMatchesContract('createDevToken', response, body);
    return body;
  }
  const get = (path: string, token: string) =>
    fetch(`${h.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const shifoCode = async (response: Response) =>
    ((await outcomeOf(response)).issue[0] as { details?: { coding?: { code: string }[] } }).details?.coding?.[0]?.code;

  it('gives /__admin/tokens tokens the role defaults, which the role can use', async () => {
    const doctor = await devToken('doctor');
    assert.equal(doctor.scope, 'user/*.cruds queue feedback');
    assert.equal(doctor.expires_in, 30, 'dev tokens default to the server token lifetime');
    assert.equal((await get('/fhir/Patient/pt-dilnoza-yusupova', doctor.access_token)).status, 200);

    const patient = await devToken('patient');
    assert.match(patient.scope, /patient\/\*\.rs/);
    assert.equal((await get('/fhir/Patient/pt-dilnoza-yusupova', patient.access_token)).status, 200);
  });

  it('refuses with 403 scope-missing what the role allows but the token scopes do not', async () => {
    const narrow = await devToken('doctor', { scope: 'user/Patient.r' });
    assert.equal((await get('/fhir/Patient/pt-dilnoza-yusupova', narrow.access_token)).status, 200);

    const search = await get('/fhir/Patient?gender=female', narrow.access_token);
    assert.equal(search.status, 403);
    assert.match(search.headers.get('www-authenticate') ?? '', /insufficient_scope/);
    assert.equal(await shifoCode(search), 'scope-missing');

    const queue = await get('/queue/services', narrow.access_token);
    assert.equal(queue.status, 403);
    assert.equal(await shifoCode(queue), 'scope-missing');
  });

  it('checks the role before the scopes', async () => {
    const pharmacist = await devToken('pharmacist', { scope: 'user/*.cruds' });
    const response = await fetch(`${h.url}/fhir/Patient`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${pharmacist.access_token}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', identifier: [{ value: 'x' }] }),
    });
    assert.equal(response.status, 403);
    assert.equal(await shifoCode(response), 'role-forbidden');
  });

  it('expires tokens after the token lifetime: 401 token-expired', async () => {
    const issued = await fetch(`${h.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'his-yunusobod',
        client_secret: 'his-yunusobod-secret',
      }),
    });
    const { access_token, expires_in } = (await issued.json()) as { access_token: string; expires_in: number };
    assert.equal(expires_in, 30);
    const short = await devToken('nurse', { expiresIn: 5 });

    assert.equal((await get('/fhir/Patient/pt-dilnoza-yusupova', access_token)).status, 200);
    offsetMs += 6_000;
    const expiredDev = await get('/fhir/Patient/pt-dilnoza-yusupova', short.access_token);
    assert.equal(expiredDev.status, 401);
    assert.equal(await shifoCode(expiredDev), 'token-expired');
    assert.equal((await get('/fhir/Patient/pt-dilnoza-yusupova', access_token)).status, 200, 'still within 30 s');

    offsetMs += 25_000;
    const expired = await get('/fhir/Patient/pt-dilnoza-yusupova', access_token);
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    assert.equal(await shifoCode(expired), 'token-expired');
  });

  it('answers 401 without a token, and with a token nobody issued', async () => {
    const none = await fetch(`${h.url}/fhir/Patient/pt-dilnoza-yusupova`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal((await get('/fhir/Patient/pt-dilnoza-yusupova', 'forged-token')).status, 401);
  });
});
