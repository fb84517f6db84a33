import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tokenFor } from './support/mock-session.js';
import {
  createShifoClient,
  prescriptionNumberOf,
  type ShifoError,
  type MedicationDispense,
  type MedicationRequest,
  type ShifoClient,
} from '../../src/index.js';
import { refusal } from './support/refusal.js';
import { LossyNetwork } from './support/lossy-network.js';

describe('dispenses helpers against the mock server', () => {
  let server: RunningMockServer;
  let doctor: ShifoClient;
  let pharmacist: ShifoClient;
  let network: LossyNetwork;

  before(async () => {
    server = await startMockServer({ port: 0 });
    const doctorToken = await tokenFor(server, 'doctor');
    doctor = createShifoClient({ baseUrl: server.url, auth: () => doctorToken });
    const pharmacistToken = await tokenFor(server, 'pharmacist');
    network = new LossyNetwork();
    pharmacist = createShifoClient({ baseUrl: server.url, auth: () => pharmacistToken, fetch: network.fetch });
  });
  after(() => server.close());

  /** A fresh prescription of `quantity` tablets (findings overridden: these tests are about dispensing). */
  async function prescribe(medicationId = 'med-paracetamol-500mg-tab', quantity = 30): Promise<MedicationRequest> {
    const result = await doctor.prescriptions.create({
      patientId: 'pt-bahodir-toshmatov',
      diagnosis: { code: 'R51' },
      items: [
        {
          medicationId,
          dose: { value: 1, unit: 'tablet' },
          timesPerDay: 1,
          quantity: { value: quantity, unit: 'tablet' },
          overrides: [
            { finding: 'sdupther', reason: 'test set-up' },
            { finding: 'drughigh', reason: 'test set-up' },
          ],
        },
      ],
    });
    assert.equal(result.status, 'sent');
    return result.status === 'sent' ? result.resource[0]! : (undefined as never);
  }

  const dispensesHeldFor = (prescriptionId: string) =>
    [...server.state.store.all('MedicationDispense')].filter(
      (dispense) =>
        (dispense as MedicationDispense).authorizingPrescription?.[0]?.reference ===
        `MedicationRequest/${prescriptionId}`,
    ).length;

  it('dispenses part of a prescription, then the rest by its number; the prescription completes', async () => {
    const prescription = await prescribe();
    const first = await pharmacist.dispenses.create({ prescriptionId: prescription.id!, quantity: 10 });
    assert.equal(first.status, 'sent');
    if (first.status !== 'sent') return;
    assert.equal(first.resource.status, 'completed');
    assert.equal(first.resource.subject.reference, 'Patient/pt-bahodir-toshmatov');
    assert.equal(first.resource.authorizingPrescription?.[0]?.reference, `MedicationRequest/${prescription.id}`);
    assert.deepEqual(first.resource.quantity, { ...prescription.dispenseRequest?.quantity, value: 10 });
    assert.ok(first.resource.performer?.length, 'the server records who handed it over');

    const balance = await pharmacist.dispenses.remaining(prescription.id!);
    assert.deepEqual([balance.prescribed, balance.dispensed, balance.remaining, balance.unit], [30, 10, 20, 'dona']);

    const scanned = prescriptionNumberOf(prescription)!.toLowerCase().replace(/-/gu, '');
    const rest = await pharmacist.dispenses.create({ number: scanned, quantity: 20 });
    assert.equal(rest.status, 'sent');
    const after = await pharmacist.dispenses.remaining(prescription.id!);
    assert.equal(after.prescription.status, 'completed');
    assert.equal(after.remaining, 0);
    const listed = await pharmacist.dispenses.listForPrescription(prescription.id!);
    assert.deepEqual(
      listed.map((dispense) => dispense.quantity?.value),
      [10, 20],
    );
  });

  it('refuses over-dispensing and says what remains', async () => {
    const prescription = await prescribe();
    await pharmacist.dispenses.create({ prescriptionId: prescription.id!, quantity: 25 });
    const error = await refusal(pharmacist.dispenses.create({ prescriptionId: prescription.id!, quantity: 6 }));
    assert.equal(error.kind, 'business-rule');
    assert.equal(error.code, 'over-dispense');
    assert.match(error.message + (error.outcome?.issue[0]?.diagnostics ?? ''), /5/u);
    assert.equal(dispensesHeldFor(prescription.id!), 1);
  });

  it('of concurrent dispenses of the last units exactly one succeeds', async () => {
    const prescription = await prescribe('med-paracetamol-500mg-tab', 5);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => pharmacist.dispenses.create({ prescriptionId: prescription.id!, quantity: 5 })),
    );
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    for (const outcome of outcomes) {
      // The losers see either the last units taken or, once the winner completed it, a completed prescription.
      if (outcome.status === 'rejected') {
        assert.ok(
          ['over-dispense', 'prescription-not-dispensable'].includes((outcome.reason as ShifoError).code ?? ''),
        );
      }
    }
    assert.equal(dispensesHeldFor(prescription.id!), 1);
  });

  it('refuses a cancelled prescription', async () => {
    const prescription = await prescribe();
    await doctor.prescriptions.cancel(prescription.id!, 'altchoice');
    const error = await refusal(pharmacist.dispenses.create({ prescriptionId: prescription.id!, quantity: 1 }));
    assert.equal(error.code, 'prescription-not-dispensable');
    const balance = await pharmacist.dispenses.remaining(prescription.id!);
    assert.equal(balance.remaining, 0, 'nothing is left on a cancelled prescription');
  });

  it('refuses an expired prescription', async () => {
    const prescription = await prescribe();
    // White-box: the prescription's validity ended last year (a real one would simply have aged).
    const stored = server.state.store.read('MedicationRequest', prescription.id!)!;
    server.state.store.put({
      ...stored,
      dispenseRequest: {
        ...(stored.dispenseRequest as object),
        validityPeriod: { start: '2025-01-01', end: '2025-01-31' },
      },
    });
    const error = await refusal(pharmacist.dispenses.create({ prescriptionId: prescription.id!, quantity: 1 }));
    assert.equal(error.code, 'prescription-not-dispensable');
    assert.match(error.outcome?.issue[0]?.diagnostics ?? '', /expired/u);
  });

  it('allows another product of the same INN, refuses another medicine', async () => {
    const prescription = await prescribe();
    const substitute = await pharmacist.dispenses.create({
      prescriptionId: prescription.id!,
      quantity: 2,
      medicationId: 'med-paracetamol-250mg-supp',
    });
    assert.equal(
      substitute.status === 'sent' && substitute.resource.medication.reference?.reference,
      'Medication/med-paracetamol-250mg-supp',
    );
    const error = await refusal(
      pharmacist.dispenses.create({
        prescriptionId: prescription.id!,
        quantity: 2,
        medicationId: 'med-ibuprofen-400mg-ftab',
      }),
    );
    assert.equal(error.kind, 'business-rule');
    assert.deepEqual(error.outcome?.issue[0]?.expression, ['MedicationDispense.medication']);
  });

  it('records the batch handed over, and refuses an expired batch', async () => {
    const prescription = await prescribe();
    const result = await pharmacist.dispenses.create({
      prescriptionId: prescription.id!,
      quantity: 3,
      batch: { lotNumber: 'PAR2511', expirationDate: '2099-11-30' },
    });
    assert.equal(result.status, 'sent');
    const stored = [...server.state.store.all('MedicationDispense')].find(
      (dispense) => result.status === 'sent' && dispense.id === result.resource.id,
    ) as MedicationDispense | undefined;
    assert.equal(
      (stored?.contained?.[0] as { batch?: { lotNumber?: string } } | undefined)?.batch?.lotNumber,
      'PAR2511',
    );
    const error = await refusal(
      pharmacist.dispenses.create({
        prescriptionId: prescription.id!,
        quantity: 3,
        batch: { lotNumber: 'OLD', expirationDate: '2020-01-31' },
      }),
    );
    assert.equal(error.kind, 'business-rule');
    assert.match(error.outcome?.issue[0]?.diagnostics ?? '', /expired/u);
  });

  it('a pharmacy of another facility may dispense; a doctor may not', async () => {
    const prescription = await prescribe();
    const token = await tokenFor(server, 'pharmacist3');
    const nukus = createShifoClient({ baseUrl: server.url, auth: () => token });
    const result = await nukus.dispenses.create({ prescriptionId: prescription.id!, quantity: 1 });
    assert.equal(result.status, 'sent');
    const error = await refusal(doctor.dispenses.create({ prescriptionId: prescription.id!, quantity: 1 }));
    assert.equal(error.kind, 'forbidden');
    assert.equal(dispensesHeldFor(prescription.id!), 1);
  });

  it('refuses bad input before sending anything, and an unknown number as not-found', async () => {
    const sentBefore = network.sent.length;
    const noPrescription = await refusal(pharmacist.dispenses.create({ quantity: 1 }));
    assert.deepEqual(noPrescription.outcome?.issue[0]?.expression, ['prescriptionId']);
    const zero = await refusal(pharmacist.dispenses.create({ prescriptionId: 'x', quantity: 0 }));
    assert.deepEqual(zero.outcome?.issue[0]?.expression, ['quantity']);
    const mistyped = await refusal(pharmacist.dispenses.create({ number: 'C8A579-A83008-42FFAX', quantity: 1 }));
    assert.equal(mistyped.kind, 'invalid');
    assert.deepEqual(mistyped.outcome?.issue[0]?.expression, ['number']);
    assert.equal(network.sent.length, sentBefore, 'nothing was sent');
    const unknown = await refusal(pharmacist.dispenses.create({ number: 'C8A579-A83008-42FFAU', quantity: 1 }));
    assert.equal(unknown.kind, 'not-found');
  });

  it('a dispense whose answer was lost is re-sent and the server holds ONE', async () => {
    const prescription = await prescribe();
    network.loseAnswers = 1;
    const result = await pharmacist.dispenses.create({ prescriptionId: prescription.id!, quantity: 4 });
    assert.equal(result.status === 'sent' && result.replayed, true);
    assert.equal(dispensesHeldFor(prescription.id!), 1);
    assert.equal((await pharmacist.dispenses.remaining(prescription.id!)).dispensed, 4);
  });
});
