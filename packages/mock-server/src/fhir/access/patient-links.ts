import { valuesAt } from '../search/element-values.js';
import { referencedResource } from '../search/reference.js';

/**
 * Resource types that hold a patient's data (the patient compartment), and the elements that name the patient.
 * Everything else (directory, formulary, questionnaires, slots) belongs to nobody.
 */
const PATIENT_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  Encounter: ['subject'],
  Condition: ['subject'],
  AllergyIntolerance: ['patient'],
  Observation: ['subject'],
  MedicationRequest: ['subject'],
  MedicationDispense: ['subject'],
  QuestionnaireResponse: ['subject'],
  Appointment: ['subject', 'participant.actor'],
  AuditEvent: ['patient'],
};

/** Does this type hold patient data (so reads are audited and the patient compartment applies)? */
export function isPatientData(type: string): boolean {
  return type === 'Patient' || (type !== 'AuditEvent' && type in PATIENT_ELEMENTS);
}

/** Is this type in the patient compartment (patients see only their own)? AuditEvent is: a patient's trail. */
export function isInPatientCompartment(type: string): boolean {
  return type === 'Patient' || type in PATIENT_ELEMENTS;
}

/** The ids of the patients a resource is about (a Patient is about itself; a new Patient without an id: none). */
export function patientIdsOf(resource: { resourceType: string; id?: string; [key: string]: unknown }): string[] {
  if (resource.resourceType === 'Patient') return resource.id ? [resource.id] : [];
  const elements = PATIENT_ELEMENTS[resource.resourceType];
  if (!elements) return [];
  if (elements.length === 1) {
    // The common case (subject/patient, one reference), without building a set for every resource of a search.
    const values = valuesAt(resource, elements[0]!);
    if (values.length === 1) {
      const patient = referencedResource(values[0], ['Patient']);
      return patient ? [patient.id] : [];
    }
  }
  const ids = new Set<string>();
  for (const path of elements) {
    for (const element of valuesAt(resource, path)) {
      const patient = referencedResource(element, ['Patient']);
      if (patient) ids.add(patient.id);
    }
  }
  return [...ids];
}
