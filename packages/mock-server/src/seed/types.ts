/**
 * Types of the mock server's seed data set (see `index.ts` for `buildSeed`).
 * Everything here is plain JSON-serialisable data; FHIR resources are untyped R5 JSON objects.
 */

/** A FHIR R5 resource as plain JSON: `resourceType` and a URL-safe `id` are always present. */
export type FhirResource = { resourceType: string; id: string; [key: string]: unknown };

/** Which data set to build: the full demo, a tiny one for tests, or none at all (users and clients only). */
export type SeedKind = 'demo' | 'minimal' | 'none';

/** Inputs of `buildSeed`; the output is a pure function of (kind, today). */
export interface SeedOptions {
  /** The instant all relative dates derive from; its calendar date in Asia/Tashkent (UTC+5) is "today". */
  today: Date;
}

/** A text in the three catalogue languages: Uzbek (Latin), Russian, English. */
export interface Text3 {
  /** Uzbek, Latin script (oʻ/gʻ written with U+02BB, tutuq belgisi with U+02BC). */
  uz: string;
  /** Russian. */
  ru: string;
  /** English. */
  en: string;
}

/** A text in Uzbek Latin, Uzbek Cyrillic, Russian and English (for things shown on waiting-room screens). */
export interface Text4 extends Text3 {
  /** Uzbek, Cyrillic script. */
  'uz-Cyrl': string;
}

/** The roles a bearer token can carry (DESIGN.md §2). */
export type UserRole = 'doctor' | 'nurse' | 'registrar' | 'pharmacist' | 'patient' | 'admin' | 'display';

/** A person (or screen) who can sign in to the mock server through the browser (PKCE) flow. */
export interface DemoUser {
  /** Stable user id (URL-safe); also the `sub` a token can carry. */
  id: string;
  /** Sign-in name, memorable (`doctor`, `nurse2`, `pediatrician`, …). */
  username: string;
  /** Demo password (the same for every demo user: `demo`). Never use outside the mock server. */
  password: string;
  /** Role carried by the user's tokens. */
  role: UserRole;
  /** Name to show in the UI (the practitioner's or patient's full name, or the screen's label). */
  displayName: string;
  /** The facility (top-level Organization id) the user belongs to. */
  facilityId: string;
  /** The Organization the user's PractitionerRole points at (department, pharmacy or the facility itself). */
  organizationId?: string;
  /** Practitioner behind the user (staff only). */
  practitionerId?: string;
  /** PractitionerRole the user acts as (staff only); clinical writes use it as requester/performer. */
  practitionerRoleId?: string;
  /** Patient the user is (role `patient` only). */
  patientId?: string;
  /** Location the user is bound to: the waiting room for `display` users, the usual room for clinicians. */
  locationId?: string;
  /** Preferred UI locale of the user. */
  locale: 'uz' | 'uz-Cyrl' | 'ru' | 'en';
}

/** A confidential OAuth client: one hospital information system back end (client_credentials grant). */
export interface ConfidentialClient {
  /** Discriminant. */
  type: 'confidential';
  /** OAuth client_id. */
  clientId: string;
  /** OAuth client_secret (demo only). Accepted as client_secret_post and client_secret_basic. */
  clientSecret: string;
  /** Human-readable name of the HIS. */
  name: string;
  /** The facility whose data the back end acts for. */
  facilityId: string;
  /** Scopes granted to tokens of this client. */
  scopes: string[];
  /** Role the back end's tokens carry (a HIS back end acts with the rights of the facility's admin). */
  role: UserRole;
}

/** A public OAuth client: a browser application using authorization code + PKCE (no secret). */
export interface PublicClient {
  /** Discriminant. */
  type: 'public';
  /** OAuth client_id. */
  clientId: string;
  /** Human-readable name. */
  name: string;
  /** Exact redirect URIs the authorize endpoint accepts (loopback URIs of the examples and dev servers). */
  redirectUris: string[];
  /** Scopes a user may grant to this client (the user's role narrows them). */
  scopes: string[];
}

/** Any demo OAuth client. */
export type DemoClient = ConfidentialClient | PublicClient;

/** An amount with a UCUM unit code. */
export interface UcumQuantity {
  /** Numeric value. */
  value: number;
  /** UCUM code (`mg`, `ug`, `[iU]`, `mL`, …). */
  unit: string;
}

/** A pharmaceutical dose form (`medication-doseform-cs`, see SOURCES.md for which codes are real). */
export interface DoseForm {
  /** Code in `https://terminology.dhp.uz/fhir/core/CodeSystem/medication-doseform-cs`. */
  code: string;
  /** Names of the form. */
  display: Text3;
}

/** The strength of one unit of a product (a tablet, a mL, a dose of an inhaler, …). */
export interface Strength {
  /** Amount of the active ingredient (or of the first one, for combinations). */
  value: number;
  /** UCUM unit of `value`. */
  unit: string;
  /** What `value` is contained in: `{ value: 1, unit: 'tablet' }`, `{ value: 5, unit: 'mL' }`, … */
  per: { value: number; unit: string };
  /** Human-readable strength, e.g. `875 mg + 125 mg`, `100 µg/dose`. */
  text: string;
}

/** Regulatory and clinical category flags of a formulary product (demo classification, see SOURCES.md). */
export interface FormularyFlags {
  /** On the (demo) state reimbursement list: prescription valid up to 30 days, trade name may be printed. */
  reimbursed: boolean;
  /** Anabolic steroid: prescription valid up to 60 days. */
  anabolic: boolean;
  /** Controlled psychotropic substance. */
  psychotropic: boolean;
  /** Controlled narcotic drug. */
  narcotic: boolean;
  /** General anaesthetic (narcosis agent): may not be prescribed at all (DOMAIN.md). */
  anaesthetic: boolean;
  /** Registered in Uzbekistan; unregistered medicines may not be prescribed (orphan drugs excepted). */
  registeredInUz: boolean;
}

/** One prescribable (or deliberately non-prescribable) product and the Medication resource it backs. */
export interface FormularyEntry {
  /** Id of the matching `Medication` resource. */
  medicationId: string;
  /** International non-proprietary name. */
  inn: Text3;
  /** Well-known trade names (not a statement about what is sold in Uzbekistan). */
  tradeNames: string[];
  /** WHO ATC code (system `http://www.whocc.no/atc`). */
  atc: string;
  /** Code of the INN in `inn-medication-name-cs` (invented except paracetamol, see SOURCES.md). */
  innCode: string;
  /** Dose form. */
  form: DoseForm;
  /** Strength of one unit. */
  strength: Strength;
  /** Usual route, as a SNOMED CT route code. */
  route: { code: string; display: Text3 };
  /** Category flags. */
  flags: FormularyFlags;
  /** True when a prescription may be written at all (false for anaesthetics and unregistered products). */
  prescribable: boolean;
  /** Maximum daily dose for an adult, in the unit of `strength.unit` (absent where no fixed maximum exists). */
  maxDailyDose?: UcumQuantity;
  /** Longest allowed validity of a prescription, in days: 30 reimbursed, 60 anabolic, 90 others (DOMAIN.md). */
  validityDaysCap: 30 | 60 | 90;
  /** Allergy class for drug–allergy checks (see `Seed.allergyClasses`), e.g. `penicillins`. */
  allergyClass?: string;
  /** Therapeutic class for duplicate-therapy checks, e.g. `ace-inhibitor`, `statin`, `ppi`. */
  therapeuticClass: string;
  /** A usual adult dose, to prefill the prescription form. */
  usualDose?: { value: number; unit: string; timesPerDay: number };
  /** Units in one pack (tablets, ampoules, bottles, inhalers…), dispensed in `dona` (pieces). */
  packSize: number;
}

/** An allergy class: links AllergyIntolerance codes to formulary entries that share `allergyClass`. */
export interface AllergyClass {
  /** Class id, referenced by `FormularyEntry.allergyClass`. */
  id: string;
  /** Name of the class. */
  display: Text3;
  /** AllergyIntolerance codes (SNOMED CT substances/findings) that mean an allergy to this class. */
  codes: { system: string; code: string; display: string }[];
  /** ATC code prefixes of the class (an allergy recorded with an ATC code matches by prefix). */
  atcPrefixes: string[];
  /** Other classes with a known cross-reactivity risk (warn, do not stop). */
  crossReactsWith: string[];
}

/** One ICD-10 (WHO edition) code with titles. */
export interface Icd10Entry {
  /** Code, e.g. `I10`, `E11.9` (system `http://hl7.org/fhir/sid/icd-10`). */
  code: string;
  /** Titles: en = WHO ICD-10 title, ru = МКБ-10 title, uz = Uzbek translation (see SOURCES.md). */
  display: Text3;
}

/** One laboratory test (or panel) of the demo LOINC subset. */
export interface LabTest {
  /** LOINC code. */
  loinc: string;
  /** Names: en = LOINC long common name, ru/uz = usual lab names. */
  display: Text3;
  /** UCUM unit of results (absent for panels). */
  unit?: string;
  /** Human-readable unit. */
  unitDisplay?: string;
  /** Lower limit of the adult reference range. */
  low?: number;
  /** Upper limit of the adult reference range. */
  high?: number;
  /** Decimal places results are reported with. */
  decimals: number;
  /** LOINC code of the panel this test is usually ordered in. */
  panel?: string;
  /** For panels: LOINC codes of the members (`Observation.hasMember`). */
  members?: string[];
}

/** One working block of a queue service on one day. */
export interface QueueSchedule {
  /** Local date (Asia/Tashkent), `YYYY-MM-DD`. */
  date: string;
  /** Local start time, `HH:MM`. */
  start: string;
  /** Local end time, `HH:MM`. */
  end: string;
  /** Length of one bookable slot, in minutes. */
  slotMinutes: number;
  /** Who serves the queue in this block. */
  practitionerRoleId: string;
  /** Room (Location id) the practitioner serves from in this block. */
  roomId: string;
}

/** A waiting-room queue (Shifo-defined; DHP has no queue profiles). */
export interface QueueService {
  /** Stable id (URL-safe). */
  id: string;
  /** Facility (top-level Organization id). */
  facilityId: string;
  /** Department Organization that runs the service. */
  organizationId: string;
  /** Waiting-room Location whose board shows this queue. */
  locationId: string;
  /** Name of the service. */
  name: Text4;
  /** Ticket prefix; tickets read `TER-001` (a daily 3-digit count). */
  ticketPrefix: string;
  /** Rooms (Location ids) that call tickets of this queue. */
  rooms: string[];
  /** Working blocks for the 14 days from today (Sundays closed). */
  schedules: QueueSchedule[];
}

/** A patient's decision about sharing their record (opt-out model: no entry means permit). */
export interface ConsentEntry {
  /** Patient id. */
  patientId: string;
  /** `deny` makes reads of the patient's data answer 403 (allergies stay visible in emergencies). */
  decision: 'deny' | 'permit';
  /** Local date the decision was recorded, `YYYY-MM-DD`. */
  dateTime: string;
}

/** Quick index of one facility of the seed. */
export interface FacilitySummary {
  /** Top-level Organization id. */
  id: string;
  /** Name. */
  name: Text3;
  /** Soliq (tax) id. */
  taxId: string;
  /** Department Organization ids (`partOf` the facility). */
  departmentIds: string[];
  /** Pharmacy Organization id whose pharmacists dispense for this facility's patients. */
  pharmacyId: string;
  /** Building Location id. */
  buildingId: string;
  /** Waiting-room Location id (where the display board hangs). */
  waitingRoomId: string;
  /** Room Location ids. */
  roomIds: string[];
}

/** Ids of patients that exercise special cases, for tests and demos. */
export interface SeedScenarios {
  /** Patient with 2,000+ observations over 8+ years. */
  longHistoryPatientId?: string;
  /** Patients with a hand-written clinical picture (conditions, allergies, medications…). */
  clinicalPatientIds: string[];
  /** Patients whose PINFL fails the 7-3-1 check digit (a warning, not a refusal). */
  pinflChecksumFailures: string[];
  /** Patients whose PINFL encodes a birth date other than `birthDate` (checksum valid). */
  pinflBirthDateMismatch: string[];
  /** Patients with no PINFL at all (passport or birth certificate only). */
  noPinfl: string[];
  /** Patients who denied sharing (Consent deny). */
  consentDeny: string[];
  /** Patient whose allergy list is an explicit "no known allergy" (SNOMED 716186003). */
  noKnownAllergies?: string;
  /** Patient with no AllergyIntolerance recorded at all ("no information"). */
  noAllergyInformation?: string;
  /** Active MedicationRequests with a partial dispense (remaining quantity > 0). */
  partiallyDispensedRequests: string[];
}

/** The whole seed data set. */
export interface Seed {
  /** Which data set this is. */
  kind: SeedKind;
  /** Local (Asia/Tashkent) date all relative dates derive from, `YYYY-MM-DD`. */
  today: string;
  /** FHIR R5 resources with UZ Core `meta.profile` (fixtures are loaded separately by the server). */
  resources: FhirResource[];
  /** Demo users (always present, even for `none`). */
  users: DemoUser[];
  /** OAuth clients (always present, even for `none`). */
  clients: DemoClient[];
  /** Formulary, one entry per Medication resource. */
  formulary: FormularyEntry[];
  /** ICD-10 subset with uz/ru/en titles. */
  icd10: Icd10Entry[];
  /** LOINC laboratory subset with UCUM units and reference ranges. */
  labTests: LabTest[];
  /** Allergy classes for drug–allergy checks. */
  allergyClasses: AllergyClass[];
  /** Waiting-room queue services with schedules for 14 days. */
  queueServices: QueueService[];
  /** Consent decisions (Consent resources are not part of the API; the server enforces these). */
  consents: ConsentEntry[];
  /** Facilities of the seed. */
  facilities: FacilitySummary[];
  /** Ids of special-case patients and requests. */
  scenarios: SeedScenarios;
}
