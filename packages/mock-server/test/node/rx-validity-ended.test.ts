import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './harness.js';
import { localDate, post, prescription, shifoCodesOf, type Json, paracetamol, startRxSession } from './rx-support.js';

describe('e-prescriptions: a validity period that is already over', () => {
  let h: Harness;
  let doctor: string;
  let nextPatient: () => string;
  before(async () => {
    ({ h, doctor, nextPatient } = await startRxSession());
  });
  after(() => h.close());

  const withValidity = (patientId: string, start: string, end: string) =>
    prescription(patientId, paracetamol(h), {
      dispenseRequest: {
        quantity: { value: 10, unit: 'dona', code: 'piece' },
        validityPeriod: { start, end },
      },
    });

  it('refuses a prescription whose validity ended yesterday: 422 not-prescribable naming the end, nothing stored', async () => {
    const patientId = nextPatient();
    const before = [...h.server.state.store.referencing('MedicationRequest', `Patient/${patientId}`)].length;
    const { response, body } = await post(
      h,
      '/fhir/MedicationRequest',
      doctor,
      withValidity(patientId, localDate(-20), localDate(-1)),
    );
    assert.equal(response.status, 422, JSON.stringify(body));
    h.assertMatchesContract('createMedicationRequest', response, body);
    const issues = body.issue as Json[];
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.code, 'business-rule');
    assert.deepEqual(shifoCodesOf(body), ['not-prescribable']);
    assert.deepEqual(issues[0]?.expression, ['MedicationRequest.dispenseRequest.validityPeriod.end']);
    assert.match(String(issues[0]?.diagnostics), new RegExp(`ended on ${localDate(-1)}`));
    const after = [...h.server.state.store.referencing('MedicationRequest', `Patient/${patientId}`)].length;
    assert.equal(after, before, 'no prescription was stored');
  });

  it('reports an over-long period that is also over as two hard stops at once', async () => {
    const { response, body } = await post(
      h,
      '/fhir/MedicationRequest',
      doctor,
      withValidity(nextPatient(), localDate(-200), localDate(-2)),
    );
    assert.equal(response.status, 422);
    assert.deepEqual(
      (body.issue as Json[]).map((issue) => issue.expression),
      [['MedicationRequest.dispenseRequest.validityPeriod'], ['MedicationRequest.dispenseRequest.validityPeriod.end']],
    );
  });

  it('accepts a period whose last day is today, and one that started in the past and runs on', async () => {
    const lastDay = await post(
      h,
      '/fhir/MedicationRequest',
      doctor,
      withValidity(nextPatient(), localDate(-5), localDate(0)),
    );
    assert.equal(lastDay.response.status, 201, JSON.stringify(lastDay.body));
    const running = await post(
      h,
      '/fhir/MedicationRequest',
      doctor,
      withValidity(nextPatient(), localDate(-5), localDate(10)),
    );
    assert.equal(running.response.status, 201, JSON.stringify(running.body));
  });
});
