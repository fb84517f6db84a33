import type { Principal } from '../auth/principal.js';
import type { ServerState } from '../state.js';
import type { StoredResource } from '../store/resource-store.js';
import { accessFor } from './access/access-guard.js';

/**
 * May this caller see this patient's record (beyond allergies)? Patients see only themselves; staff of facilities
 * not treating a patient who refused consent get 403 `consent-denied`; pharmacists see patients with a prescription.
 * The whole policy is `access/access-guard.ts`; this is its patient-level question for operations such as `$summary`.
 */
export function assertMaySeePatient(state: ServerState, principal: Principal, patient: StoredResource): void {
  accessFor(state, principal).assertMayRead(patient);
}

export function maySeePatient(state: ServerState, principal: Principal, patient: StoredResource): boolean {
  return accessFor(state, principal).mayRead(patient);
}
