import { recordAudit } from '../../audit/audit-log.js';
import type { Principal } from '../../auth/principal.js';
import type { HandlerContext } from '../../handler.js';
import { HttpError } from '../../http/http-error.js';
import { codedIssue, errorIssue } from '../../http/outcome.js';
import type { NewResource, StoredResource } from '../../store/resource-store.js';
import {
  countedQuantity,
  dispensedTotal,
  prescribedQuantity,
  prescriptionIdOf,
  QUANTITY_EPSILON,
} from './prescribing/dispensed.js';
import { containedMedication, resolveMedication } from './prescribing/formulary-index.js';
import { asObject, asObjects, asNumber, asString, jsonEqual, path } from './prescribing/json.js';
import { fullDate, tashkentDate } from './prescribing/local-date.js';
import { referencedId, referenceTo } from './prescribing/references.js';
import { callerWithRole } from './prescribing/roles.js';
import { validityOf } from './prescribing/validity.js';
import type { WriteRule } from './write-rule.js';

/** Dispense states that hand over (or are about to hand over) medicine: they need a dispensable prescription. */
const SUPPLYING = new Set(['preparation', 'in-progress', 'on-hold', 'completed']);

function notDispensable(text: string): HttpError {
  return new HttpError(422, [
    codedIssue('business-rule', 'prescription-not-dispensable', text, 'MedicationDispense.authorizingPrescription'),
  ]);
}

function authorizingPrescription(context: HandlerContext, dispense: NewResource): StoredResource {
  const references = asObjects(dispense.authorizingPrescription);
  const id = prescriptionIdOf(dispense);
  if (references.length === 0 || id === undefined) {
    throw new HttpError(400, [
      errorIssue(
        'required',
        'A dispense names the prescription it supplies: authorizingPrescription = MedicationRequest/<id>.',
        'MedicationDispense.authorizingPrescription',
      ),
    ]);
  }
  if (references.length > 1) {
    throw new HttpError(400, [
      errorIssue(
        'value',
        'A dispense supplies one prescription (so what remains of each stays unambiguous).',
        'MedicationDispense.authorizingPrescription',
      ),
    ]);
  }
  const prescription = context.state.store.read('MedicationRequest', id);
  if (!prescription) throw notDispensable(`MedicationRequest/${id} is not known.`);
  return prescription;
}

/** The prescription must be active and within its validity period today (Tashkent). */
function checkDispensable(prescription: StoredResource, today: string): void {
  if (prescription.status !== 'active') {
    throw notDispensable(`The prescription is ${String(prescription.status)}: nothing more may be dispensed on it.`);
  }
  const { start, end } = validityOf(prescription);
  if (start !== undefined && today < start) throw notDispensable(`The prescription is valid from ${start}.`);
  if (end !== undefined && today > end) throw notDispensable(`The prescription expired on ${end}.`);
}

/** The medicine handed over is the one prescribed (any product of the same INN: generic substitution). */
function checkMedicine(context: HandlerContext, dispense: NewResource, prescription: StoredResource, today: string) {
  const { state } = context;
  const given = resolveMedication(state.seed.formulary, state.store, dispense, dispense.medication);
  const prescribed = resolveMedication(state.seed.formulary, state.store, prescription, prescription.medication);
  if (given && prescribed && given.innCode !== prescribed.innCode) {
    throw new HttpError(422, [
      errorIssue(
        'business-rule',
        `The prescription is for ${prescribed.inn.en}, not ${given.inn.en}.`,
        'MedicationDispense.medication',
      ),
    ]);
  }
  // Pharmacies record batch and expiry (DOMAIN.md); in R5 they travel on a contained Medication.
  const expiry = fullDate(path(containedMedication(dispense), 'batch', 'expirationDate'));
  if (expiry !== undefined && expiry < today) {
    throw new HttpError(422, [
      errorIssue(
        'business-rule',
        `The batch expired on ${expiry}: it may not be dispensed.`,
        'MedicationDispense.medication',
      ),
    ]);
  }
}

/** Never more than prescribed in total: the completed dispenses plus this one. */
function checkQuantity(context: HandlerContext, dispense: NewResource, prescription: StoredResource): void {
  const quantity = asObject(dispense.quantity);
  const value = asNumber(quantity?.value);
  if (value === undefined || value <= 0) {
    throw new HttpError(400, [
      errorIssue(
        'required',
        'A completed dispense states the quantity handed over (more than 0).',
        'MedicationDispense.quantity',
      ),
    ]);
  }
  const prescribedUnit = asString(path(prescription, 'dispenseRequest', 'quantity', 'code'));
  const givenUnit = asString(quantity?.code);
  if (prescribedUnit !== undefined && givenUnit !== undefined && prescribedUnit !== givenUnit) {
    throw new HttpError(400, [
      errorIssue(
        'value',
        `The prescription counts in ${prescribedUnit}; this dispense in ${givenUnit}.`,
        'MedicationDispense.quantity',
      ),
    ]);
  }
  const prescribed = prescribedQuantity(prescription);
  if (prescribed === undefined) throw notDispensable('The prescription states no quantity to dispense.');
  const already = dispensedTotal(context.state, prescription.id, asString(dispense.id));
  if (already + value > prescribed + QUANTITY_EPSILON) {
    const remaining = Math.max(0, prescribed - already);
    throw new HttpError(422, [
      codedIssue(
        'business-rule',
        'over-dispense',
        `${already} of ${prescribed} have been dispensed already: at most ${remaining} may still be dispensed.`,
        'MedicationDispense.quantity',
      ),
    ]);
  }
}

function checkSupply(context: HandlerContext, dispense: NewResource): void {
  const prescription = authorizingPrescription(context, dispense);
  if (referencedId(asObject(dispense.subject), 'Patient') !== referencedId(asObject(prescription.subject), 'Patient')) {
    throw new HttpError(422, [
      errorIssue(
        'business-rule',
        'The dispense is for another patient than the prescription.',
        'MedicationDispense.subject',
      ),
    ]);
  }
  if (!SUPPLYING.has(String(dispense.status))) return;
  const today = tashkentDate(context.state.now());
  checkDispensable(prescription, today);
  checkMedicine(context, dispense, prescription, today);
  if (dispense.status === 'completed') checkQuantity(context, dispense, prescription);
}

/** Who handed it over, when the pharmacy system did not say. */
function setPerformer(principal: Principal, dispense: NewResource): void {
  if (asObjects(dispense.performer).length > 0 || principal.practitionerRoleId === undefined) return;
  dispense.performer = [
    { actor: referenceTo('PractitionerRole', principal.practitionerRoleId, principal.displayName) },
  ];
}

/**
 * Dispensing (DOMAIN.md, contract `createMedicationDispense`): against one active, valid prescription of the same
 * patient; partial supplies are separate `completed` dispenses; the completed quantities never add up to more than
 * `dispenseRequest.quantity` (422 `over-dispense`). Rules run synchronously between the store's read and write, so
 * this holds for any number of concurrent pharmacies. When the total reaches the prescribed quantity the
 * prescription becomes `completed` (a new version).
 *
 * Update: a completed dispense is a fact; it may only be marked `entered-in-error`. Completing an in-progress
 * one is checked like a new supply.
 */
export const medicationDispenseRule: WriteRule = {
  beforeCreate(context, dispense) {
    const principal = callerWithRole(context, ['pharmacist', 'system'], 'dispense');
    checkSupply(context, dispense);
    setPerformer(principal, dispense);
  },

  beforeUpdate(context, current, next) {
    callerWithRole(context, ['pharmacist', 'system'], 'change a dispense');
    for (const element of ['authorizingPrescription', 'subject'] as const) {
      if (!jsonEqual(current[element], next[element])) {
        throw new HttpError(422, [
          errorIssue('business-rule', `A dispense's ${element} cannot change.`, `MedicationDispense.${element}`),
        ]);
      }
    }
    if (current.status === 'completed') {
      const unchanged = jsonEqual({ ...current, meta: undefined }, { ...next, meta: undefined });
      const retired =
        next.status === 'entered-in-error' &&
        jsonEqual(
          { ...current, meta: undefined, status: undefined, statusChanged: undefined },
          { ...next, meta: undefined, status: undefined, statusChanged: undefined },
        );
      if (!unchanged && !retired) {
        throw new HttpError(422, [
          codedIssue(
            'business-rule',
            'invalid-transition',
            'A completed dispense cannot change; mark it entered-in-error if it was recorded by mistake.',
            'MedicationDispense.status',
          ),
        ]);
      }
      return;
    }
    checkSupply(context, next);
  },

  afterWrite(context, dispense) {
    const { state } = context;
    const version = Number(dispense.meta?.versionId ?? '1');
    const previous =
      version > 1 ? state.store.readVersion('MedicationDispense', dispense.id, String(version - 1)) : undefined;
    // Only a write that changed what counts can complete the prescription (a replayed PUT changes nothing).
    if (countedQuantity(dispense) === countedQuantity(previous)) return;
    const prescriptionId = prescriptionIdOf(dispense);
    const prescription =
      prescriptionId === undefined ? undefined : state.store.read('MedicationRequest', prescriptionId);
    const prescribed = prescription && prescribedQuantity(prescription);
    if (!prescription || prescribed === undefined || prescription.status !== 'active') return;
    if (dispensedTotal(state, prescription.id) + QUANTITY_EPSILON < prescribed) return;
    const now = state.now();
    const completed = state.store.put({ ...prescription, status: 'completed', statusChanged: now.toISOString() });
    if (context.principal) {
      const patientId = referencedId(asObject(completed.subject), 'Patient');
      recordAudit(
        state.store,
        {
          principal: context.principal,
          interaction: 'update',
          ...(patientId === undefined ? {} : { patientId }),
          entity: `MedicationRequest/${completed.id}`,
          outcome: 'success',
        },
        now,
      );
    }
  },
};
