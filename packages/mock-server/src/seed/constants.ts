/** Canonical URLs, identifier systems and code systems used by the seed (DHP-CONTRACT-BRIEF.md §1.4, §2.0, §3). */

/** UZ Core profile canonicals (unversioned, as every IG example sends them). */
export const PROFILE = {
  patient: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-patient',
  practitioner: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-practitioner',
  practitionerRole: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-practitioner-role',
  organization: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-organization',
  location: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-location',
  condition: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-condition',
  allergyIntolerance: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-allergy-intolerance',
  observation: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-observation',
  medication: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-medication',
  medicationRequest: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-medicationrequest',
  medicationDispense: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-medication-dispense',
  encounter: 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-encounter',
} as const;

/** HL7 vital-sign profiles claimed in addition to the UZ Core Observation profile. */
export const VITAL_PROFILE = {
  base: 'http://hl7.org/fhir/StructureDefinition/vitalsigns',
  bp: 'http://hl7.org/fhir/StructureDefinition/bp',
  heartRate: 'http://hl7.org/fhir/StructureDefinition/heartrate',
  bodyTemp: 'http://hl7.org/fhir/StructureDefinition/bodytemp',
  bodyWeight: 'http://hl7.org/fhir/StructureDefinition/bodyweight',
  bodyHeight: 'http://hl7.org/fhir/StructureDefinition/bodyheight',
  bmi: 'http://hl7.org/fhir/StructureDefinition/bmi',
  oxygenSat: 'http://hl7.org/fhir/StructureDefinition/oxygensat',
  respRate: 'http://hl7.org/fhir/StructureDefinition/resprate',
} as const;

/** Identifier systems (brief §2.0). */
export const SID = {
  pinfl: 'https://dhp.uz/fhir/core/sid/pid/uz/ni',
  passportLocal: 'https://dhp.uz/fhir/core/sid/pid/uz/ppn/local',
  birthCertificate: 'https://dhp.uz/fhir/core/sid/pid/uz/bct',
  specialistCertificate: 'https://dhp.uz/fhir/core/sid/doc/uz/specialist-certificate',
  orgTax: 'https://dhp.uz/fhir/core/sid/org/uz/soliq',
  orgArgos: 'https://dhp.uz/fhir/core/sid/org/uz/argos',
  orgShif: 'https://dhp.uz/fhir/core/sid/org/uz/shif',
  medPharmId: 'https://uzpharmagency.uz/pharm_id',
  medRegistration: 'https://uzpharminfo.uz/registration_number',
} as const;

/** Code systems. */
export const CS = {
  v2_0203: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v2_0360: 'http://terminology.hl7.org/CodeSystem/v2-0360',
  v2_0131: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  v3MaritalStatus: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  v3ActPriority: 'http://terminology.hl7.org/CodeSystem/v3-ActPriority',
  v3ParticipationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  v3Interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  v3OrderableDrugForm: 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  allergyType: 'http://hl7.org/fhir/allergy-intolerance-type',
  medicationRequestAdminLocation: 'http://terminology.hl7.org/CodeSystem/medicationrequest-admin-location',
  medicationDispenseAdminLocation: 'http://terminology.hl7.org/CodeSystem/medicationdispense-admin-location',
  medicationRequestStatusReason: 'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  provenanceParticipantType: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  ucum: 'http://unitsofmeasure.org',
  atc: 'http://www.whocc.no/atc',
  bcp47: 'urn:ietf:bcp:47',
  iso3166: 'urn:iso:std:iso:3166',
  // DHP-local code systems (https://terminology.dhp.uz/fhir/core/CodeSystem/<id>)
  innMedicationName: 'https://terminology.dhp.uz/fhir/core/CodeSystem/inn-medication-name-cs',
  medicationDoseForm: 'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-doseform-cs',
  medicineIdentifierType: 'https://terminology.dhp.uz/fhir/core/CodeSystem/medicine-identifier-type-cs',
  medicationTotalVolumeLocalUnits:
    'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-total-volume-local-units-cs',
  medicationRequestOrderType: 'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-request-order-type-cs',
  positionAndProfession: 'https://terminology.dhp.uz/fhir/core/CodeSystem/position-and-profession-cs',
  professionSpecialization: 'https://terminology.dhp.uz/fhir/core/CodeSystem/profession-specialization-cs',
  organizationTypesUz: 'https://terminology.dhp.uz/fhir/core/CodeSystem/organization-types-uz-cs',
  organizationalSubordinationGroup:
    'https://terminology.dhp.uz/fhir/core/CodeSystem/organizational-subordination-group-cs',
  nomenclatureGroup: 'https://terminology.dhp.uz/fhir/core/CodeSystem/nomenclature-group-cs',
  organizationalServiceGroup: 'https://terminology.dhp.uz/fhir/core/CodeSystem/organizational-service-group-cs',
  encounterType: 'https://terminology.dhp.uz/fhir/core/CodeSystem/encounter-type-cs',
  encounterReasonUse: 'https://terminology.dhp.uz/fhir/core/CodeSystem/encounter-reason-use-cs',
  diagnosisType: 'https://terminology.dhp.uz/fhir/core/CodeSystem/diagnosis-type-cs',
  allergenCodes: 'https://terminology.dhp.uz/fhir/core/CodeSystem/allergen-codes-cs',
  observationLabResearch: 'https://terminology.dhp.uz/fhir/core/CodeSystem/observation-lab-research-codes-cs',
} as const;

/** Extension URLs. */
export const EXT = {
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
  managingOrganizationAttachment: 'https://dhp.uz/fhir/core/StructureDefinition/managing-organization-attachment',
  patientCitizenship: 'http://hl7.org/fhir/StructureDefinition/patient-citizenship',
  diagnosisType: 'https://dhp.uz/fhir/core/StructureDefinition/diagnosis-type',
} as const;
