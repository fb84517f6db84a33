/**
 * The UZ Core canonicals and identifier systems Shifo reads and writes.
 *
 * DHP has renamed profile ids between IG versions and defines no prescription-number system, so these are
 * configuration (`createShifoClient({ profiles })`), never string literals sprinkled through the code.
 */
export interface ShifoProfiles {
  /** `meta.profile` canonical for each resource type Shifo writes. */
  readonly canonicals: Readonly<Record<string, string>>;
  /** Identifier systems, by purpose. */
  readonly identifierSystems: {
    readonly pinfl: string;
    readonly passportLocal: string;
    readonly passportInternational: string;
    readonly birthCertificate: string;
    /** Shifo's own client-generated identifiers, used to make creates idempotent. */
    readonly shifoRequestId: string;
    /** DHP defines none; Shifo uses its own until it does. */
    readonly prescriptionNumber: string;
  };
}

const core = 'https://dhp.uz/fhir/core/StructureDefinition/';

/** The defaults match UZ Core 0.9.2 (`uz.dhp.core`). */
export const defaultProfiles: ShifoProfiles = {
  canonicals: {
    Patient: `${core}uz-core-patient`,
    Practitioner: `${core}uz-core-practitioner`,
    PractitionerRole: `${core}uz-core-practitioner-role`,
    Organization: `${core}uz-core-organization`,
    Location: `${core}uz-core-location`,
    Encounter: `${core}uz-core-encounter`,
    Condition: `${core}uz-core-condition`,
    AllergyIntolerance: `${core}uz-core-allergy-intolerance`,
    Observation: `${core}uz-core-observation`,
    Medication: `${core}uz-core-medication`,
    MedicationRequest: `${core}uz-core-medicationrequest`,
    MedicationDispense: `${core}uz-core-medication-dispense`,
    Questionnaire: `${core}uz-core-questionnaire`,
    QuestionnaireResponse: `${core}uz-core-questionnaire-response`,
    AuditEvent: `${core}uz-core-auditevent`,
  },
  identifierSystems: {
    pinfl: 'https://dhp.uz/fhir/core/sid/pid/uz/ni',
    passportLocal: 'https://dhp.uz/fhir/core/sid/pid/uz/ppn/local',
    passportInternational: 'https://dhp.uz/fhir/core/sid/pid/uz/ppn/intl',
    birthCertificate: 'https://dhp.uz/fhir/core/sid/pid/uz/bct',
    shifoRequestId: 'urn:shifo:request-id',
    prescriptionNumber: 'https://shifo.uz/sid/prescription-number',
  },
};

/** Overrides merge into the defaults, so a vendor can rename one canonical without restating the rest. */
export function resolveProfiles(overrides?: {
  canonicals?: Record<string, string>;
  identifierSystems?: Partial<ShifoProfiles['identifierSystems']>;
}): ShifoProfiles {
  return {
    canonicals: { ...defaultProfiles.canonicals, ...overrides?.canonicals },
    identifierSystems: { ...defaultProfiles.identifierSystems, ...overrides?.identifierSystems },
  };
}
