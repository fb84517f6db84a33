import type { ResourceStore } from '../../../store/resource-store.js';
import { asObject, asObjects, codings, type JsonObject } from './json.js';
import { referencedId } from './references.js';
import { ICD10_SYSTEM } from './terminology.js';

// WHO ICD-10 shape: a letter, two digits (the third may be a letter in a few chapters), an optional subdivision.
const ICD10_CODE = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;

function hasIcd10(concept: unknown): boolean {
  return codings(concept).some((coding) => coding.system === ICD10_SYSTEM && ICD10_CODE.test(coding.code ?? ''));
}

/**
 * Whether the prescription states a diagnosis by ICD-10 (mandatory in Uzbekistan, DOMAIN.md): a `reason` concept
 * with an ICD-10 coding, or a reference to one of the patient's Conditions coded in ICD-10.
 */
export function hasIcd10Indication(store: ResourceStore, request: JsonObject, patientId: string): boolean {
  return asObjects(request.reason).some((reason) => {
    if (hasIcd10(reason.concept)) return true;
    const conditionId = referencedId(asObject(reason.reference), 'Condition');
    if (conditionId === undefined) return false;
    const condition = store.read('Condition', conditionId);
    return (
      condition !== undefined &&
      referencedId(asObject(condition.subject), 'Patient') === patientId &&
      hasIcd10(condition.code)
    );
  });
}
