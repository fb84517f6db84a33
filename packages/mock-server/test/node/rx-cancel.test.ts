import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './harness.js';
import {
  dispense,
  formularyEntry,
  post,
  prescription,
  put,
  read,
  shifoCodesOf,
  STATUS_REASON,
  type Json,
  type Sent,
  startRxSession,
} from './rx-support.js';

describe('e-prescriptions: cancelling and changing a signed prescription', () => {
  let h: Harness;
  let doctor: string;
  let pharmacist: string;
  let nextPatient: () => string;
  before(async () => {
    ({ h, doctor, pharmacist, nextPatient } = await startRxSession());
  });
  after(() => h.close());

  const reason = (code: string) => ({ coding: [{ system: STATUS_REASON, code }] });

  async function prescribe(quantity = 30): Promise<Sent> {
    const entry = formularyEntry(h, (e) => e.medicationId === 'med-paracetamol-500mg-tab');
    const created = await post(h, '/fhir/MedicationRequest', doctor, {
      ...prescription(nextPatient(), entry),
      dispenseRequest: { quantity: { value: quantity, unit: 'dona', code: 'piece' } },
    });
    assert.equal(created.response.status, 201, JSON.stringify(created.body));
    return created;
  }

  const etagOf = (sent: Sent) => sent.response.headers.get('etag') ?? '';
  const update = (sent: Sent, changes: Json, token = doctor) =>
    put(h, `/fhir/MedicationRequest/${String(sent.body.id)}`, token, { ...sent.body, ...changes }, etagOf(sent));

  it('cancels an undispensed prescription with a statusReason; the server stamps statusChanged', async () => {
    const created = await prescribe();
    const cancelled = await update(created, { status: 'cancelled', statusReason: reason('altchoice') });
    assert.equal(cancelled.response.status, 200, JSON.stringify(cancelled.body));
    h.assertMatchesContract('updateMedicationRequest', cancelled.response, cancelled.body);
    assert.equal(cancelled.body.status, 'cancelled');
    assert.ok(Math.abs(Date.parse(String(cancelled.body.statusChanged)) - Date.now()) < 60_000);
    assert.equal(cancelled.response.headers.get('etag'), 'W/"2"');
  });

  it('requires a statusReason (from the DHP value set) to cancel', async () => {
    const created = await prescribe();
    const missing = await update(created, { status: 'cancelled' });
    assert.equal(missing.response.status, 400);
    assert.deepEqual((missing.body.issue as Json[])[0]?.expression, ['MedicationRequest.statusReason']);
    const unknown = await update(created, { status: 'cancelled', statusReason: reason('changed-my-mind') });
    assert.equal(unknown.response.status, 400);
    const stored = await read(h, `/fhir/MedicationRequest/${String(created.body.id)}`, doctor);
    assert.equal(stored.body.status, 'active');
  });

  it('refuses any change to the signed content (dose, quantity, medicine): 422 naming the element', async () => {
    const created = await prescribe();
    const dosage = structuredClone(created.body.dosageInstruction) as Json[];
    ((dosage[0]!.doseAndRate as Json[])[0]!.doseQuantity as Json).value = 2;
    const changed = await update(created, { dosageInstruction: dosage });
    assert.equal(changed.response.status, 422);
    assert.equal((changed.body.issue as Json[])[0]?.code, 'business-rule');
    assert.deepEqual((changed.body.issue as Json[])[0]?.expression, ['MedicationRequest.dosageInstruction']);
    const more = await update(created, {
      dispenseRequest: { ...(created.body.dispenseRequest as Json), quantity: { value: 90 } },
    });
    assert.equal(more.response.status, 422);
  });

  it('allows a note on an active prescription', async () => {
    const created = await prescribe();
    const noted = await update(created, { note: [{ text: 'Bemor ertalab qabul qiladi' }] });
    assert.equal(noted.response.status, 200);
    assert.deepEqual(noted.body.note, [{ text: 'Bemor ertalab qabul qiladi' }]);
  });

  it('does not let a client complete a prescription: that follows the dispenses', async () => {
    const created = await prescribe();
    const completed = await update(created, { status: 'completed' });
    assert.equal(completed.response.status, 422);
    assert.deepEqual(shifoCodesOf(completed.body), ['invalid-transition']);
  });

  it('cancels a partly dispensed prescription, but not a fully dispensed (completed) one', async () => {
    const partly = await prescribe(10);
    const half = await post(h, '/fhir/MedicationDispense', pharmacist, dispense(partly.body, 5));
    assert.equal(half.response.status, 201);
    const cancelled = await update(partly, { status: 'cancelled', statusReason: reason('sintol') });
    assert.equal(cancelled.response.status, 200, JSON.stringify(cancelled.body));

    const fully = await prescribe(10);
    const all = await post(h, '/fhir/MedicationDispense', pharmacist, dispense(fully.body, 10));
    assert.equal(all.response.status, 201);
    const now = await read(h, `/fhir/MedicationRequest/${String(fully.body.id)}`, doctor);
    assert.equal(now.body.status, 'completed');
    const refused = await put(
      h,
      `/fhir/MedicationRequest/${String(fully.body.id)}`,
      doctor,
      { ...now.body, status: 'cancelled', statusReason: reason('altchoice') },
      now.response.headers.get('etag') ?? '',
    );
    assert.equal(refused.response.status, 422);
    assert.deepEqual(shifoCodesOf(refused.body), ['invalid-transition']);
    assert.match(String((refused.body.issue as Json[])[0]?.diagnostics), /fully dispensed/);
  });

  it('keeps a cancelled prescription cancelled', async () => {
    const created = await prescribe();
    const cancelled = await update(created, { status: 'cancelled', statusReason: reason('altchoice') });
    const revived = await put(
      h,
      `/fhir/MedicationRequest/${String(created.body.id)}`,
      doctor,
      { ...cancelled.body, status: 'active' },
      cancelled.response.headers.get('etag') ?? '',
    );
    assert.equal(revived.response.status, 422);
  });

  it('lets a pharmacist hold a prescription for clarification and release it, but not cancel it', async () => {
    const created = await prescribe();
    const cancel = await update(created, { status: 'cancelled', statusReason: reason('clarif') }, pharmacist);
    assert.equal(cancel.response.status, 403);
    const held = await update(created, { status: 'on-hold', statusReason: reason('clarif') }, pharmacist);
    assert.equal(held.response.status, 200, JSON.stringify(held.body));
    const blocked = await post(h, '/fhir/MedicationDispense', pharmacist, dispense(created.body, 1));
    assert.equal(blocked.response.status, 422);
    assert.deepEqual(shifoCodesOf(blocked.body), ['prescription-not-dispensable']);
    const released = await put(
      h,
      `/fhir/MedicationRequest/${String(created.body.id)}`,
      pharmacist,
      { ...held.body, status: 'active' },
      held.response.headers.get('etag') ?? '',
    );
    assert.equal(released.response.status, 200);
    const supplied = await post(h, '/fhir/MedicationDispense', pharmacist, dispense(created.body, 1));
    assert.equal(supplied.response.status, 201);
  });
});
