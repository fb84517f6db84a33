// Code systems the clinical helpers write (UZ Core 0.9.2, docs/e-prescriptions.md). One place, so a rename in a
// later IG version is one edit.

export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
export const INN_SYSTEM = 'https://terminology.dhp.uz/fhir/core/CodeSystem/inn-medication-name-cs';
export const ATC_SYSTEM = 'http://www.whocc.no/atc';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
/** DHP's local units for totals to dispense (`piece` = dona). */
export const LOCAL_UNITS_SYSTEM =
  'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-total-volume-local-units-cs';
export const V2_0203_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const ADMIN_LOCATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/medicationrequest-admin-location';
export const DISPENSE_ADMIN_LOCATION_SYSTEM = 'http://hl7.org/fhir/medicationdispense-admin-location';
export const STATUS_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason';
/** DHP's order type for reimbursed prescriptions (valid 30 days at most). */
export const REIMBURSED_ORDER_SYSTEM =
  'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-request-order-type-cs';
export const REIMBURSED_ORDER_CODE = 'rembr-0001-00001';
/** Shifo's extension recording that a prescriber overrode a clinical finding, and why. */
export const CLINICAL_CHECK_OVERRIDE_URL = 'https://shifo.uz/fhir/StructureDefinition/clinical-check-override';
/** The UZ Core ValueSet of condition codes (ICD-10), which `$expand` searches. */
export const ICD10_VALUE_SET = 'https://terminology.dhp.uz/fhir/core/ValueSet/condition-code-vs';
