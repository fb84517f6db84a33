import type { OutcomeIssue } from '../../../http/outcome.js';
import type { AllergyClass, FormularyEntry } from '../../../seed/types.js';
import type { ServerState } from '../../../state.js';
import { excessiveDailyDose } from './daily-dose.js';
import { resolveMedication } from './formulary-index.js';
import { codings, type JsonObject } from './json.js';
import { pointsAt } from './references.js';
import { validityOf } from './validity.js';
import {
  ATC_SYSTEM,
  findingLabel,
  INN_SYSTEM,
  STATUS_REASON_SYSTEM,
  type FindingCode,
  type Language,
} from './terminology.js';

/** A prescriber-side check that fired: refuses the prescription unless the prescriber overrides it. */
export interface Finding {
  code: FindingCode;
  /** English specifics (which allergy, which prescription, which dose). */
  diagnostics: string;
  expression: string;
}

const INACTIVE_CLINICAL = new Set(['inactive', 'resolved']);
const NOT_REAL = new Set(['refuted', 'entered-in-error']);

function statusCode(concept: unknown): string | undefined {
  return codings(concept)[0]?.code;
}

/** The allergy class a recorded allergy code belongs to: by its listed codes, or by ATC prefix. */
function classesOf(allergyClasses: readonly AllergyClass[], coding: { system?: string; code?: string }): string[] {
  return allergyClasses
    .filter(
      (allergyClass) =>
        allergyClass.codes.some((c) => c.system === coding.system && c.code === coding.code) ||
        (coding.system === ATC_SYSTEM &&
          allergyClass.atcPrefixes.some((prefix) => (coding.code ?? '').startsWith(prefix))),
    )
    .map((allergyClass) => allergyClass.id);
}

/**
 * Drug–allergy: an active (not refuted) AllergyIntolerance of the patient whose code is the medicine's allergy
 * class, or its substance (the same INN code, or an ATC code the medicine's ATC code starts with). Unconfirmed
 * allergies count: a suspicion is reason enough to stop and ask.
 */
function allergyFinding(state: ServerState, patientId: string, entry: FormularyEntry): Finding | undefined {
  for (const allergy of state.store.referencing('AllergyIntolerance', `Patient/${patientId}`)) {
    if (!pointsAt(allergy.patient, 'Patient', patientId)) continue;
    if (INACTIVE_CLINICAL.has(statusCode(allergy.clinicalStatus) ?? '')) continue;
    if (NOT_REAL.has(statusCode(allergy.verificationStatus) ?? '')) continue;
    for (const coding of codings(allergy.code)) {
      const byClass =
        entry.allergyClass !== undefined && classesOf(state.seed.allergyClasses, coding).includes(entry.allergyClass);
      const bySubstance =
        (coding.system === INN_SYSTEM && coding.code === entry.innCode) ||
        (coding.system === ATC_SYSTEM && coding.code !== undefined && entry.atc.startsWith(coding.code));
      if (byClass || bySubstance) {
        const what = coding.display ?? coding.code ?? 'a substance';
        return {
          code: 'salg',
          diagnostics: `The patient has a recorded allergy to ${what} (AllergyIntolerance/${allergy.id}); ${entry.inn.en} ${byClass ? `belongs to the same class (${entry.allergyClass})` : 'is that substance'}.`,
          expression: 'MedicationRequest.medication',
        };
      }
    }
  }
  return undefined;
}

/** Duplicate therapy: another active, unexpired prescription of the patient in the same therapeutic class. */
function duplicateFinding(
  state: ServerState,
  patientId: string,
  entry: FormularyEntry,
  today: string,
): Finding | undefined {
  const duplicates: string[] = [];
  for (const other of state.store.referencing('MedicationRequest', `Patient/${patientId}`)) {
    if (other.status !== 'active') continue;
    if (!pointsAt(other.subject, 'Patient', patientId)) continue;
    const end = validityOf(other).end;
    if (end !== undefined && end < today) continue;
    const otherEntry = resolveMedication(state.seed.formulary, state.store, other, other.medication);
    if (otherEntry?.therapeuticClass === entry.therapeuticClass) duplicates.push(`MedicationRequest/${other.id}`);
  }
  if (duplicates.length === 0) return undefined;
  return {
    code: 'sdupther',
    diagnostics: `The patient already has an active prescription in the same therapeutic class (${entry.therapeuticClass}): ${duplicates.join(', ')}.`,
    expression: 'MedicationRequest.medication',
  };
}

function doseFinding(entry: FormularyEntry, request: JsonObject): Finding | undefined {
  const daily = excessiveDailyDose(entry, request.dosageInstruction);
  const max = entry.maxDailyDose;
  if (!daily || !max) return undefined;
  const rounded = Math.round(daily.value * 1000) / 1000;
  return {
    code: 'drughigh',
    diagnostics: `The daily dose of ${entry.inn.en} is ${rounded} ${daily.unit}; the maximum is ${max.value} ${max.unit}.`,
    expression: 'MedicationRequest.dosageInstruction',
  };
}

/** Every prescriber-side finding for a new prescription, allergy first. */
export function clinicalFindings(
  state: ServerState,
  request: JsonObject,
  patientId: string,
  entry: FormularyEntry,
  today: string,
): Finding[] {
  return [
    allergyFinding(state, patientId, entry),
    duplicateFinding(state, patientId, entry, today),
    doseFinding(entry, request),
  ].filter((finding) => finding !== undefined);
}

/** A finding as a 422 issue: `details.coding` carries the DHP statusReason code, `details.text` its label. */
export function findingIssue(finding: Finding, language: Language): OutcomeIssue {
  return {
    severity: 'error',
    code: 'business-rule',
    diagnostics: `${findingLabel(finding.code, 'en')}: ${finding.diagnostics} Override it with a reason if intended.`,
    details: {
      coding: [{ system: STATUS_REASON_SYSTEM, code: finding.code }],
      text: findingLabel(finding.code, language),
    },
    expression: [finding.expression],
  };
}
