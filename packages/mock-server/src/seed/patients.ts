/**
 * Patients: UZ Core Patient resources with PINFL (valid, failing the 7-3-1 check, or encoding another birth date),
 * local passports for adults, birth certificates for children, addresses, phones and a managing organization.
 */
import type { FhirResource } from './types.js';
import { CS, EXT, PROFILE, SID } from './constants.js';
import { coding, concept, identifier, meta, ref } from './fhir.js';
import { staffOf, type BuiltFacility, type FacilityKey } from './facilities.js';
import { homeAddress, mobilePhone } from './geography.js';
import {
  buildName,
  humanName,
  randomName,
  FEMALE_GIVEN,
  FATHER_NAMES,
  type NameLanguage,
  type PersonName,
  type Sex,
} from './names.js';
import { buildPinfl } from './pinfl.js';
import { createRng, type Rng } from './rng.js';
import { ageOn, isoDate, pad, yearsBefore } from './time.js';

/** How a patient's PINFL is made. */
export type PinflKind = 'valid' | 'checksum' | 'date-mismatch' | 'none';

/** Everything needed to build one Patient. */
export interface PatientSpec {
  id: string;
  facility: FacilityKey;
  sex: Sex;
  birthDay: number;
  name: PersonName;
  /** Staff keys to try for generalPractitioner, in order. */
  gp: readonly string[];
  pinfl: PinflKind;
  /** Label of the patient's own random stream (addresses, numbers). */
  seedLabel: string;
  maritalStatus?: 'M' | 'S' | 'W' | 'D';
}

/** A built patient and what clinical builders need to know about it. */
export interface BuiltPatient {
  spec: PatientSpec;
  resource: FhirResource;
  gpRoleId: string;
  pinfl?: string;
}

const MARITAL: Readonly<Record<'M' | 'S' | 'W' | 'D', string>> = {
  M: 'Married',
  S: 'Never Married',
  W: 'Widowed',
  D: 'Divorced',
};
const LANGUAGE_NAME: Readonly<Record<NameLanguage, string>> = {
  uz: "O'zbek",
  'uz-Cyrl': 'Ўзбек (кирилл)',
  ru: 'Русский',
};

/** Build the Patient resource for a spec. */
export function buildPatient(spec: PatientSpec, facility: BuiltFacility, todayDay: number): BuiltPatient {
  const rng = createRng(`patient/${spec.seedLabel}`);
  const age = ageOn(spec.birthDay, todayDay);
  const identifiers: unknown[] = [];
  let pinfl: string | undefined;
  if (spec.pinfl !== 'none') {
    pinfl = buildPinfl({
      sex: spec.sex,
      birthDay: spec.pinfl === 'date-mismatch' ? spec.birthDay + 41 : spec.birthDay,
      place: rng.int(100, 999),
      serial: rng.int(1, 999),
      checkDigitError: spec.pinfl === 'checksum' ? rng.int(1, 9) : 0,
    });
    identifiers.push(identifier(SID.pinfl, pinfl, 'NI', 'official'));
  }
  const letters = (): string => rng.pick(['AA', 'AB', 'AC', 'AD', 'AE', 'FA', 'KA']);
  const cyr = spec.name.language !== 'uz';
  if (age >= 16) {
    identifiers.push(
      identifier(SID.passportLocal, `${letters()}${String(rng.int(1000000, 9999999))}`, 'PPN', 'official'),
    );
    if (age >= 35 && rng.chance(0.4))
      identifiers.push(
        identifier(SID.passportLocal, `${rng.pick(['AA', 'AB'])}${String(rng.int(1000000, 9999999))}`, 'PPN', 'old'),
      );
  } else {
    const series = spec.facility === 'f3' ? (cyr ? 'I-ҚР' : 'I-QR') : cyr ? 'I-ТН' : 'I-TN';
    identifiers.push(identifier(SID.birthCertificate, `${series} №${pad(rng.int(1, 999999), 6)}`, 'BCT', 'official'));
  }
  const gpRole = staffOf(facility, ...spec.gp);
  const registeredDay = Math.max(spec.birthDay + 30, yearsBefore(todayDay, rng.int(1, 12)) - rng.int(0, 360));
  const resource: FhirResource = {
    resourceType: 'Patient',
    id: spec.id,
    meta: meta(PROFILE.patient),
    language: spec.name.language,
    extension: [
      { url: EXT.managingOrganizationAttachment, valueDate: isoDate(registeredDay) },
      {
        url: EXT.patientCitizenship,
        extension: [{ url: 'code', valueCodeableConcept: concept(CS.iso3166, 'UZ', 'Uzbekistan') }],
      },
    ],
    identifier: identifiers,
    active: true,
    name: [humanName(spec.name)],
  };
  if (age >= 14) resource.telecom = [{ system: 'phone', value: mobilePhone(rng), use: 'mobile', rank: 1 }];
  resource.gender = spec.sex;
  resource.birthDate = isoDate(spec.birthDay);
  resource.address = [
    homeAddress(rng, spec.facility, spec.name.language, isoDate(Math.max(spec.birthDay, registeredDay - 400))),
  ];
  if (age >= 18) {
    const ms =
      spec.maritalStatus ??
      (age < 24 ? 'S' : age > 70 && rng.chance(0.4) ? 'W' : rng.chance(0.85) ? 'M' : rng.pick(['S', 'D'] as const));
    resource.maritalStatus = concept(CS.v3MaritalStatus, ms, MARITAL[ms]);
  }
  if (age < 18) {
    const fam = spec.name.family;
    const motherFamily =
      spec.sex === 'male' && /[vв]$/.test(fam) ? `${fam}${spec.name.language === 'uz' ? 'a' : 'а'}` : fam;
    const mother = buildName(
      { family: motherFamily, given: rng.pick(FEMALE_GIVEN), father: rng.pick(FATHER_NAMES), sex: 'female' },
      spec.name.language,
    );
    resource.contact = [
      {
        relationship: [concept(CS.v2_0131, 'N', 'Next-of-Kin')],
        name: { text: mother.text },
        telecom: [{ system: 'phone', value: mobilePhone(rng), use: 'mobile' }],
        gender: 'female',
      },
    ];
  }
  resource.communication = [
    {
      language: { coding: [coding(CS.bcp47, spec.name.language, LANGUAGE_NAME[spec.name.language])] },
      preferred: true,
    },
  ];
  resource.generalPractitioner = [ref('PractitionerRole', gpRole.roleId, gpRole.displayName)];
  resource.managingOrganization = ref('Organization', facility.id, facility.name.uz);
  const built: BuiltPatient = { spec, resource, gpRoleId: gpRole.roleId };
  if (pinfl !== undefined) built.pinfl = pinfl;
  return built;
}

/** Birth day for an age in years, with a random day within that year of life. */
export function birthDayForAge(rng: Rng, todayDay: number, age: number): number {
  return yearsBefore(todayDay, age) - rng.int(1, 360);
}

/** Languages by facility: [uz, uz-Cyrl, ru] weights. */
const LANG_WEIGHTS: Readonly<Record<FacilityKey, readonly [number, number, number]>> = {
  f1: [0.5, 0.2, 0.3],
  f2: [0.45, 0.2, 0.35],
  f3: [0.5, 0.15, 0.35],
};

/** Which generated patients carry which special case (indices into the generated list). */
export const GENERATED_CASES = {
  /** PINFL check digit deliberately wrong. */
  checksum: (i: number): boolean => i % 7 === 3,
  /** PINFL encodes a birth date 41 days after `birthDate`. */
  dateMismatch: (i: number): boolean => i === 5 || i === 20,
  /** Consent deny. */
  consentDeny: (i: number): boolean => i === 12,
  /** Explicit consent permit. */
  consentPermit: (i: number): boolean => i === 1 || i === 27,
} as const;

/** Generated patient id for an index (0-based). */
export function generatedPatientId(i: number): string {
  return `pt-${pad(i + 1, 3)}`;
}

/** Specs of `count` generated patients, spread over the given facilities. */
export function generatedPatientSpecs(
  count: number,
  facilities: readonly FacilityKey[],
  todayDay: number,
): PatientSpec[] {
  const rng = createRng('patients/generated');
  const specs: PatientSpec[] = [];
  for (let i = 0; i < count; i++) {
    const share = i / count;
    const facility: FacilityKey =
      facilities.length === 1 ? (facilities[0] ?? 'f1') : share < 0.63 ? 'f1' : share < 0.82 ? 'f2' : 'f3';
    const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
    const band = rng.next();
    const age = band < 0.2 ? rng.int(0, 15) : band < 0.8 ? rng.int(16, 64) : rng.int(65, 89);
    const birthDay = birthDayForAge(rng, todayDay, age);
    const [wUz, wCyrl] = LANG_WEIGHTS[facility];
    const r = rng.next();
    let language: NameLanguage = r < wUz ? 'uz' : r < wUz + wCyrl ? 'uz-Cyrl' : 'ru';
    if (language === 'uz' && age >= 55 && rng.chance(0.5)) language = 'uz-Cyrl';
    const name = randomName(rng, sex, language);
    const child = age < 16;
    // Family doctors register whole families: facility 1's children are on `doctor`'s list too.
    const gp =
      facility === 'f1'
        ? ['gp1']
        : facility === 'f2'
          ? i % 3 === 0
            ? ['ther', 'cardio1']
            : ['cardio1']
          : child
            ? ['ped', 'gp1']
            : ['gp1'];
    const pinfl: PinflKind = GENERATED_CASES.checksum(i)
      ? 'checksum'
      : GENERATED_CASES.dateMismatch(i)
        ? 'date-mismatch'
        : 'valid';
    specs.push({ id: generatedPatientId(i), facility, sex, birthDay, name, gp, pinfl, seedLabel: `generated-${i}` });
  }
  return specs;
}
