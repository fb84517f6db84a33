import type { ResourceStore, StoredResource } from '../../../store/resource-store.js';

/** Everything the summary draws on for one patient, current versions only. Not copied: do not mutate. */
export interface PatientRecord {
  allergies: Readonly<StoredResource>[];
  conditions: Readonly<StoredResource>[];
  medicationRequests: Readonly<StoredResource>[];
  medicationDispenses: Readonly<StoredResource>[];
  observations: Readonly<StoredResource>[];
  encounters: Readonly<StoredResource>[];
}

/** Does `reference` (relative `Patient/x`, or an absolute URL ending in it) point at this patient? */
export function refersTo(reference: unknown, type: string, id: string): boolean {
  if (typeof reference !== 'string') return false;
  const relative = `${type}/${id}`;
  return reference === relative || reference.endsWith(`/${relative}`);
}

function ofPatient(
  store: ResourceStore,
  type: string,
  field: 'subject' | 'patient',
  patientId: string,
): Readonly<StoredResource>[] {
  const found: Readonly<StoredResource>[] = [];
  for (const resource of store.all(type)) {
    const reference = (resource[field] as { reference?: unknown } | undefined)?.reference;
    if (refersTo(reference, 'Patient', patientId)) found.push(resource);
  }
  return found;
}

/** One pass over each clinical type: fast enough for the 3,000-observation patient (a few milliseconds). */
export function collectPatientRecord(store: ResourceStore, patientId: string): PatientRecord {
  return {
    allergies: ofPatient(store, 'AllergyIntolerance', 'patient', patientId),
    conditions: ofPatient(store, 'Condition', 'subject', patientId),
    medicationRequests: ofPatient(store, 'MedicationRequest', 'subject', patientId),
    medicationDispenses: ofPatient(store, 'MedicationDispense', 'subject', patientId),
    observations: ofPatient(store, 'Observation', 'subject', patientId),
    encounters: ofPatient(store, 'Encounter', 'subject', patientId),
  };
}
