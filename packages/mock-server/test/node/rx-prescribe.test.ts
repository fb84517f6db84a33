import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isValidPrescriptionNumber } from '@shifo/sdk';
import { outcomeOf, type Harness } from './harness.js';
import {
  formularyEntry,
  ICD10,
  localDate,
  NUMBER_SYSTEM,
  post,
  prescription,
  read,
  shifoCodesOf,
  type Json,
  startRxSession,
  paracetamol,
} from './rx-support.js';

describe('e-prescriptions: creating a MedicationRequest', () => {
  let h: Harness;
  let doctor: string;
  let nextPatient: () => string;
  before(async () => {
    ({ h, doctor, nextPatient } = await startRxSession());
  });
  after(() => h.close());

  const ordinary = () => paracetamol(h);

  it('stores a prescription with a server-assigned, check-character-valid number, status, signing time and prescriber', async () => {
    const entry = ordinary();
    const patientId = nextPatient();
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, prescription(patientId, entry));
    assert.equal(response.status, 201, JSON.stringify(body));
    h.assertMatchesContract('createMedicationRequest', response, body);

    const numbers = (body.identifier as Json[]).filter((identifier) =>
      ((identifier.type as Json).coding as Json[]).some((coding) => coding.code === 'PLAC'),
    );
    assert.equal(numbers.length, 1);
    const number = numbers[0]!;
    assert.equal(number.system, NUMBER_SYSTEM);
    assert.match(String(number.value), /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{5}[0-9A-Z+]$/);
    assert.ok(isValidPrescriptionNumber(String(number.value)), `${String(number.value)} has a valid check character`);

    assert.equal(body.status, 'active');
    assert.ok(Math.abs(Date.parse(String(body.authoredOn)) - Date.now()) < 60_000, 'signed now');
    const doctorRole = h.server.state.users.get('doctor')?.practitionerRoleId;
    assert.equal((body.requester as Json).reference, `PractitionerRole/${doctorRole}`);
    assert.deepEqual((body.dispenseRequest as Json).validityPeriod, {
      start: localDate(0),
      end: localDate(entry.validityDaysCap),
    });

    const again = await read(h, `/fhir/MedicationRequest/${String(body.id)}`, doctor);
    assert.deepEqual(again.body.identifier, body.identifier);
  });

  it('gives every prescription its own number', async () => {
    const entry = ordinary();
    const numbers = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, prescription(nextPatient(), entry));
      assert.equal(response.status, 201);
      for (const identifier of body.identifier as Json[])
        if (identifier.system === NUMBER_SYSTEM) numbers.add(String(identifier.value));
    }
    assert.equal(numbers.size, 5);
  });

  it('keeps a number the prescribing system brings, but never twice', async () => {
    const entry = ordinary();
    const dmedNumber = {
      use: 'official',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PLAC' }] },
      value: 'DMED-2026-000417',
    };
    const first = await post(
      h,
      '/fhir/MedicationRequest',
      doctor,
      prescription(nextPatient(), entry, { identifier: [dmedNumber] }),
    );
    assert.equal(first.response.status, 201);
    assert.deepEqual(first.body.identifier, [dmedNumber]);
    const second = await post(
      h,
      '/fhir/MedicationRequest',
      doctor,
      prescription(nextPatient(), entry, { identifier: [dmedNumber] }),
    );
    assert.equal(second.response.status, 422);
    assert.equal((second.body.issue as Json[])[0]?.code, 'business-rule');
    assert.deepEqual((second.body.issue as Json[])[0]?.expression, ['MedicationRequest.identifier[0]']);
  });

  it('refuses a Shifo-system number whose check character is wrong', async () => {
    const entry = ordinary();
    const forged = {
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PLAC' }] },
      system: NUMBER_SYSTEM,
      value: '269CA9-A99968-4577BP',
    };
    const { response, body } = await post(
      h,
      '/fhir/MedicationRequest',
      doctor,
      prescription(nextPatient(), entry, { identifier: [forged] }),
    );
    assert.equal(response.status, 400);
    assert.deepEqual((body.issue as Json[])[0]?.expression, ['MedicationRequest.identifier[0]']);
  });

  it('accepts a medicine named by its INN code instead of a Medication reference', async () => {
    const entry = ordinary();
    const byCode = prescription(nextPatient(), entry, {
      medication: {
        concept: {
          coding: [
            { system: 'https://terminology.dhp.uz/fhir/core/CodeSystem/inn-medication-name-cs', code: entry.innCode },
          ],
        },
      },
    });
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, byCode);
    assert.equal(response.status, 201, JSON.stringify(body));
  });

  it('refuses a medicine that is not in the formulary (422 not-prescribable)', async () => {
    const unknown = prescription(nextPatient(), ordinary(), {
      medication: { reference: { reference: 'Medication/no-such-medicine' } },
    });
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, unknown);
    assert.equal(response.status, 422);
    h.assertMatchesContract('createMedicationRequest', response, body);
    assert.deepEqual(shifoCodesOf(body), ['not-prescribable']);
    assert.deepEqual((body.issue as Json[])[0]?.expression, ['MedicationRequest.medication']);
  });

  it('refuses anaesthetics and medicines not registered in Uzbekistan', async () => {
    for (const entry of [
      formularyEntry(h, (e) => e.flags.anaesthetic),
      formularyEntry(h, (e) => !e.flags.registeredInUz && !e.flags.anaesthetic),
    ]) {
      const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, prescription(nextPatient(), entry));
      assert.equal(response.status, 422, entry.medicationId);
      assert.deepEqual(shifoCodesOf(body), ['not-prescribable']);
      assert.match(
        String((body.issue as Json[])[0]?.diagnostics),
        entry.flags.anaesthetic ? /anaesthetic/ : /not registered/,
      );
    }
  });

  it('refuses a prescription without an ICD-10 indication, and reports every hard stop at once', async () => {
    const snomedOnly = prescription(
      nextPatient(),
      formularyEntry(h, (e) => e.flags.anaesthetic),
      {
        reason: [
          { concept: { coding: [{ system: 'http://snomed.info/sct', code: '25064002', display: 'Headache' }] } },
        ],
      },
    );
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, snomedOnly);
    assert.equal(response.status, 422);
    const expressions = (body.issue as Json[]).map((issue) => (issue.expression as string[])[0]);
    assert.deepEqual(expressions, ['MedicationRequest.medication', 'MedicationRequest.reason']);
    assert.deepEqual(shifoCodesOf(body), ['not-prescribable', 'not-prescribable']);
  });

  it("accepts an indication given as a reference to the patient's ICD-10 Condition", async () => {
    const { store, deniedPatients } = h.server.state;
    const entry = ordinary();
    const activeOn = new Set(
      [...store.all('MedicationRequest')]
        .filter((r) => r.status === 'active')
        .map((r) => String((r.subject as Json).reference)),
    );
    const condition = [...store.all('Condition')].find((c) => {
      const subject = String((c.subject as Json).reference);
      const patient = store.read('Patient', subject.replace('Patient/', ''));
      return (
        ((c.code as Json | undefined)?.coding as Json[] | undefined)?.some((coding) => coding.system === ICD10) &&
        !activeOn.has(subject) &&
        patient !== undefined &&
        !deniedPatients.has(patient.id) &&
        (patient.managingOrganization as Json | undefined)?.reference === 'Organization/org-yunusobod-polyclinic'
      );
    });
    assert.ok(condition, 'the seed has an ICD-10 Condition of a facility-1 patient without active prescriptions');
    const patientId = String((condition.subject as Json).reference).replace('Patient/', '');
    const byReference = prescription(patientId, entry, {
      reason: [{ reference: { reference: `Condition/${condition.id}` } }],
    });
    const { response, body } = await post(h, '/fhir/MedicationRequest', doctor, byReference);
    assert.equal(response.status, 201, JSON.stringify(body));
  });

  it('caps validity by category: 30 days reimbursed, 60 anabolic, 90 others; refuses a day more', async () => {
    const reimbursed = formularyEntry(
      h,
      (e) => e.flags.reimbursed && e.prescribable && e.strength.per.unit === 'tablet' && !e.allergyClass,
    );
    const anabolic = formularyEntry(h, (e) => e.flags.anabolic && e.prescribable);
    const other = ordinary();
    const reimbursedOrder = formularyEntry(
      h,
      (e) =>
        e.validityDaysCap === 90 &&
        e.prescribable &&
        e.medicationId !== other.medicationId &&
        !e.allergyClass &&
        e.strength.per.unit === 'tablet',
    );
    const cases: [typeof other, number, Json?][] = [
      [reimbursed, 30],
      [anabolic, 60],
      [other, 90],
      [
        reimbursedOrder,
        30,
        {
          category: [
            {
              coding: [
                {
                  system: 'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-request-order-type-cs',
                  code: 'rembr-0001-00001',
                },
              ],
            },
          ],
        },
      ],
    ];
    for (const [entry, cap, extra] of cases) {
      const start = localDate(0);
      const withValidity = (days: number) =>
        prescription(nextPatient(), entry, {
          ...extra,
          dispenseRequest: {
            quantity: { value: 10, unit: 'dona', code: 'piece' },
            validityPeriod: { start, end: localDate(days) },
          },
        });
      const over = await post(h, '/fhir/MedicationRequest', doctor, withValidity(cap + 1));
      assert.equal(over.response.status, 422, `${entry.medicationId}: ${cap + 1} days`);
      assert.deepEqual(shifoCodesOf(over.body), ['not-prescribable']);
      assert.deepEqual((over.body.issue as Json[])[0]?.expression, [
        'MedicationRequest.dispenseRequest.validityPeriod',
      ]);
      const at = await post(h, '/fhir/MedicationRequest', doctor, withValidity(cap));
      assert.equal(at.response.status, 201, `${entry.medicationId}: ${cap} days ${JSON.stringify(at.body)}`);
    }
  });

  it('refuses a prescription without a quantity to dispense (400, naming the element)', async () => {
    const noQuantity = prescription(nextPatient(), ordinary(), { dispenseRequest: {} });
    const response = await fetch(`${h.url}/fhir/MedicationRequest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${doctor}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(noQuantity),
    });
    assert.equal(response.status, 400);
    const outcome = await outcomeOf(response);
    assert.deepEqual(outcome.issue[0]?.expression, ['MedicationRequest.dispenseRequest.quantity']);
  });

  it('lets a HIS back end (client_credentials) prescribe in the name of a known PractitionerRole', async () => {
    const tokenResponse = await fetch(`${h.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'his-yunusobod',
        client_secret: 'his-yunusobod-secret',
      }),
    });
    assert.equal(tokenResponse.status, 200);
    const system = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const requester = { reference: 'PractitionerRole/prole-f1-gp1', display: 'Azimov Bahodir Rustamovich' };
    assert.ok(h.server.state.store.read('PractitionerRole', 'prole-f1-gp1'), 'the seed has this PractitionerRole');

    const signed = await post(
      h,
      '/fhir/MedicationRequest',
      system,
      prescription(nextPatient(), ordinary(), { requester }),
    );
    assert.equal(signed.response.status, 201, JSON.stringify(signed.body));
    assert.deepEqual(signed.body.requester, requester);

    const unsigned = await post(h, '/fhir/MedicationRequest', system, prescription(nextPatient(), ordinary()));
    assert.equal(unsigned.response.status, 400);
    assert.deepEqual((unsigned.body.issue as Json[])[0]?.expression, ['MedicationRequest.requester']);
  });

  it('lets only prescribers prescribe: a pharmacist or a nurse gets 403', async () => {
    for (const user of ['pharmacist', 'nurse']) {
      const token = await h.tokenFor(user);
      const { response, body } = await post(
        h,
        '/fhir/MedicationRequest',
        token,
        prescription(nextPatient(), ordinary()),
      );
      assert.equal(response.status, 403, user);
      assert.equal((body.issue as Json[])[0]?.code, 'forbidden');
    }
  });
});
