import type { ShifoProfiles } from '../fhir/profiles.js';
import type { Schemas } from '../fhir/types.js';
import {
  ADMIN_LOCATION_SYSTEM,
  CLINICAL_CHECK_OVERRIDE_URL,
  ICD10_SYSTEM,
  LOCAL_UNITS_SYSTEM,
  REIMBURSED_ORDER_CODE,
  REIMBURSED_ORDER_SYSTEM,
  STATUS_REASON_SYSTEM,
  UCUM_SYSTEM,
} from './code-systems.js';
import { invalidInput } from './invalid-input.js';

type MedicationRequest = Schemas['MedicationRequest'];
type Quantity = Schemas['Quantity'];
type Dosage = Schemas['Dosage'];

/** The prescriber checks a doctor may override with a reason: allergy, duplicate therapy, dose too high. */
export type ClinicalFinding = 'salg' | 'sdupther' | 'drughigh';

/** An amount with its unit, as a form holds it: `{ value: 1, unit: 'tablet' }`, `{ value: 5, unit: 'mg' }`. */
export interface AmountInput {
  value: number;
  /** A UCUM unit (`mg`, `mL`, `g`, `ug`, `[iU]`) or a piece word (`tablet`, `capsule`, `tabletka`, `dona`). */
  unit: string;
  /** Coded unit, when the form has one (e.g. `http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm` / `TAB`). */
  system?: string;
  code?: string;
}

/** A coded medicine (when the doctor prescribes by INN or ATC code rather than a formulary product). */
export interface MedicationCodeInput {
  /** `https://terminology.dhp.uz/fhir/core/CodeSystem/inn-medication-name-cs` (INN) or `http://www.whocc.no/atc`. */
  system: string;
  code: string;
  display?: string;
}

/** One line of a prescription: one medicine, how to take it, how much to hand over. */
export interface PrescriptionItemInput {
  /** A formulary Medication id (from `medications.search`). Give this or `code`. */
  medicationId?: string;
  /** The medicine by INN/ATC code. Give this or `medicationId`. */
  code?: MedicationCodeInput;
  /** What to show for the medicine (e.g. "Amlodipin 5 mg tabletka"). */
  medicationDisplay?: string;
  /** One dose. */
  dose: AmountInput;
  /** Doses per day (default 1). */
  timesPerDay?: number;
  /** Days of treatment. */
  durationDays?: number;
  /** When in the day (FHIR event timing codes: `MORN`, `AFT`, `EVE`, `HS`, `AC`, `PC`, …). */
  when?: string[];
  /** Route (SNOMED CT), e.g. `{ code: '26643006', display: 'Oral route' }`. */
  route?: { code: string; display?: string };
  /** The instruction as the patient reads it ("1 tabletka kuniga 1 marta, ertalab"). */
  instructions?: string;
  /**
   * Total to hand over, over all partial dispenses. Pieces (`tablet`, `capsule`, `dona`, …) are counted in DHP's
   * local unit `dona`, which pharmacies dispense in.
   */
  quantity: AmountInput;
  /**
   * Days the prescription may be dispensed, from today (the server refuses more than the medicine's cap: 30
   * reimbursed, 60 anabolic, 90 others; without it the server fills in the cap).
   */
  validityDays?: number;
  /** Whether the pharmacy may substitute another product of the same INN (default: FHIR's default, allowed). */
  substitutionAllowed?: boolean;
  /** Findings the doctor saw and overrides, each with a reason (stored with the prescription). */
  overrides?: { finding: ClinicalFinding; reason: string }[];
  /** A note to the pharmacist. */
  note?: string;
}

/** A doctor's prescription form: one patient, one diagnosis, one or more medicines. */
export interface PrescriptionInput {
  patientId: string;
  /** The indication, an ICD-10 code (required by Resolution No. 570), e.g. `{ code: 'I10', display: '…' }`. */
  diagnosis: { code: string; display?: string };
  /** The patient's Condition recording that diagnosis, when there is one. */
  conditionId?: string;
  items: PrescriptionItemInput[];
  encounterId?: string;
  /** Reimbursed (state-paid) prescription: national order type, valid 30 days at most. */
  reimbursed?: boolean;
  /**
   * The prescriber's PractitionerRole id. A doctor's token signs as its own role (the server sets it); a HIS back
   * end with a system token must name one.
   */
  requesterRoleId?: string;
  /** When it was signed (ISO date-time); default now. A prescription signed offline keeps its signing time. */
  authoredOn?: string;
}

const ICD10_CODE = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/u;
const FINDINGS: ReadonlySet<string> = new Set<ClinicalFinding>(['salg', 'sdupther', 'drughigh']);
/** UCUM units a form commonly sends; anything else travels as a plain unit text (pieces: tablet, dona, …). */
const UCUM_UNITS: ReadonlySet<string> = new Set(['mg', 'g', 'ug', 'mcg', 'ng', 'mL', 'ml', 'L', '[iU]', 'IU', 'd']);

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function isPositiveInteger(value: unknown): value is number {
  return isPositive(value) && Number.isInteger(value);
}

function checkAmount(amount: AmountInput | undefined, field: string, what: string): void {
  if (!amount || !isPositive(amount.value)) throw invalidInput(`${field}.value`, `${what} must be more than 0.`);
  if (typeof amount.unit !== 'string' || amount.unit.trim() === '') {
    throw invalidInput(`${field}.unit`, `${what} needs a unit.`);
  }
}

function checkItem(item: PrescriptionItemInput, at: string): void {
  const hasId = typeof item.medicationId === 'string' && item.medicationId.trim() !== '';
  const hasCode = item.code !== undefined && item.code.code.trim() !== '' && item.code.system.trim() !== '';
  if (hasId === hasCode) throw invalidInput(`${at}.medicationId`, 'Name the medicine by medicationId or by code.');
  checkAmount(item.dose, `${at}.dose`, 'The dose');
  checkAmount(item.quantity, `${at}.quantity`, 'The quantity');
  if (item.timesPerDay !== undefined && !isPositiveInteger(item.timesPerDay)) {
    throw invalidInput(`${at}.timesPerDay`, 'Doses per day is a whole number, 1 or more.');
  }
  if (item.durationDays !== undefined && !isPositiveInteger(item.durationDays)) {
    throw invalidInput(`${at}.durationDays`, 'The duration is a whole number of days, 1 or more.');
  }
  if (item.validityDays !== undefined && !isPositiveInteger(item.validityDays)) {
    throw invalidInput(`${at}.validityDays`, 'The validity is a whole number of days, 1 or more.');
  }
  for (const [index, override] of (item.overrides ?? []).entries()) {
    if (!FINDINGS.has(override.finding)) {
      throw invalidInput(`${at}.overrides[${index}].finding`, 'A finding is salg, sdupther or drughigh.');
    }
    if (typeof override.reason !== 'string' || override.reason.trim() === '') {
      throw invalidInput(`${at}.overrides[${index}].reason`, 'Overriding a finding needs a reason.');
    }
  }
}

/** Obvious mistakes of a prescription form, refused before anything is sent (ShifoError `invalid`). */
export function checkPrescriptionInput(input: PrescriptionInput): void {
  if (typeof input.patientId !== 'string' || input.patientId.trim() === '') {
    throw invalidInput('patientId', 'Choose the patient.');
  }
  const code = input.diagnosis?.code?.trim().toUpperCase() ?? '';
  if (!ICD10_CODE.test(code))
    throw invalidInput('diagnosis.code', 'The diagnosis is an ICD-10 code (e.g. I10, J06.9).');
  if (!Array.isArray(input.items) || input.items.length === 0) {
    throw invalidInput('items', 'A prescription has at least one medicine.');
  }
  input.items.forEach((item, index) => checkItem(item, `items[${index}]`));
  if (input.authoredOn !== undefined && Number.isNaN(Date.parse(input.authoredOn))) {
    throw invalidInput('authoredOn', 'authoredOn is an ISO date-time.');
  }
}

/** Words for "one piece" of a product; a total in pieces is counted in DHP's local unit `dona`. */
const PIECE_WORDS: ReadonlySet<string> = new Set([
  'dona',
  'piece',
  'pieces',
  'tablet',
  'tablets',
  'tabletka',
  'capsule',
  'capsules',
  'kapsula',
  'ampoule',
  'ampula',
  'vial',
  'flakon',
  'inhaler',
  'ingalyator',
  'suppository',
  'sachet',
  'pack',
  'upakovka',
]);

/** The total to dispense: pieces in DHP's `dona`/`piece` (what dispenses count in), else as the dose is. */
function totalQuantityOf(amount: AmountInput): Quantity {
  if (amount.system === undefined && PIECE_WORDS.has(amount.unit.trim().toLowerCase())) {
    return { value: amount.value, unit: 'dona', system: LOCAL_UNITS_SYSTEM, code: 'piece' };
  }
  return quantityOf(amount);
}

function quantityOf(amount: AmountInput): Quantity {
  const unit = amount.unit.trim();
  if (amount.system !== undefined && amount.code !== undefined) {
    return { value: amount.value, unit, system: amount.system, code: amount.code };
  }
  return UCUM_UNITS.has(unit)
    ? { value: amount.value, unit, system: UCUM_SYSTEM, code: unit }
    : { value: amount.value, unit };
}

function days(value: number): Quantity {
  return { value, unit: 'd', system: UCUM_SYSTEM, code: 'd' };
}

function dosageOf(item: PrescriptionItemInput): Dosage {
  const timesPerDay = item.timesPerDay ?? 1;
  return {
    ...(item.instructions?.trim() ? { text: item.instructions.trim() } : {}),
    timing: {
      repeat: {
        frequency: timesPerDay,
        period: 1,
        periodUnit: 'd',
        ...(item.when?.length ? { when: item.when } : {}),
        ...(item.durationDays === undefined ? {} : { boundsDuration: days(item.durationDays) }),
      },
    },
    ...(item.route
      ? {
          route: { coding: [{ system: 'http://snomed.info/sct', code: item.route.code, display: item.route.display }] },
        }
      : {}),
    doseAndRate: [{ doseQuantity: quantityOf(item.dose) }],
  } as Dosage;
}

/** `YYYY-MM-DD` of the day `days` after `date` (calendar arithmetic in UTC, so no DST surprises). */
function addDays(date: string, count: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + count);
  return at.toISOString().slice(0, 10);
}

/** Today in Tashkent (UTC+5, no DST), where prescriptions are dated. */
function tashkentToday(now: Date): string {
  return new Date(now.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
}

export interface BuildContext {
  profiles: ShifoProfiles;
  /** Shared by the items of one prescription form, so a pharmacy sees what was prescribed together. */
  groupIdentifier?: string;
  now: Date;
}

/**
 * One UZ Core MedicationRequest per item, in the national guide's shape (profile, `intent: order`, outpatient
 * category, CodeableReference medication, ICD-10 reason, dosage, `dispenseRequest`), ready to POST.
 */
export function buildMedicationRequests(input: PrescriptionInput, context: BuildContext): MedicationRequest[] {
  const today = tashkentToday(context.now);
  const code = input.diagnosis.code.trim().toUpperCase();
  const category = [{ coding: [{ system: ADMIN_LOCATION_SYSTEM, code: 'outpatient' }] }];
  if (input.reimbursed) category.push({ coding: [{ system: REIMBURSED_ORDER_SYSTEM, code: REIMBURSED_ORDER_CODE }] });
  return input.items.map((item) => {
    const medication = item.medicationId
      ? {
          reference: {
            reference: `Medication/${item.medicationId.trim()}`,
            ...(item.medicationDisplay ? { display: item.medicationDisplay } : {}),
          },
        }
      : {
          concept: {
            coding: [{ system: item.code!.system, code: item.code!.code, display: item.code!.display }],
            ...(item.medicationDisplay ? { text: item.medicationDisplay } : {}),
          },
        };
    const overrides = (item.overrides ?? []).map((override) => ({
      url: CLINICAL_CHECK_OVERRIDE_URL,
      extension: [
        { url: 'finding', valueCoding: { system: STATUS_REASON_SYSTEM, code: override.finding } },
        { url: 'reason', valueString: override.reason.trim() },
      ],
    }));
    const request: MedicationRequest = {
      resourceType: 'MedicationRequest',
      meta: { profile: [context.profiles.canonicals.MedicationRequest ?? ''] },
      ...(overrides.length ? { extension: overrides } : {}),
      ...(context.groupIdentifier
        ? { groupIdentifier: { system: 'urn:ietf:rfc:3986', value: context.groupIdentifier } }
        : {}),
      status: 'active',
      intent: 'order',
      category,
      medication,
      subject: { reference: `Patient/${input.patientId.trim()}` },
      ...(input.encounterId ? { encounter: { reference: `Encounter/${input.encounterId}` } } : {}),
      authoredOn: input.authoredOn ?? context.now.toISOString(),
      ...(input.requesterRoleId ? { requester: { reference: `PractitionerRole/${input.requesterRoleId}` } } : {}),
      reason: [
        { concept: { coding: [{ system: ICD10_SYSTEM, code, display: input.diagnosis.display }] } },
        ...(input.conditionId ? [{ reference: { reference: `Condition/${input.conditionId}` } }] : []),
      ],
      ...(item.note?.trim() ? { note: [{ text: item.note.trim() }] } : {}),
      dosageInstruction: [dosageOf(item)],
      dispenseRequest: {
        ...(item.validityDays === undefined
          ? {}
          : { validityPeriod: { start: today, end: addDays(today, item.validityDays) } }),
        quantity: totalQuantityOf(item.quantity),
        ...(item.durationDays === undefined ? {} : { expectedSupplyDuration: days(item.durationDays) }),
      },
      ...(item.substitutionAllowed === undefined ? {} : { substitution: { allowedBoolean: item.substitutionAllowed } }),
    };
    return JSON.parse(JSON.stringify(request)) as MedicationRequest; // drops the undefined displays
  });
}
