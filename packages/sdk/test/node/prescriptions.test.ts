import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { tokenFor } from './support/mock-session.js';
import {
  createShifoClient,
  isValidPrescriptionNumber,
  prescriptionNumberOf,
  type ShifoError,
  type MedicationRequest,
  type PrescriptionInput,
  type PrescriptionItemInput,
  type ShifoClient,
} from '../../src/index.js';
import { refusal } from './support/refusal.js';
import { LossyNetwork } from './support/lossy-network.js';

const STATUS_REASON = 'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason';
const OVERRIDE = 'https://shifo.uz/fhir/StructureDefinition/clinical-check-override';
/** No known allergies; on amlodipine, lisinopril, metformin, sitagliptin (seed). */
const BAHODIR = 'pt-bahodir-toshmatov';
/** Active penicillin allergy (seed). */
const DILNOZA = 'pt-dilnoza-yusupova';

/** The finding codes (`salg`, …) a refusal names in its issues' details. */
function findingsOf(error: ShifoError): string[] {
  return (error.outcome?.issue ?? []).flatMap(
    (issue) =>
      issue.details?.coding?.filter((coding) => coding.system === STATUS_REASON).map((c) => c.code ?? '') ?? [],
  );
}

function tablets(medicationId: string, overrides: Partial<PrescriptionItemInput> = {}): PrescriptionItemInput {
  return {
    medicationId,
    dose: { value: 1, unit: 'tablet' },
    timesPerDay: 1,
    durationDays: 14,
    quantity: { value: 14, unit: 'tablet' },
    instructions: '1 tabletka kuniga 1 marta',
    ...overrides,
  };
}

describe('prescriptions helpers against the mock server', () => {
  let server: RunningMockServer;
  let shifo: ShifoClient;
  let network: LossyNetwork;
  const requestsOf = (patientId: string) =>
    [...server.state.store.all('MedicationRequest')].filter(
      (request) => (request as MedicationRequest).subject.reference === `Patient/${patientId}`,
    ) as MedicationRequest[];

  before(async () => {
    server = await startMockServer({ port: 0 });
    const token = await tokenFor(server, 'doctor');
    network = new LossyNetwork();
    shifo = createShifoClient({ baseUrl: server.url, auth: () => token, fetch: network.fetch, locale: 'en' });
  });
  after(() => server.close());

  async function clientFor(user: string): Promise<ShifoClient> {
    const token = await tokenFor(server, user);
    return createShifoClient({ baseUrl: server.url, auth: () => token });
  }

  describe('create', () => {
    it('prescribes one medicine as a UZ Core MedicationRequest and returns the number the server assigned', async () => {
      const result = await shifo.prescriptions.create({
        patientId: BAHODIR,
        diagnosis: { code: 'K21.9', display: 'Gastro-oesophageal reflux disease without oesophagitis' },
        items: [tablets('med-omeprazole-20mg-cap', { dose: { value: 1, unit: 'capsule' } })],
      });
      assert.equal(result.status, 'sent');
      if (result.status !== 'sent') return;
      assert.equal(result.replayed, false);
      assert.equal(result.resource.length, 1);
      const created = result.resource[0]!;
      assert.ok(isValidPrescriptionNumber(prescriptionNumberOf(created) ?? ''), 'a valid prescription number');
      assert.equal(created.status, 'active');
      assert.equal(created.intent, 'order');
      assert.deepEqual(created.meta?.profile, [
        'https://dhp.uz/fhir/core/StructureDefinition/uz-core-medicationrequest',
      ]);
      assert.equal(created.requester?.reference, 'PractitionerRole/prole-f1-gp1', 'the doctor signs as their role');
      assert.equal(created.reason?.[0]?.concept?.coding?.[0]?.code, 'K21.9');
      assert.equal(created.dosageInstruction?.[0]?.timing?.repeat?.frequency, 1);
      assert.deepEqual(created.dispenseRequest?.quantity, {
        value: 14,
        unit: 'dona',
        system: 'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-total-volume-local-units-cs',
        code: 'piece',
      });
      assert.ok(created.dispenseRequest?.validityPeriod?.end, 'the server filled in the validity');
      const stored = server.state.store.read('MedicationRequest', created.id!) as MedicationRequest | undefined;
      assert.equal(prescriptionNumberOf(stored ?? {}), prescriptionNumberOf(created));
    });

    it('prescribes by INN code instead of a formulary product', async () => {
      const result = await shifo.prescriptions.create({
        patientId: DILNOZA,
        diagnosis: { code: 'J30.1' },
        items: [
          {
            code: {
              system: 'https://terminology.dhp.uz/fhir/core/CodeSystem/inn-medication-name-cs',
              code: '900139',
              display: 'cetirizine',
            },
            dose: { value: 10, unit: 'mg' },
            quantity: { value: 10, unit: 'tablet' },
          },
        ],
      });
      assert.equal(result.status, 'sent');
      if (result.status !== 'sent') return;
      assert.equal(result.resource[0]?.medication.concept?.coding?.[0]?.code, '900139');
    });

    it('prescribes several medicines at once, atomically, sharing one groupIdentifier', async () => {
      const before = requestsOf(BAHODIR).length;
      const result = await shifo.prescriptions.create({
        patientId: BAHODIR,
        diagnosis: { code: 'J06.9' },
        items: [
          tablets('med-paracetamol-500mg-tab', { timesPerDay: 3, quantity: { value: 20, unit: 'tablet' } }),
          tablets('med-cetirizine-10mg-ftab'),
        ],
      });
      assert.equal(result.status, 'sent');
      if (result.status !== 'sent') return;
      assert.equal(result.resource.length, 2);
      const [first, second] = result.resource;
      assert.equal(first?.medication.reference?.reference, 'Medication/med-paracetamol-500mg-tab');
      assert.equal(second?.medication.reference?.reference, 'Medication/med-cetirizine-10mg-ftab');
      assert.ok(first?.groupIdentifier?.value);
      assert.equal(first?.groupIdentifier?.value, second?.groupIdentifier?.value);
      assert.notEqual(prescriptionNumberOf(first!), prescriptionNumberOf(second!));
      assert.equal(requestsOf(BAHODIR).length, before + 2);
    });

    it('a refused item refuses the whole form: nothing of it is stored', async () => {
      const before = requestsOf(BAHODIR).length;
      const error = await refusal(
        shifo.prescriptions.create({
          patientId: BAHODIR,
          diagnosis: { code: 'J06.9' },
          items: [
            // A medicine Bahodir may have (no allergy, no duplicate of his therapy), then one nobody may prescribe.
            tablets('med-folic-acid-1mg-tab'),
            { ...tablets('med-propofol-10mg-emu'), dose: { value: 10, unit: 'mL' } },
          ],
        }),
      );
      assert.equal(error.kind, 'business-rule');
      assert.equal(error.code, 'not-prescribable');
      // The form's item first (the form shows the message under it), then the server's own FHIRPath.
      assert.equal(error.outcome?.issue[0]?.expression?.[0], 'items[1]');
      assert.match(error.outcome?.issue[0]?.expression?.[1] ?? '', /^Bundle\.entry\[1\]/u);
      assert.equal(requestsOf(BAHODIR).length, before);
    });

    it('refuses an anaesthetic and a validity beyond the cap as not-prescribable', async () => {
      const anaesthetic = await refusal(
        shifo.prescriptions.create({
          patientId: BAHODIR,
          diagnosis: { code: 'K21.9' },
          items: [{ ...tablets('med-propofol-10mg-emu'), dose: { value: 10, unit: 'mL' } }],
        }),
      );
      assert.equal(anaesthetic.status, 422);
      assert.equal(anaesthetic.code, 'not-prescribable');
      const tooLong = await refusal(
        shifo.prescriptions.create({
          patientId: BAHODIR,
          diagnosis: { code: 'K21.9' },
          items: [tablets('med-esomeprazole-40mg-ftab', { validityDays: 120 })],
        }),
      );
      assert.equal(tooLong.code, 'not-prescribable');
      assert.deepEqual(tooLong.outcome?.issue[0]?.expression, [
        'items[0]',
        'MedicationRequest.dispenseRequest.validityPeriod',
      ]);
    });

    it('reports a drug–allergy finding, and prescribes when the doctor overrides it with a reason', async () => {
      const item = tablets('med-amoxicillin-500mg-cap', {
        dose: { value: 1, unit: 'capsule' },
        timesPerDay: 3,
        quantity: { value: 21, unit: 'capsule' },
      });
      const input: PrescriptionInput = { patientId: DILNOZA, diagnosis: { code: 'J01.9' }, items: [item] };
      const error = await refusal(shifo.prescriptions.create(input));
      assert.equal(error.kind, 'business-rule');
      assert.deepEqual(findingsOf(error), ['salg']);

      const reason = 'Tolerated amoxicillin in 2024 without reaction';
      const result = await shifo.prescriptions.create({
        ...input,
        items: [{ ...item, overrides: [{ finding: 'salg', reason }] }],
      });
      assert.equal(result.status, 'sent');
      if (result.status !== 'sent') return;
      const override = result.resource[0]?.extension?.find((extension) => extension.url === OVERRIDE);
      assert.equal(override?.extension?.find((part) => part.url === 'reason')?.valueString, reason);
    });

    it('reports duplicate therapy and a daily dose above the maximum', async () => {
      const duplicate = await refusal(
        shifo.prescriptions.create({
          patientId: BAHODIR,
          diagnosis: { code: 'I10' },
          items: [tablets('med-amlodipine-5mg-tab', { validityDays: 30 })],
        }),
      );
      assert.deepEqual(findingsOf(duplicate), ['sdupther']);
      const tooHigh = await refusal(
        shifo.prescriptions.create({
          patientId: BAHODIR,
          diagnosis: { code: 'M54.5' },
          items: [tablets('med-ibuprofen-400mg-ftab', { dose: { value: 3, unit: 'tablet' }, timesPerDay: 3 })],
        }),
      );
      assert.deepEqual(findingsOf(tooHigh), ['drughigh']);
    });

    it('refuses obvious mistakes of the form before sending anything, naming the field', async () => {
      const sentBefore = network.sent.length;
      const base: PrescriptionInput = { patientId: BAHODIR, diagnosis: { code: 'I10' }, items: [tablets('med-x')] };
      const cases: [PrescriptionInput, string][] = [
        [{ ...base, items: [] }, 'items'],
        [{ ...base, patientId: ' ' }, 'patientId'],
        [{ ...base, diagnosis: { code: 'hypertension' } }, 'diagnosis.code'],
        [{ ...base, items: [{ ...tablets('med-x'), code: { system: 's', code: 'c' } }] }, 'items[0].medicationId'],
        [{ ...base, items: [tablets('med-x', { dose: { value: 0, unit: 'tablet' } })] }, 'items[0].dose.value'],
        [{ ...base, items: [tablets('med-x', { quantity: { value: 10, unit: '' } })] }, 'items[0].quantity.unit'],
        [{ ...base, items: [tablets('med-x'), tablets('med-y', { timesPerDay: 1.5 })] }, 'items[1].timesPerDay'],
        [
          { ...base, items: [tablets('med-x', { overrides: [{ finding: 'salg', reason: ' ' }] })] },
          'items[0].overrides[0].reason',
        ],
      ];
      for (const [input, field] of cases) {
        const error = await refusal(shifo.prescriptions.create(input));
        assert.equal(error.kind, 'invalid', field);
        assert.deepEqual(error.outcome?.issue[0]?.expression, [field]);
      }
      assert.equal(network.sent.length, sentBefore, 'nothing was sent');
    });

    it('a nurse may not prescribe', async () => {
      const nurse = await clientFor('nurse');
      const error = await refusal(
        nurse.prescriptions.create({
          patientId: BAHODIR,
          diagnosis: { code: 'K21.9' },
          items: [tablets('med-esomeprazole-40mg-ftab')],
        }),
      );
      assert.equal(error.kind, 'forbidden');
    });

    it('a create whose answer was lost is re-sent and the server holds ONE prescription', async () => {
      const before = requestsOf('pt-passport-only').length;
      network.loseAnswers = 1;
      const result = await shifo.prescriptions.create({
        patientId: 'pt-passport-only',
        diagnosis: { code: 'K21.9' },
        items: [tablets('med-omeprazole-20mg-cap', { dose: { value: 1, unit: 'capsule' } })],
      });
      assert.equal(result.status, 'sent');
      if (result.status !== 'sent') return;
      assert.equal(result.replayed, true);
      assert.equal(requestsOf('pt-passport-only').length, before + 1);
    });

    it('a several-item form whose answer was lost is re-sent and each item is held once', async () => {
      const patient = 'pt-malika-ergasheva';
      const before = requestsOf(patient).length;
      network.loseAnswers = 1;
      const result = await shifo.prescriptions.create({
        patientId: patient,
        diagnosis: { code: 'J06.9' },
        items: [tablets('med-paracetamol-500mg-tab'), tablets('med-levocetirizine-5mg-ftab')],
      });
      assert.equal(result.status, 'sent');
      if (result.status !== 'sent') return;
      assert.equal(result.replayed, true);
      assert.equal(result.resource.length, 2);
      assert.equal(requestsOf(patient).length, before + 2);
    });
  });

  describe('reading', () => {
    let created: MedicationRequest;
    before(async () => {
      const result = await shifo.prescriptions.create({
        patientId: DILNOZA,
        diagnosis: { code: 'K21.9' },
        items: [tablets('med-omeprazole-20mg-cap', { dose: { value: 1, unit: 'capsule' } })],
      });
      assert.equal(result.status, 'sent');
      if (result.status === 'sent') created = result.resource[0]!;
    });

    it('get reads a prescription by id; a missing one is not-found', async () => {
      const read = await shifo.prescriptions.get(created.id!);
      assert.equal(prescriptionNumberOf(read), prescriptionNumberOf(created));
      assert.equal((await refusal(shifo.prescriptions.get('no-such-prescription'))).kind, 'not-found');
    });

    it('findByNumber finds it however the number is typed, without putting it in a URL', async () => {
      const number = prescriptionNumberOf(created)!;
      const typed = ` ${number.replace(/-/gu, ' ').toLowerCase()} `;
      network.sent.length = 0;
      const found = await shifo.prescriptions.findByNumber(typed);
      assert.equal(found?.id, created.id);
      assert.ok(network.sent.every((request) => !request.url.toUpperCase().includes(number.slice(0, 6))));
      const pharmacist = await clientFor('pharmacist');
      assert.equal((await pharmacist.prescriptions.findByNumber(number))?.id, created.id);
    });

    it('findByNumber refuses a mistyped number (wrong check character) without asking the server', async () => {
      const number = prescriptionNumberOf(created)!;
      const last = number.at(-1)!;
      const wrong = number.slice(0, -1) + (last === 'A' ? 'B' : 'A');
      const sentBefore = network.sent.length;
      const error = await refusal(shifo.prescriptions.findByNumber(wrong));
      assert.equal(error.kind, 'invalid');
      assert.deepEqual(error.outcome?.issue[0]?.expression, ['number']);
      assert.equal(network.sent.length, sentBefore);
    });

    it('findByNumber answers undefined for a valid number nobody holds', async () => {
      const unknown = `000000-000000-00000${checkFor('00000000000000000')}`;
      assert.equal(await shifo.prescriptions.findByNumber(unknown), undefined);
    });

    it('listForPatient lists a patient’s prescriptions newest first, filtered by status', async () => {
      const all = await shifo.prescriptions.listForPatient(DILNOZA);
      assert.ok(all.some((request) => request.id === created.id));
      const dates = all.map((request) => request.authoredOn ?? '');
      assert.deepEqual(dates, [...dates].sort().reverse());
      const active = await shifo.prescriptions.listForPatient(DILNOZA, { status: 'active' });
      assert.ok(active.length > 0 && active.every((request) => request.status === 'active'));
      assert.ok(active.length < all.length, 'the seed also has completed ones');
      const closed = await shifo.prescriptions.listForPatient(DILNOZA, {
        status: ['completed', 'cancelled'],
      });
      assert.ok(closed.every((request) => request.status === 'completed' || request.status === 'cancelled'));
    });
  });

  describe('cancel', () => {
    async function prescribe(): Promise<MedicationRequest> {
      const result = await shifo.prescriptions.create({
        patientId: 'pt-passport-only',
        diagnosis: { code: 'R51' },
        items: [tablets('med-paracetamol-500mg-tab')],
      });
      assert.equal(result.status, 'sent');
      return result.status === 'sent' ? result.resource[0]! : (undefined as never);
    }

    it('cancels with a reason; cancelling again answers the cancelled prescription as a replay', async () => {
      const created = await prescribe();
      const result = await shifo.prescriptions.cancel(created.id!, { code: 'altchoice', text: 'Another medicine' });
      assert.equal(result.status, 'sent');
      if (result.status !== 'sent') return;
      assert.equal(result.replayed, false);
      assert.equal(result.resource.status, 'cancelled');
      assert.equal(result.resource.statusReason?.coding?.[0]?.code, 'altchoice');
      const stored = server.state.store.read('MedicationRequest', created.id!) as MedicationRequest;
      assert.equal(stored.status, 'cancelled');
      const again = await shifo.prescriptions.cancel(created.id!, 'altchoice');
      assert.equal(again.status === 'sent' && again.replayed, true);
      assert.equal(
        (server.state.store.read('MedicationRequest', created.id!) as MedicationRequest).meta?.versionId,
        stored.meta?.versionId,
      );
    });

    it('a cancel whose answer was lost is re-sent and recognised as done', async () => {
      const created = await prescribe();
      const lossy = new LossyNetwork();
      const token = await tokenFor(server, 'doctor');
      const client = createShifoClient({
        baseUrl: server.url,
        auth: () => token,
        fetch: async (request) => {
          const response = await lossy.fetch(request);
          if (request.method === 'PUT' && lossy.loseAnswers > 0) {
            lossy.loseAnswers -= 1;
            throw new TypeError('fetch failed: connection reset');
          }
          return response;
        },
      });
      lossy.loseAnswers = 1;
      const result = await client.prescriptions.cancel(created.id!, 'clarif');
      assert.equal(result.status === 'sent' && result.resource.status, 'cancelled');
      assert.equal(result.status === 'sent' && result.replayed, true);
      assert.equal(lossy.sent.filter((request) => request.method === 'PUT').length, 2, 'it was sent twice');
      assert.equal(
        (server.state.store.read('MedicationRequest', created.id!) as MedicationRequest).meta?.versionId,
        '2',
      );
    });

    it('refuses to cancel a completed prescription (invalid-transition)', async () => {
      const error = await refusal(shifo.prescriptions.cancel('mr-bahodir-toshmatov-0001', 'altchoice'));
      assert.equal(error.kind, 'business-rule');
      assert.equal(error.code, 'invalid-transition');
    });

    it('a pharmacist may not cancel', async () => {
      const created = await prescribe();
      const pharmacist = await clientFor('pharmacist');
      const error = await refusal(pharmacist.prescriptions.cancel(created.id!, 'altchoice'));
      assert.equal(error.kind, 'forbidden');
      assert.equal((server.state.store.read('MedicationRequest', created.id!) as MedicationRequest).status, 'active');
    });
  });

  it("the contract's createMedicationRequest example is accepted (201)", async () => {
    const contract = JSON.parse(readFileSync(new URL('../../openapi/shifo.openapi.json', import.meta.url), 'utf8')) as {
      paths: Record<
        string,
        { post: { requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> } } }
      >;
    };
    const example =
      contract.paths['/fhir/MedicationRequest']!.post.requestBody.content['application/fhir+json']!.examples.example!
        .value;
    const token = await tokenFor(server, 'doctor');
    const response = await fetch(`${server.url}/fhir/MedicationRequest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(example),
    });
    assert.equal(response.status, 201, await response.clone().text());
    const created = (await response.json()) as MedicationRequest;
    assert.ok(isValidPrescriptionNumber(prescriptionNumberOf(created) ?? ''));
  });
});

/** The MOD 37-2 check character of a 17-character body (the SDK's own, to build a valid unknown number). */
function checkFor(body17: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+';
  let total = 0;
  for (const char of body17) total = ((total + alphabet.indexOf(char)) * 2) % 37;
  return alphabet[(38 - total) % 37]!;
}
