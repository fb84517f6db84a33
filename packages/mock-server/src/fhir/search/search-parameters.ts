import type { ServerState } from '../../state.js';
import type { StoredResource } from '../../store/resource-store.js';
import { stringsAt, valuesAt } from './element-values.js';
import { formularyNames } from './formulary-names.js';

export type SearchParameterType = 'token' | 'string' | 'date' | 'reference' | 'uri';

/** How one search parameter reads a resource (FHIR R5 SearchParameter, reduced to what the server needs). */
export interface SearchParameter {
  type: SearchParameterType;
  /** Element paths (dot-separated, arrays flattened); string parameters also read the elements' translations. */
  paths?: readonly string[];
  /** Reference parameters: the resource types they may point at. */
  targets?: readonly string[];
  /** Values computed rather than read at a path (formulary names, full text). */
  values?: (resource: Readonly<StoredResource>, state: ServerState) => readonly unknown[];
  /** For the CapabilityStatement. */
  description: string;
}

const token = (description: string, ...paths: string[]): SearchParameter => ({ type: 'token', paths, description });
const string = (description: string, ...paths: string[]): SearchParameter => ({ type: 'string', paths, description });
const date = (description: string, ...paths: string[]): SearchParameter => ({ type: 'date', paths, description });
const uri = (description: string, ...paths: string[]): SearchParameter => ({ type: 'uri', paths, description });
/** `targets` undefined: any resource type. */
const reference = (description: string, targets: string[] | undefined, ...paths: string[]): SearchParameter => ({
  type: 'reference',
  paths,
  ...(targets ? { targets } : {}),
  description,
});

const HUMAN_NAME = ['name.text', 'name.family', 'name.given', 'name.prefix', 'name.suffix'];
const PRACTITIONERS = ['Practitioner', 'PractitionerRole'];

/** Names and designations of a Medication, in every language, plus the formulary's INN and trade names. */
function medicationNames(resource: Readonly<StoredResource>, state: ServerState): string[] {
  return [
    ...stringsAt(resource, 'code.text'),
    ...(valuesAt(resource, 'code.coding.display') as string[]),
    ...stringsAt(resource, 'ingredient.item.concept.text'),
    ...formularyNames(state.seed, resource.id),
  ];
}

/** Parameters every type has (FHIR `Resource` and the business identifier used by conditional create). */
const COMMON: Record<string, SearchParameter> = {
  _id: token('Logical id.', 'id'),
  _lastUpdated: date('When the current version was stored.', 'meta.lastUpdated'),
  identifier: token('Business identifier (`system|value`).', 'identifier'),
};

/**
 * Search parameters by resource type: what each name the contract declares looks at. Names not declared by the
 * contract (e.g. `identifier` on Condition) still serve conditional create (`If-None-Exist`) and `_sort`.
 */
const BY_TYPE: Record<string, Record<string, SearchParameter>> = {
  Patient: {
    name: string('Any part of any name.', ...HUMAN_NAME),
    family: string('Family name.', 'name.family'),
    given: string('Given name.', 'name.given'),
    birthdate: date('Date of birth.', 'birthDate'),
    gender: token('Administrative gender.', 'gender'),
    active: token('Whether the record is in active use.', 'active'),
    organization: reference('Managing organization.', ['Organization'], 'managingOrganization'),
    'general-practitioner': reference(
      "The patient's GP.",
      ['Practitioner', 'PractitionerRole', 'Organization'],
      'generalPractitioner',
    ),
  },
  Practitioner: {
    name: string('Any part of the name.', ...HUMAN_NAME),
    family: string('Family name.', 'name.family'),
    given: string('Given name.', 'name.given'),
    active: token('Active records.', 'active'),
  },
  PractitionerRole: {
    practitioner: reference('The practitioner.', ['Practitioner'], 'practitioner'),
    organization: reference('The organization.', ['Organization'], 'organization'),
    location: reference('Where the role is performed.', ['Location'], 'location'),
    role: token('Position or profession.', 'code'),
    specialty: token('Specialty.', 'specialty'),
    active: token('Active roles.', 'active'),
  },
  Organization: {
    name: string('Name or alias, in any language.', 'name', 'alias'),
    type: token('Organization type.', 'type'),
    active: token('Active organizations.', 'active'),
    partof: reference('Parent organization.', ['Organization'], 'partOf'),
  },
  Location: {
    name: string('Name or alias, in any language.', 'name', 'alias'),
    organization: reference('Managing organization.', ['Organization'], 'managingOrganization'),
    type: token('Location type.', 'type'),
    status: token('`active`, `suspended`, `inactive`.', 'status'),
    partof: reference('Parent location.', ['Location'], 'partOf'),
  },
  Encounter: {
    patient: reference('The patient.', ['Patient'], 'subject'),
    status: token('Encounter status.', 'status'),
    class: token('Encounter class.', 'class'),
    date: date('Period of the encounter.', 'actualPeriod', 'plannedStartDate'),
    'service-provider': reference('Organization responsible.', ['Organization'], 'serviceProvider'),
  },
  Condition: {
    patient: reference('The patient.', ['Patient'], 'subject'),
    'clinical-status': token('Clinical status.', 'clinicalStatus'),
    'verification-status': token('Verification status.', 'verificationStatus'),
    category: token('Category.', 'category'),
    code: token('Diagnosis code (ICD-10).', 'code'),
    encounter: reference('Encounter recorded in.', ['Encounter'], 'encounter'),
    'recorded-date': date('Date recorded.', 'recordedDate'),
    'onset-date': date('Onset.', 'onsetDateTime', 'onsetPeriod'),
    date: date('Date recorded (the `_sort=date` of the contract).', 'recordedDate'),
  },
  AllergyIntolerance: {
    patient: reference('The patient.', ['Patient'], 'patient'),
    'clinical-status': token('Clinical status.', 'clinicalStatus'),
    'verification-status': token('Verification status.', 'verificationStatus'),
    category: token('`food`, `medication`, `environment`, `biologic`.', 'category'),
    criticality: token('`low`, `high`, `unable-to-assess`.', 'criticality'),
    code: token('Allergen or substance.', 'code', 'reaction.substance'),
    date: date('Date recorded.', 'recordedDate'),
  },
  Observation: {
    patient: reference('The patient.', ['Patient'], 'subject'),
    status: token('Observation status.', 'status'),
    category: token('Category.', 'category'),
    code: token('LOINC or laboratory code.', 'code'),
    date: date('Effective time.', 'effectiveDateTime', 'effectivePeriod', 'effectiveInstant'),
    encounter: reference('Encounter.', ['Encounter'], 'encounter'),
  },
  Medication: {
    name: { type: 'string', values: medicationNames, description: 'INN or trade name in uz, ru or en.' },
    _text: {
      type: 'string',
      values: (resource, state) => [...medicationNames(resource, state), ...stringsAt(resource, 'doseForm.text')],
      description: 'Names, designations and dose form.',
    },
    code: token('INN or ATC code.', 'code'),
    status: token('`active`, `inactive`.', 'status'),
    form: token('Dose form.', 'doseForm'),
  },
  MedicationRequest: {
    patient: reference('The patient.', ['Patient'], 'subject'),
    status: token('Prescription status.', 'status'),
    intent: token('Intent.', 'intent'),
    category: token('Category.', 'category'),
    code: token('Medication code (INN/ATC).', 'medication.concept'),
    medication: reference('Medication resource.', ['Medication'], 'medication.reference'),
    authoredon: date('Date written.', 'authoredOn'),
    date: date('Date written (the `_sort=date` of the contract).', 'authoredOn'),
    encounter: reference('Encounter.', ['Encounter'], 'encounter'),
    requester: reference('Prescriber.', PRACTITIONERS, 'requester'),
  },
  MedicationDispense: {
    patient: reference('The patient.', ['Patient'], 'subject'),
    prescription: reference('Prescription dispensed against.', ['MedicationRequest'], 'authorizingPrescription'),
    medication: reference('Medication resource.', ['Medication'], 'medication.reference'),
    status: token('Dispense status.', 'status'),
    performer: reference('Dispenser.', [...PRACTITIONERS, 'Organization'], 'performer.actor'),
    whenhandedover: date('When handed over.', 'whenHandedOver'),
    date: date('When handed over (the `_sort=date` of the contract).', 'whenHandedOver'),
  },
  Questionnaire: {
    url: uri('Canonical URL.', 'url'),
    name: string('Computer-friendly name.', 'name'),
    title: string('Title, in any language.', 'title'),
    status: token('`draft`, `active`, `retired`.', 'status'),
  },
  QuestionnaireResponse: {
    questionnaire: uri('Questionnaire answered.', 'questionnaire'),
    patient: reference('The patient.', ['Patient'], 'subject'),
    encounter: reference('Encounter.', ['Encounter'], 'encounter'),
    status: token('Status.', 'status'),
    authored: date('When authored.', 'authored'),
    date: date('When authored (the `_sort=date` of the contract).', 'authored'),
  },
  Slot: {
    'service-type': token('Service type.', 'serviceType'),
    schedule: reference('Schedule.', ['Schedule'], 'schedule'),
    start: date('Slot start.', 'start'),
    date: date('Slot start (the `_sort=date` of the contract).', 'start'),
    status: token('`free`, `busy`, …', 'status'),
    specialty: token('Specialty.', 'specialty'),
  },
  Appointment: {
    patient: reference('The patient.', ['Patient'], 'subject', 'participant.actor'),
    date: date('Appointment start.', 'start'),
    status: token('Status.', 'status'),
    practitioner: reference('Practitioner participant.', PRACTITIONERS, 'participant.actor'),
    location: reference('Location participant.', ['Location'], 'participant.actor'),
    slot: reference('Slot booked.', ['Slot'], 'slot'),
    'service-type': token('Service type.', 'serviceType'),
  },
  AuditEvent: {
    patient: reference('The patient.', ['Patient'], 'patient'),
    date: date('When recorded.', 'recorded'),
    agent: reference(
      'Who accessed.',
      ['Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson', 'Organization', 'Device'],
      'agent.who',
    ),
    action: token('`C`, `R`, `U`, `D`, `E`.', 'action'),
    entity: reference('The resource accessed.', undefined, 'entity.what'),
    outcome: token('Outcome code.', 'outcome.code'),
    category: token('Category.', 'category'),
  },
};

/** The search parameter `name` of `type`, if the server knows it. */
export function searchParameter(type: string, name: string): SearchParameter | undefined {
  return BY_TYPE[type]?.[name] ?? COMMON[name];
}

/** Every parameter the server knows for a type. */
export function searchParametersOf(type: string): Record<string, SearchParameter> {
  return { ...COMMON, ...BY_TYPE[type] };
}

/** The values a parameter finds in a resource. */
export function parameterValues(
  parameter: SearchParameter,
  resource: Readonly<StoredResource>,
  state: ServerState,
): readonly unknown[] {
  if (parameter.values) return parameter.values(resource, state);
  const read = parameter.type === 'string' ? stringsAt : valuesAt;
  // Runs for every resource of a search: build a new array only when two paths both have values.
  let found: readonly unknown[] = NONE;
  let merged: unknown[] | undefined;
  for (const path of parameter.paths ?? []) {
    const values = read(resource, path);
    if (values.length === 0) continue;
    if (found.length === 0) found = values;
    else (merged ??= [...found]).push(...values);
  }
  return merged ?? found;
}

const NONE: readonly unknown[] = Object.freeze([]);
