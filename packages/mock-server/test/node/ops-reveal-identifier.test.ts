import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './harness.js';
import { call, shifoCode, type Resource } from './ops-support.js';

const PINFL = 'https://dhp.uz/fhir/core/sid/pid/uz/ni';
const PASSPORT = 'https://dhp.uz/fhir/core/sid/pid/uz/ppn/local';

interface Parameters extends Resource {
  parameter: {
    name: string;
    valueIdentifier?: { system: string; value: string };
    valueReference?: { reference: string };
  }[];
}

function parameters(...parameter: Record<string, unknown>[]): Record<string, unknown> {
  return { resourceType: 'Parameters', parameter };
}

describe('POST /fhir/Patient/{id}/$reveal-identifier', () => {
  let h: Harness;
  let doctor: string;
  const reveal = (id: string, body: unknown, token: string | null = doctor) =>
    call<Parameters>(h, `/fhir/Patient/${id}/$reveal-identifier`, token ?? undefined, { body });
  const storedIdentifier = (id: string, system: string) =>
    (h.server.state.store.read('Patient', id)!.identifier as { system: string; value: string }[]).find(
      (identifier) => identifier.system === system,
    );

  before(async () => {
    h = await startHarness();
    doctor = await h.tokenFor('doctor');
  });
  after(() => h.close());

  it('returns the full PINFL by default and the AuditEvent that records who, whose and why', async () => {
    const { response, body } = await reveal('pt-bahodir-toshmatov', parameters({ name: 'reason', valueCode: 'TREAT' }));
    assert.equal(response.status, 200);
    h.assertMatchesContract('revealPatientIdentifier', response, body);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const identifier = body.parameter.find((p) => p.name === 'identifier')?.valueIdentifier;
    assert.deepEqual(identifier, storedIdentifier('pt-bahodir-toshmatov', PINFL));
    assert.match(identifier!.value, /^\d{14}$/);

    const reference = body.parameter.find((p) => p.name === 'auditEvent')?.valueReference?.reference ?? '';
    const event = h.server.state.store.read('AuditEvent', reference.replace('AuditEvent/', ''));
    assert.ok(event, `${reference} is stored`);
    assert.deepEqual(event.patient, { reference: 'Patient/pt-bahodir-toshmatov' });
    assert.equal((event.outcome as { code: { code: string } }).code.code, 'success');
    const entity = (event.entity as { what?: { reference: string }; detail?: { valueString?: string }[] }[])[0]!;
    assert.equal(entity.what?.reference, 'Patient/pt-bahodir-toshmatov');
    assert.equal(entity.detail?.[0]?.valueString, 'TREAT');
    assert.ok(!JSON.stringify(event).includes(identifier!.value), 'the audit trail does not repeat the PINFL');
  });

  it('reveals another system on request, and records a break-glass reason', async () => {
    const { response, body } = await reveal(
      'pt-bahodir-toshmatov',
      parameters({ name: 'system', valueUri: PASSPORT }, { name: 'reason', valueCode: 'ETREAT' }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(
      body.parameter.find((p) => p.name === 'identifier')?.valueIdentifier,
      storedIdentifier('pt-bahodir-toshmatov', PASSPORT),
    );
    const reference = body.parameter.find((p) => p.name === 'auditEvent')!.valueReference!.reference;
    const event = h.server.state.store.read('AuditEvent', reference.replace('AuditEvent/', ''))!;
    assert.equal((event.entity as { detail: { valueString: string }[] }[])[0]!.detail[0]!.valueString, 'ETREAT');
  });

  it('answers without an identifier when the patient has none of that system (still audited)', async () => {
    assert.equal(storedIdentifier('pt-passport-only', PINFL), undefined);
    const { response, body } = await reveal('pt-passport-only', parameters());
    assert.equal(response.status, 200);
    h.assertMatchesContract('revealPatientIdentifier', response, body);
    assert.deepEqual(
      body.parameter.map((p) => p.name),
      ['auditEvent'],
    );
  });

  it('lets a patient reveal their own identifier, and nobody else’s', async () => {
    const patient = await h.tokenFor('patient');
    const own = await reveal('pt-dilnoza-yusupova', parameters(), patient);
    assert.equal(own.response.status, 200);
    assert.ok(own.body.parameter.some((p) => p.name === 'identifier'));
    const other = await reveal('pt-bahodir-toshmatov', parameters(), patient);
    assert.equal(other.response.status, 403);
    h.assertMatchesContract('revealPatientIdentifier', other.response, other.body);
    assert.equal(shifoCode(other.body), 'not-own-record');
  });

  it('refuses staff outside the treating facility of a patient who said "deny", and audits the refusal', async () => {
    const audits = () =>
      [...h.server.state.store.all('AuditEvent')].filter(
        (a) => (a.patient as { reference?: string } | undefined)?.reference === 'Patient/pt-akmal-nazarov',
      );
    const before = audits().length;
    const { response, body } = await reveal('pt-akmal-nazarov', parameters(), await h.tokenFor('doctor2'));
    assert.equal(response.status, 403);
    assert.equal(shifoCode(body), 'consent-denied');
    const written = audits().slice(before);
    assert.equal(written.length, 1);
    assert.equal((written[0]!.outcome as { code: { code: string } }).code.code, 'error');
  });

  it('refuses a reason that is not a purpose of use, and unknown parameters, naming the element', async () => {
    const badReason = await reveal('pt-bahodir-toshmatov', parameters({ name: 'reason', valueCode: 'CURIOSITY' }));
    assert.equal(badReason.response.status, 400);
    h.assertMatchesContract('revealPatientIdentifier', badReason.response, badReason.body);
    assert.deepEqual((badReason.body as unknown as { issue: { expression: string[] }[] }).issue[0]!.expression, [
      'Parameters.parameter[0].valueCode',
    ]);

    const unknown = await reveal(
      'pt-bahodir-toshmatov',
      parameters({ name: 'reason', valueCode: 'TREAT' }, { name: 'everything', valueBoolean: true }),
    );
    assert.equal(unknown.response.status, 400);
    assert.deepEqual((unknown.body as unknown as { issue: { expression: string[] }[] }).issue[0]!.expression, [
      'Parameters.parameter[1].name',
    ]);

    const notParameters = await reveal('pt-bahodir-toshmatov', { resourceType: 'Patient' });
    assert.equal(notParameters.response.status, 400);
  });

  it('answers 401 without a token, 403 for a role without access, 404 for an unknown patient', async () => {
    const anonymous = await reveal('pt-bahodir-toshmatov', parameters(), null);
    assert.equal(anonymous.response.status, 401);
    h.assertMatchesContract('revealPatientIdentifier', anonymous.response, anonymous.body);
    const display = await reveal('pt-bahodir-toshmatov', parameters(), await h.tokenFor('display'));
    assert.equal(display.response.status, 403);
    h.assertMatchesContract('revealPatientIdentifier', display.response, display.body);
    const missing = await reveal('no-such-patient', parameters());
    assert.equal(missing.response.status, 404);
    h.assertMatchesContract('revealPatientIdentifier', missing.response, missing.body);
  });
});
