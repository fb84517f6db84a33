import type { Principal } from '../../auth/principal.js';
import type { HandlerContext } from '../../handler.js';
import { HttpError } from '../../http/http-error.js';
import { codedIssue, errorIssue, type OutcomeIssue } from '../../http/outcome.js';
import type { NewResource } from '../../store/resource-store.js';
import { assertMaySeePatient } from '../patient-access.js';
import { clinicalFindings, findingIssue } from './prescribing/clinical-findings.js';
import { resolveMedication } from './prescribing/formulary-index.js';
import { hasIcd10Indication } from './prescribing/indication.js';
import { asArray, asNumber, asObject, asString, path } from './prescribing/json.js';
import { tashkentDate } from './prescribing/local-date.js';
import { overriddenFindings } from './prescribing/overrides.js';
import { assignPrescriptionNumber } from './prescribing/prescription-number.js';
import { referencedId, referenceTo } from './prescribing/references.js';
import { callerWithRole } from './prescribing/roles.js';
import { checkPrescriptionUpdate } from './prescribing/status-change.js';
import { negotiateLanguage } from './prescribing/terminology.js';
import { applyValidity } from './prescribing/validity.js';
import type { WriteRule } from './write-rule.js';

function badInput(code: 'required' | 'value', text: string, expression: string): HttpError {
  return new HttpError(400, [errorIssue(code, text, expression)]);
}

/** The prescriber: a doctor signs as their own PractitionerRole; a HIS back end names an existing one. */
function setRequester(context: HandlerContext, principal: Principal, request: NewResource): void {
  if (principal.role === 'doctor' && principal.practitionerRoleId !== undefined) {
    const given = asObject(request.requester);
    const same = referencedId(given, 'PractitionerRole') === principal.practitionerRoleId;
    const display = same ? (asString(given?.display) ?? principal.displayName) : principal.displayName;
    request.requester = referenceTo('PractitionerRole', principal.practitionerRoleId, display);
    return;
  }
  const roleId = referencedId(asObject(request.requester), 'PractitionerRole');
  if (roleId === undefined || !context.state.store.read('PractitionerRole', roleId)) {
    throw badInput(
      'required',
      'A prescription names its prescriber: a known PractitionerRole.',
      'MedicationRequest.requester',
    );
  }
}

/** Mandatory content the rules depend on: an active order for a known patient, a quantity, dosage. */
function checkShape(request: NewResource): string {
  if (request.status !== 'active') {
    throw badInput(
      'value',
      'A prescription is created active (withdraw it later by cancelling).',
      'MedicationRequest.status',
    );
  }
  if (request.intent !== 'order') {
    throw badInput('value', 'An e-prescription is an order (intent = order).', 'MedicationRequest.intent');
  }
  const patientId = referencedId(asObject(request.subject), 'Patient');
  if (patientId === undefined) {
    throw badInput('value', 'The subject of a prescription is a Patient.', 'MedicationRequest.subject');
  }
  const quantity = asNumber(path(request, 'dispenseRequest', 'quantity', 'value'));
  if (quantity === undefined || quantity <= 0) {
    throw badInput(
      'required',
      'A prescription states the quantity that may be dispensed (more than 0).',
      'MedicationRequest.dispenseRequest.quantity',
    );
  }
  if (asArray(request.dosageInstruction).length === 0) {
    throw badInput('required', 'A prescription states its dosage.', 'MedicationRequest.dosageInstruction');
  }
  return patientId;
}

/** The signing time: the client's (an offline-signed prescription replayed later) unless absent or in the future. */
function setAuthoredOn(request: NewResource, now: Date): void {
  const given = asString(request.authoredOn);
  const at = given === undefined ? Number.NaN : Date.parse(given);
  if (Number.isNaN(at) || at > now.getTime() + 5 * 60_000) request.authoredOn = now.toISOString();
}

/**
 * E-prescriptions (DOMAIN.md, contract `createMedicationRequest` / `updateMedicationRequest`).
 *
 * Create: only prescribers; the medicine must be in the formulary and prescribable (not an anaesthetic, registered
 * in Uzbekistan); an ICD-10 indication; validity within the category's cap and not already over — these are hard
 * stops (422 `not-prescribable`, all reported together). Then the clinical findings — drug–allergy (`salg`), duplicate
 * therapy (`sdupther`), daily dose above the maximum (`drughigh`) — refuse with 422 `business-rule` naming each
 * finding in `issue.details.coding`, unless the request overrides that finding with a reason (see overrides.ts).
 * The server then assigns the prescription number, status `active`, `authoredOn` and the requester.
 *
 * Update: see status-change.ts.
 */
export const medicationRequestRule: WriteRule = {
  beforeCreate(context, request) {
    const principal = callerWithRole(context, ['doctor', 'system'], 'prescribe');
    const { state } = context;
    const now = state.now();
    const today = tashkentDate(now);
    const patientId = checkShape(request);
    const patient = state.store.read('Patient', patientId);
    if (!patient) throw badInput('value', `Patient/${patientId} is not known.`, 'MedicationRequest.subject');
    assertMaySeePatient(state, principal, patient);
    setRequester(context, principal, request);
    const overrides = overriddenFindings(request);

    const hardStops: OutcomeIssue[] = [];
    const entry = resolveMedication(state.seed.formulary, state.store, request, request.medication);
    if (!entry) {
      hardStops.push(
        codedIssue(
          'business-rule',
          'not-prescribable',
          'The medicine is not in the formulary: prescribe a formulary Medication (by reference, INN or ATC code).',
          'MedicationRequest.medication',
        ),
      );
    } else if (!entry.prescribable) {
      const why = entry.flags.anaesthetic
        ? 'is an anaesthetic (narcosis agent), which may not be prescribed'
        : 'is not registered in Uzbekistan';
      hardStops.push(
        codedIssue('business-rule', 'not-prescribable', `${entry.inn.en} ${why}.`, 'MedicationRequest.medication'),
      );
    }
    if (!hasIcd10Indication(state.store, request, patientId)) {
      hardStops.push(
        codedIssue(
          'business-rule',
          'not-prescribable',
          'A prescription needs a medical indication coded in ICD-10 (reason.concept, or a reference to an ICD-10 Condition).',
          'MedicationRequest.reason',
        ),
      );
    }
    if (entry) hardStops.push(...applyValidity(request, entry, today));
    if (hardStops.length > 0 || !entry) throw new HttpError(422, hardStops);

    const language = negotiateLanguage(context.req.headers['accept-language']);
    const findings = clinicalFindings(state, request, patientId, entry, today).filter((f) => !overrides.has(f.code));
    if (findings.length > 0)
      throw new HttpError(
        422,
        findings.map((finding) => findingIssue(finding, language)),
      );

    assignPrescriptionNumber(state.store, request);
    setAuthoredOn(request, now);
  },

  beforeUpdate(context, current, next) {
    const principal = callerWithRole(context, ['doctor', 'pharmacist', 'system'], 'change a prescription');
    checkPrescriptionUpdate(context.state, principal, current, next);
  },
};
