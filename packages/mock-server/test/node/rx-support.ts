// Shared by the rx-*.test.ts suites: prescriptions and dispenses over real HTTP against a demo-seeded server.
import type { FormularyEntry } from '../../src/seed/index.js';
import { startHarness, type Harness } from './harness.js';

export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
export const STATUS_REASON = 'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason';
export const OVERRIDE_URL = 'https://shifo.uz/fhir/StructureDefinition/clinical-check-override';
export const NUMBER_SYSTEM = 'https://shifo.uz/sid/prescription-number';

export type Json = Record<string, unknown>;

export interface Sent {
  response: Response;
  body: Json;
}

async function send(h: Harness, method: string, path: string, token: string, body: unknown, etag?: string) {
  const response = await fetch(`${h.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/fhir+json',
      ...(etag === undefined ? {} : { 'If-Match': etag }),
    },
    body: JSON.stringify(body),
  });
  return { response, body: (await response.json()) as Json };
}

export const post = (h: Harness, path: string, token: string, body: unknown): Promise<Sent> =>
  send(h, 'POST', path, token, body);

export const put = (h: Harness, path: string, token: string, body: unknown, etag: string): Promise<Sent> =>
  send(h, 'PUT', path, token, body, etag);

export async function read(h: Harness, path: string, token: string): Promise<Sent> {
  const response = await fetch(`${h.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { response, body: (await response.json()) as Json };
}

/** A local (Tashkent) date `days` from today. */
export function localDate(days = 0): string {
  return new Date(Date.now() + 5 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The formulary entry a test needs, found by what it is rather than by a hard-coded id. */
export function formularyEntry(h: Harness, predicate: (entry: FormularyEntry) => boolean): FormularyEntry {
  const entry = h.server.state.seed.formulary.find(predicate);
  if (!entry) throw new Error('no formulary entry fits');
  return entry;
}

/**
 * Patients of facility 1 (the `doctor`'s) with no allergies, no active prescriptions and no consent refusal,
 * handed out one per call so the tests' prescriptions never meet each other's duplicate-therapy check.
 */
export function patientPool(h: Harness): () => string {
  const { store, deniedPatients } = h.server.state;
  const busy = new Set<string>();
  for (const allergy of store.all('AllergyIntolerance')) busy.add(String((allergy.patient as Json).reference));
  for (const request of store.all('MedicationRequest')) busy.add(String((request.subject as Json).reference));
  const free = [...store.all('Patient')]
    .filter(
      (patient) =>
        (patient.managingOrganization as Json | undefined)?.reference === 'Organization/org-yunusobod-polyclinic',
    )
    .map((patient) => patient.id)
    .filter((id) => !busy.has(`Patient/${id}`) && !deniedPatients.has(id));
  return () => {
    const id = free.shift();
    if (id === undefined) throw new Error('out of patients without history');
    return id;
  };
}

/** An ordinary outpatient prescription: one tablet once a day for 30 days, validity left to the server. */
export function prescription(patientId: string, entry: FormularyEntry, overrides: Json = {}): Json {
  return {
    resourceType: 'MedicationRequest',
    meta: { profile: ['https://dhp.uz/fhir/core/StructureDefinition/uz-core-medicationrequest'] },
    status: 'active',
    intent: 'order',
    medication: { reference: { reference: `Medication/${entry.medicationId}` } },
    subject: { reference: `Patient/${patientId}` },
    reason: [{ concept: { coding: [{ system: ICD10, code: 'I10', display: 'Essential (primary) hypertension' }] } }],
    dosageInstruction: [
      {
        text: '1 tabletka kuniga 1 marta',
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
        doseAndRate: [
          {
            doseQuantity: {
              value: 1,
              unit: 'tabletka',
              system: 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm',
              code: 'TAB',
            },
          },
        ],
      },
    ],
    dispenseRequest: {
      quantity: {
        value: 30,
        unit: 'dona',
        system: 'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-total-volume-local-units-cs',
        code: 'piece',
      },
    },
    ...overrides,
  };
}

/** A completed (partial) supply of `quantity` pieces on a prescription. */
export function dispense(request: Json, quantity: number, overrides: Json = {}): Json {
  return {
    resourceType: 'MedicationDispense',
    meta: { profile: ['https://dhp.uz/fhir/core/StructureDefinition/uz-core-medication-dispense'] },
    status: 'completed',
    medication: request.medication,
    subject: request.subject,
    authorizingPrescription: [{ reference: `MedicationRequest/${String(request.id)}` }],
    quantity: {
      value: quantity,
      unit: 'dona',
      system: 'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-total-volume-local-units-cs',
      code: 'piece',
    },
    whenHandedOver: new Date().toISOString(),
    ...overrides,
  };
}

export function override(finding: 'salg' | 'sdupther' | 'drughigh', reason: string): Json {
  return {
    url: OVERRIDE_URL,
    extension: [
      { url: 'finding', valueCoding: { system: STATUS_REASON, code: finding } },
      { url: 'reason', valueString: reason },
    ],
  };
}

/** The statusReason codes an OperationOutcome names in `issue.details.coding`. */
export function findingsOf(outcome: Json): string[] {
  return ((outcome.issue as Json[] | undefined) ?? []).flatMap((issue) =>
    (((issue.details as Json | undefined)?.coding as Json[] | undefined) ?? [])
      .filter((coding) => coding.system === STATUS_REASON)
      .map((coding) => String(coding.code)),
  );
}

/** The Shifo error codes an OperationOutcome carries. */
export function shifoCodesOf(outcome: Json): string[] {
  return ((outcome.issue as Json[] | undefined) ?? []).flatMap((issue) =>
    (((issue.details as Json | undefined)?.coding as Json[] | undefined) ?? [])
      .filter((coding) => coding.system === 'https://shifo.uz/fhir/CodeSystem/error')
      .map((coding) => String(coding.code)),
  );
}

/** A demo-seeded server with the prescriber's and the pharmacist's tokens and a pool of clean patients. */
export interface RxSession {
  h: Harness;
  doctor: string;
  pharmacist: string;
  nextPatient: () => string;
}

export async function startRxSession(): Promise<RxSession> {
  const h = await startHarness();
  const [doctor, pharmacist] = await Promise.all([h.tokenFor('doctor'), h.tokenFor('pharmacist')]);
  return { h, doctor, pharmacist, nextPatient: patientPool(h) };
}

/** The seed's ordinary paracetamol tablets: a medicine with no special rules, for tests about something else. */
export const paracetamol = (h: Harness): FormularyEntry =>
  formularyEntry(h, (entry) => entry.medicationId === 'med-paracetamol-500mg-tab');
