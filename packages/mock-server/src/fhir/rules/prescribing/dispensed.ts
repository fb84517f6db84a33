import type { StoredResource } from '../../../store/resource-store.js';
import type { ServerState } from '../../../state.js';
import { asNumber, asObject, asObjects, type JsonObject } from './json.js';
import { pointsAt, referencedId } from './references.js';

/** The MedicationRequest a dispense is authorised by (its first `authorizingPrescription`). */
export function prescriptionIdOf(dispense: JsonObject): string | undefined {
  const first = asObjects(dispense.authorizingPrescription)[0];
  return first === undefined ? undefined : referencedId(first, 'MedicationRequest');
}

/** What a dispense counts towards its prescription: its quantity when `completed`, else nothing. */
export function countedQuantity(dispense: JsonObject | undefined): number {
  if (dispense?.status !== 'completed') return 0;
  return asNumber(asObject(dispense.quantity)?.value) ?? 0;
}

/** Total handed over on a prescription: the completed dispenses' quantities, optionally leaving one out. */
export function dispensedTotal(state: ServerState, prescriptionId: string, exceptDispenseId?: string): number {
  let total = 0;
  for (const dispense of state.store.referencing('MedicationDispense', `MedicationRequest/${prescriptionId}`)) {
    if (dispense.id === exceptDispenseId || dispense.status !== 'completed') continue;
    const first: unknown = Array.isArray(dispense.authorizingPrescription)
      ? dispense.authorizingPrescription[0]
      : undefined;
    if (pointsAt(first, 'MedicationRequest', prescriptionId)) total += countedQuantity(dispense);
  }
  return total;
}

/** The quantity a prescription allows in total, if it states one. */
export function prescribedQuantity(request: StoredResource | JsonObject): number | undefined {
  return asNumber(asObject(asObject(request.dispenseRequest)?.quantity)?.value);
}

/** Totals are sums of decimals (mL): compare with a tolerance. */
export const QUANTITY_EPSILON = 1e-9;
