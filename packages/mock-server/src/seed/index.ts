/**
 * Seed data of the Shifo mock server: `buildSeed(kind, { today })` returns FHIR R5 resources shaped by the
 * UZ Core profiles, demo users, OAuth clients and the catalogues (formulary, ICD-10, LOINC lab tests, queue
 * services). The output is a pure function of (kind, today): a seeded PRNG, no clock, no Math.random.
 */
import type {
  ConsentEntry,
  FhirResource,
  Icd10Entry,
  LabTest,
  Seed,
  SeedKind,
  SeedOptions,
  SeedScenarios,
} from './types.js';
import { CS } from './constants.js';
import { buildFacilities, type BuiltFacility, type FacilityKey } from './facilities.js';
import { ALLERGY_CLASSES, buildMedications, FORMULARY } from './formulary.js';
import { ICD10 } from './icd10.js';
import { LAB_TESTS } from './lab-tests.js';
import { buildLongHistory, LONG_HISTORY_ID, longHistoryPatient } from './long-history.js';
import { buildName } from './names.js';
import {
  birthDayForAge,
  buildPatient,
  GENERATED_CASES,
  generatedPatientId,
  generatedPatientSpecs,
  type BuiltPatient,
} from './patients.js';
import { buildQueueServices } from './queue-services.js';
import { buildScenarios, SCENARIOS } from './clinical-history.js';
import { createRng } from './rng.js';
import { isoDate, localDay } from './time.js';
import { buildClients, buildUsers, unboundUsers, type PatientUserSpec } from './users.js';

export type {
  AllergyClass,
  ConsentEntry,
  DemoClient,
  DemoUser,
  FacilitySummary,
  FhirResource,
  FormularyEntry,
  Icd10Entry,
  LabTest,
  QueueSchedule,
  QueueService,
  Seed,
  SeedKind,
  SeedOptions,
  SeedScenarios,
  Text3,
  Text4,
  UserRole,
} from './types.js';

/** Number of generated (demographics-only) patients in `demo`. */
const GENERATED_PATIENTS = 52;

/** Patients of the `minimal` seed: the patient user, "no known allergy", and a consent deny. */
const MINIMAL_SCENARIOS = ['pt-dilnoza-yusupova', 'pt-bahodir-toshmatov', 'pt-akmal-nazarov'];

/** Patient users: username → scenario patient id. */
const PATIENT_USERS: readonly (readonly [string, string])[] = [
  ['patient', 'pt-dilnoza-yusupova'],
  ['patient2', 'pt-zuhra-saidova'],
  ['patient3', 'pt-rustam-yuldashev'],
];

function emptyScenarios(): SeedScenarios {
  return {
    clinicalPatientIds: [],
    pinflChecksumFailures: [],
    pinflBirthDateMismatch: [],
    noPinfl: [],
    consentDeny: [],
    partiallyDispensedRequests: [],
  };
}

function facilityMap(list: readonly BuiltFacility[]): Map<FacilityKey, BuiltFacility> {
  return new Map(list.map((f) => [f.key, f]));
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`seed: ${what} missing`);
  return value;
}

function patientUsers(
  facilities: ReadonlyMap<FacilityKey, BuiltFacility>,
  patients: readonly BuiltPatient[],
  extra: readonly (readonly [string, BuiltPatient])[] = [],
): PatientUserSpec[] {
  const specs: PatientUserSpec[] = [];
  for (const [username, id] of PATIENT_USERS) {
    const p = patients.find((x) => x.spec.id === id);
    if (p === undefined) continue;
    specs.push({ username, patient: p, facility: need(facilities.get(p.spec.facility), p.spec.facility) });
  }
  for (const [username, p] of extra)
    specs.push({ username, patient: p, facility: need(facilities.get(p.spec.facility), p.spec.facility) });
  return specs;
}

function consentsOf(ids: readonly { id: string; decision: 'deny' | 'permit' }[], todayDay: number): ConsentEntry[] {
  return ids.map((c, i) => ({ patientId: c.id, decision: c.decision, dateTime: isoDate(todayDay - 30 - i * 17) }));
}

/** Build the seed data set of a kind for a given "today". */
export function buildSeed(kind: SeedKind, options: SeedOptions): Seed {
  const todayDay = localDay(options.today);
  if (kind === 'none') return buildNone(todayDay);
  if (kind === 'minimal') return buildMinimal(todayDay);
  return buildDemo(todayDay);
}

function buildDemo(todayDay: number): Seed {
  const facilities = buildFacilities(['f1', 'f2', 'f3'], todayDay, false);
  const byKey = facilityMap(facilities);
  const f1 = need(byKey.get('f1'), 'facility 1');
  const f2 = need(byKey.get('f2'), 'facility 2');

  const long = buildLongHistory(f1, f2, todayDay);
  const scen = buildScenarios(SCENARIOS, byKey, todayDay);

  const rng = createRng('patients/special');
  const passportOnly = buildPatient(
    {
      id: 'pt-passport-only',
      facility: 'f1',
      sex: 'male',
      birthDay: birthDayForAge(rng, todayDay, 44),
      name: buildName({ family: 'Xolmatov', given: 'Ravshan', father: 'Tursun', sex: 'male' }, 'ru'),
      gp: ['gp1'],
      pinfl: 'none',
      seedLabel: 'passport-only',
    },
    f1,
    todayDay,
  );
  const birthCertOnly = buildPatient(
    {
      id: 'pt-birth-cert-only',
      facility: 'f1',
      sex: 'female',
      birthDay: todayDay - 97,
      name: buildName({ family: 'Raximova', given: 'Oysha', father: 'Doniyor', sex: 'female' }, 'uz', {
        traditional: true,
      }),
      gp: ['ped', 'gp1'],
      pinfl: 'none',
      seedLabel: 'birth-cert-only',
    },
    f1,
    todayDay,
  );
  const generated = generatedPatientSpecs(GENERATED_PATIENTS, ['f1', 'f2', 'f3'], todayDay).map((spec) =>
    buildPatient(spec, need(byKey.get(spec.facility), spec.facility), todayDay),
  );

  const patients: BuiltPatient[] = [long.patient, ...scen.patients, passportOnly, birthCertOnly, ...generated];
  const resources: FhirResource[] = [
    ...facilities.flatMap((f) => f.resources),
    ...buildMedications(FORMULARY, todayDay),
    ...patients.map((p) => p.resource),
    ...long.resources,
    ...scen.resources,
  ];

  const consentDeny = [
    ...SCENARIOS.filter((s) => s.consent === 'deny').map((s) => s.id),
    ...generated
      .map((_, i) => i)
      .filter(GENERATED_CASES.consentDeny)
      .map(generatedPatientId),
  ];
  const consentPermit = [
    ...SCENARIOS.filter((s) => s.consent === 'permit').map((s) => s.id),
    ...generated
      .map((_, i) => i)
      .filter(GENERATED_CASES.consentPermit)
      .map(generatedPatientId),
  ];
  const scenarios: SeedScenarios = {
    longHistoryPatientId: LONG_HISTORY_ID,
    clinicalPatientIds: SCENARIOS.map((s) => s.id),
    pinflChecksumFailures: generated.filter((p) => p.spec.pinfl === 'checksum').map((p) => p.spec.id),
    pinflBirthDateMismatch: generated.filter((p) => p.spec.pinfl === 'date-mismatch').map((p) => p.spec.id),
    noPinfl: [passportOnly.spec.id, birthCertOnly.spec.id],
    consentDeny,
    partiallyDispensedRequests: [...long.partialIds, ...scen.partialIds],
  };
  if (scen.noKnownAllergies !== undefined) scenarios.noKnownAllergies = scen.noKnownAllergies;
  if (scen.noAllergyInformation !== undefined) scenarios.noAllergyInformation = scen.noAllergyInformation;

  return {
    kind: 'demo',
    today: isoDate(todayDay),
    resources,
    users: buildUsers(facilities, patientUsers(byKey, patients, [['patient-long', long.patient]])),
    clients: buildClients(),
    formulary: [...FORMULARY],
    icd10: [...ICD10],
    labTests: [...LAB_TESTS],
    allergyClasses: [...ALLERGY_CLASSES],
    queueServices: facilities.flatMap((f) => buildQueueServices(f, todayDay)),
    consents: consentsOf(
      [
        ...consentDeny.map((id) => ({ id, decision: 'deny' as const })),
        ...consentPermit.map((id) => ({ id, decision: 'permit' as const })),
      ],
      todayDay,
    ),
    facilities: facilities.map((f) => f.summary),
    scenarios,
  };
}

const MINIMAL_EXTRA_MEDS = [
  'med-paracetamol-500mg-tab',
  'med-ibuprofen-400mg-ftab',
  'med-amoxicillin-500mg-cap',
  'med-propofol-10mg-emu',
  'med-nandrolone-50mg-inj',
  'med-alprazolam-0.5mg-tab',
  'med-enalapril-10mg-tab',
];
const MINIMAL_EXTRA_ICD = ['J06.9', 'I10', 'E11.9', 'K29.7', 'M54.5', 'R51', 'Z00.0'];

function referencedMedicationIds(resources: readonly FhirResource[]): Set<string> {
  const ids = new Set<string>();
  for (const r of resources) {
    if (r.resourceType !== 'MedicationRequest' && r.resourceType !== 'MedicationDispense') continue;
    const med = r.medication as { reference?: { reference?: string } } | undefined;
    const ref = med?.reference?.reference;
    if (ref !== undefined && ref.startsWith('Medication/')) ids.add(ref.slice('Medication/'.length));
  }
  return ids;
}

function codesOf(resources: readonly FhirResource[], type: string, system: string): Set<string> {
  const codes = new Set<string>();
  for (const r of resources) {
    if (r.resourceType !== type) continue;
    const code = r.code as { coding?: { system?: string; code?: string }[] } | undefined;
    for (const c of code?.coding ?? []) if (c.system === system && c.code !== undefined) codes.add(c.code);
  }
  return codes;
}

function buildMinimal(todayDay: number): Seed {
  const facilities = buildFacilities(['f1'], todayDay, true);
  const byKey = facilityMap(facilities);
  const scen = buildScenarios(
    SCENARIOS.filter((s) => MINIMAL_SCENARIOS.includes(s.id)),
    byKey,
    todayDay,
  );
  const clinical = scen.resources;
  const medIds = referencedMedicationIds(clinical);
  for (const id of MINIMAL_EXTRA_MEDS) medIds.add(id);
  const formulary = FORMULARY.filter((e) => medIds.has(e.medicationId));
  const icdCodes = codesOf(clinical, 'Condition', CS.icd10);
  for (const c of MINIMAL_EXTRA_ICD) icdCodes.add(c);
  const icd10: Icd10Entry[] = ICD10.filter((e) => icdCodes.has(e.code));
  const loincs = codesOf(clinical, 'Observation', CS.loinc);
  const labTests: LabTest[] = LAB_TESTS.filter((t) => loincs.has(t.loinc));
  const resources: FhirResource[] = [
    ...facilities.flatMap((f) => f.resources),
    ...buildMedications(formulary, todayDay),
    ...scen.patients.map((p) => p.resource),
    ...clinical,
  ];
  const consents = consentsOf(
    SCENARIOS.filter((s) => MINIMAL_SCENARIOS.includes(s.id) && s.consent !== undefined).map((s) => ({
      id: s.id,
      decision: s.consent === 'deny' ? ('deny' as const) : ('permit' as const),
    })),
    todayDay,
  );
  const scenarios: SeedScenarios = {
    ...emptyScenarios(),
    clinicalPatientIds: scen.patients.map((p) => p.spec.id),
    consentDeny: consents.filter((c) => c.decision === 'deny').map((c) => c.patientId),
    partiallyDispensedRequests: scen.partialIds,
  };
  if (scen.noKnownAllergies !== undefined) scenarios.noKnownAllergies = scen.noKnownAllergies;
  return {
    kind: 'minimal',
    today: isoDate(todayDay),
    resources,
    users: buildUsers(facilities, patientUsers(byKey, scen.patients)),
    clients: buildClients(facilities.map((f) => f.id)),
    formulary,
    icd10,
    labTests,
    allergyClasses: [...ALLERGY_CLASSES],
    queueServices: facilities.flatMap((f) => buildQueueServices(f, todayDay, ['therapist'])),
    consents,
    facilities: facilities.map((f) => f.summary),
    scenarios,
  };
}

function buildNone(todayDay: number): Seed {
  const facilities = buildFacilities(['f1', 'f2', 'f3'], todayDay, false);
  const byKey = facilityMap(facilities);
  const f1 = need(byKey.get('f1'), 'facility 1');
  const scen = buildScenarios(
    SCENARIOS.filter((s) => PATIENT_USERS.some(([, id]) => id === s.id)),
    byKey,
    todayDay,
  );
  const users = buildUsers(
    facilities,
    patientUsers(byKey, scen.patients, [['patient-long', longHistoryPatient(f1, todayDay)]]),
  );
  return {
    kind: 'none',
    today: isoDate(todayDay),
    resources: [],
    users: unboundUsers(users),
    clients: buildClients(),
    formulary: [],
    icd10: [],
    labTests: [],
    allergyClasses: [],
    queueServices: [],
    consents: [],
    facilities: [],
    scenarios: emptyScenarios(),
  };
}
