import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './harness.js';
import {
  dispense,
  formularyEntry,
  localDate,
  post,
  prescription,
  put,
  read,
  shifoCodesOf,
  STATUS_REASON,
  type Json,
  type Sent,
  startRxSession,
  paracetamol,
} from './rx-support.js';

describe('e-prescriptions: dispensing', () => {
  let h: Harness;
  let doctor: string;
  let pharmacist: string;
  let nextPatient: () => string;
  before(async () => {
    ({ h, doctor, pharmacist, nextPatient } = await startRxSession());
  });
  after(() => h.close());

  async function prescribe(quantity: number, extra: Json = {}): Promise<Sent> {
    const created = await post(h, '/fhir/MedicationRequest', doctor, {
      ...prescription(nextPatient(), paracetamol(h)),
      dispenseRequest: { quantity: { value: quantity, unit: 'dona', code: 'piece' } },
      ...extra,
    });
    assert.equal(created.response.status, 201, JSON.stringify(created.body));
    return created;
  }

  const supply = (request: Json, quantity: number, overrides: Json = {}, token = pharmacist) =>
    post(h, '/fhir/MedicationDispense', token, dispense(request, quantity, overrides));

  it('dispenses partially twice, then completes the prescription with the rest (a new version)', async () => {
    const { body: request } = await prescribe(30);
    const path = `/fhir/MedicationRequest/${String(request.id)}`;
    for (const quantity of [10, 10]) {
      const partial = await supply(request, quantity);
      assert.equal(partial.response.status, 201, JSON.stringify(partial.body));
      h.assertMatchesContract('createMedicationDispense', partial.response, partial.body);
      const still = await read(h, path, doctor);
      assert.equal(still.body.status, 'active');
      assert.equal((still.body.meta as Json).versionId, '1');
    }
    const last = await supply(request, 10);
    assert.equal(last.response.status, 201);
    const done = await read(h, path, doctor);
    assert.equal(done.body.status, 'completed');
    assert.equal((done.body.meta as Json).versionId, '2');
    assert.ok(done.body.statusChanged);
    const more = await supply(request, 1);
    assert.equal(more.response.status, 422);
    assert.deepEqual(shifoCodesOf(more.body), ['prescription-not-dispensable']);
  });

  it('records who dispensed when the pharmacy system does not say', async () => {
    const { body: request } = await prescribe(5);
    const { body } = await supply(request, 1);
    const pharmacistRole = h.server.state.users.get('pharmacist')?.practitionerRoleId;
    assert.deepEqual(((body.performer as Json[])[0]?.actor as Json).reference, `PractitionerRole/${pharmacistRole}`);
  });

  it('never dispenses more than prescribed in total (422 over-dispense), and says what remains', async () => {
    const { body: request } = await prescribe(30);
    assert.equal((await supply(request, 20)).response.status, 201);
    const over = await supply(request, 11);
    assert.equal(over.response.status, 422);
    h.assertMatchesContract('createMedicationDispense', over.response, over.body);
    assert.deepEqual(shifoCodesOf(over.body), ['over-dispense']);
    assert.match(String((over.body.issue as Json[])[0]?.diagnostics), /20 of 30 .* at most 10/);
    assert.equal((await supply(request, 10)).response.status, 201);
  });

  it('completes a seeded, partly dispensed prescription with exactly what remains', async () => {
    const { store, seed, deniedPatients } = h.server.state;
    const today = localDate(0);
    const candidate = seed.scenarios.partiallyDispensedRequests
      .map((id) => store.read('MedicationRequest', id))
      .find((r) => {
        const period = (r?.dispenseRequest as Json | undefined)?.validityPeriod as Json | undefined;
        const patientId = String((r?.subject as Json | undefined)?.reference).replace('Patient/', '');
        return (
          r?.status === 'active' &&
          String(period?.start) <= today &&
          String(period?.end) >= today &&
          !deniedPatients.has(patientId)
        );
      });
    assert.ok(candidate, 'the seed has a current, partly dispensed prescription');
    const prescribed = ((candidate.dispenseRequest as Json).quantity as Json).value as number;
    const handedOver = [...store.all('MedicationDispense')]
      .filter(
        (d) =>
          (d.authorizingPrescription as Json[])[0]?.reference === `MedicationRequest/${candidate.id}` &&
          d.status === 'completed',
      )
      .reduce((sum, d) => sum + Number((d.quantity as Json).value), 0);
    assert.ok(handedOver > 0 && handedOver < prescribed);
    const over = await supply(candidate, prescribed - handedOver + 1);
    assert.deepEqual(shifoCodesOf(over.body), ['over-dispense']);
    const rest = await supply(candidate, prescribed - handedOver);
    assert.equal(rest.response.status, 201, JSON.stringify(rest.body));
    assert.equal(store.read('MedicationRequest', candidate.id)?.status, 'completed');
  });

  it('refuses an expired prescription, and one not valid yet', async () => {
    // The server refuses to sign a prescription that is already over, so let a valid one age in the store instead.
    const signed = await prescribe(10);
    const aged = h.server.state.store.put({
      ...(signed.body as { resourceType: string; id: string }),
      dispenseRequest: {
        quantity: { value: 10, unit: 'dona', code: 'piece' },
        validityPeriod: { start: localDate(-40), end: localDate(-1) },
      },
    });
    const late = await supply(aged, 1);
    assert.equal(late.response.status, 422);
    assert.deepEqual(shifoCodesOf(late.body), ['prescription-not-dispensable']);
    assert.match(String((late.body.issue as Json[])[0]?.diagnostics), /expired/);

    const future = await prescribe(10, {
      dispenseRequest: {
        quantity: { value: 10, unit: 'dona', code: 'piece' },
        validityPeriod: { start: localDate(1), end: localDate(30) },
      },
    });
    const early = await supply(future.body, 1);
    assert.equal(early.response.status, 422);
    assert.deepEqual(shifoCodesOf(early.body), ['prescription-not-dispensable']);
  });

  it('refuses a cancelled prescription', async () => {
    const created = await prescribe(10);
    const cancelled = await put(
      h,
      `/fhir/MedicationRequest/${String(created.body.id)}`,
      doctor,
      {
        ...created.body,
        status: 'cancelled',
        statusReason: { coding: [{ system: STATUS_REASON, code: 'altchoice' }] },
      },
      created.response.headers.get('etag') ?? '',
    );
    assert.equal(cancelled.response.status, 200);
    const refused = await supply(created.body, 1);
    assert.equal(refused.response.status, 422);
    assert.deepEqual(shifoCodesOf(refused.body), ['prescription-not-dispensable']);
    assert.match(String((refused.body.issue as Json[])[0]?.diagnostics), /cancelled/);
  });

  it('refuses a dispense for another patient, another medicine, or with no prescription', async () => {
    const { body: request } = await prescribe(10);
    // Another patient the pharmacy may see (they hold a prescription too), but not this prescription's.
    const { body: theirs } = await prescribe(10);
    const otherPatient = await supply(request, 1, { subject: theirs.subject });
    assert.equal(otherPatient.response.status, 422);
    assert.deepEqual((otherPatient.body.issue as Json[])[0]?.expression, ['MedicationDispense.subject']);

    const ibuprofen = formularyEntry(h, (e) => e.inn.en === 'ibuprofen');
    const otherMedicine = await supply(request, 1, {
      medication: { reference: { reference: `Medication/${ibuprofen.medicationId}` } },
    });
    assert.equal(otherMedicine.response.status, 422);
    assert.deepEqual((otherMedicine.body.issue as Json[])[0]?.expression, ['MedicationDispense.medication']);

    const orphan = dispense(request, 1);
    delete orphan.authorizingPrescription;
    const none = await post(h, '/fhir/MedicationDispense', pharmacist, orphan);
    assert.equal(none.response.status, 400);

    const unknown = await supply({ ...request, id: 'no-such-prescription' }, 1);
    assert.equal(unknown.response.status, 422);
    assert.deepEqual(shifoCodesOf(unknown.body), ['prescription-not-dispensable']);
  });

  it('records batch and expiry on a contained Medication, and refuses an expired batch', async () => {
    const { body: request } = await prescribe(10);
    const withBatch = (expirationDate: string) => ({
      contained: [
        {
          resourceType: 'Medication',
          id: 'dispensed',
          code: {
            coding: [
              {
                system: 'https://terminology.dhp.uz/fhir/core/CodeSystem/inn-medication-name-cs',
                code: paracetamol(h).innCode,
              },
            ],
          },
          batch: { lotNumber: 'PAR2511', expirationDate },
        },
      ],
      medication: { reference: { reference: '#dispensed' } },
    });
    const good = await supply(request, 2, withBatch(localDate(400)));
    assert.equal(good.response.status, 201, JSON.stringify(good.body));
    const stored = h.server.state.store.read('MedicationDispense', String(good.body.id));
    assert.deepEqual(((stored?.contained as Json[])[0]?.batch as Json).lotNumber, 'PAR2511');
    const expired = await supply(request, 2, withBatch(localDate(-1)));
    assert.equal(expired.response.status, 422);
    assert.match(String((expired.body.issue as Json[])[0]?.diagnostics), /batch expired/);
  });

  it('lets only pharmacies dispense: a doctor gets 403', async () => {
    const { body: request } = await prescribe(10);
    const { response, body } = await supply(request, 1, {}, doctor);
    assert.equal(response.status, 403);
    assert.equal((body.issue as Json[])[0]?.code, 'forbidden');
  });

  it('keeps a completed dispense as it is, except marking it entered-in-error', async () => {
    const { body: request } = await prescribe(10);
    const supplied = await supply(request, 4);
    const path = `/fhir/MedicationDispense/${String(supplied.body.id)}`;
    const etag = supplied.response.headers.get('etag') ?? '';
    const changed = await put(
      h,
      path,
      pharmacist,
      { ...supplied.body, quantity: { ...(supplied.body.quantity as Json), value: 3 } },
      etag,
    );
    assert.equal(changed.response.status, 422);
    const retired = await put(h, path, pharmacist, { ...supplied.body, status: 'entered-in-error' }, etag);
    assert.equal(retired.response.status, 200, JSON.stringify(retired.body));
    assert.equal((await supply(request, 10)).response.status, 201, 'the retired supply no longer counts');
  });
});
