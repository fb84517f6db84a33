import type { Principal } from '../auth/principal.js';
import { HttpError } from '../http/http-error.js';
import { codedIssue } from '../http/outcome.js';
import type { ServerState } from '../state.js';
import type { StoredResource } from '../store/resource-store.js';

function managingFacility(patient: StoredResource): string | undefined {
  const reference = (patient.managingOrganization as { reference?: string } | undefined)?.reference;
  return reference?.startsWith('Organization/') ? reference.slice('Organization/'.length) : undefined;
}

/**
 * May this caller see this patient's record? Patients see only themselves. A patient who said "deny"
 * (DHP's opt-out consent) is visible only to the staff of the facility treating them.
 */
export function assertMaySeePatient(state: ServerState, principal: Principal, patient: StoredResource): void {
  if (principal.role === 'patient') {
    if (principal.patientId !== patient.id) {
      throw new HttpError(403, [codedIssue('forbidden', 'not-own-record', 'Patients may read only their own record.')]);
    }
    return;
  }
  if (state.deniedPatients.has(patient.id) && principal.role !== 'system') {
    const treating = principal.facilityId !== undefined && principal.facilityId === managingFacility(patient);
    if (!treating) {
      throw new HttpError(403, [
        codedIssue(
          'forbidden',
          'consent-denied',
          'The patient has refused consent to share this record with other facilities.',
        ),
      ]);
    }
  }
}

export function maySeePatient(state: ServerState, principal: Principal, patient: StoredResource): boolean {
  try {
    assertMaySeePatient(state, principal, patient);
    return true;
  } catch {
    return false;
  }
}
