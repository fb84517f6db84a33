import type { ClientContext } from './client-context.js';
import { documentTokens, type IdentityDocumentKind } from './clinical/identity-documents.js';
import { patientSearchForm, type PatientSearchQuery } from './clinical/patient-search-form.js';
import { formBody } from './fhir/form.js';
import type { Bundle, Patient } from './fhir/types.js';
import { unwrap } from './transport/unwrap.js';

/** Finding and reading patients: the registration desk's part of `PatientsApi`. */
export interface PatientLookupApi {
  /** Reads one patient by its server id. Throws a ShifoError (`not-found`, `forbidden`, ...) when refused. */
  get(id: string, options?: { signal?: AbortSignal }): Promise<Patient>;
  /**
   * Finds the patient with this PINFL, or `undefined` when there is none. The PINFL travels in a POST body,
   * never in a URL. Where DHP holds linked duplicates, the active record is preferred.
   */
  findByPinfl(pinfl: string, options?: { signal?: AbortSignal }): Promise<Patient | undefined>;
  /**
   * Finds the patient holding an identity document, or `undefined`. The number is normalised first (trimmed, upper
   * case, spaces dropped, Cyrillic look-alike letters of a passport series made Latin; a birth certificate becomes
   * `I-TN №123456`); a number that cannot be one throws a ShifoError `invalid` (`expression: ['number']`) without
   * asking the server. `passport` looks under the local system (ID card and old passports share it), then the
   * international one. The number travels in a POST body, never in a URL.
   *
   * @example const patient = await shifo.patients.findByDocument('passport', 'ac 123 45 67');
   */
  findByDocument(
    kind: IdentityDocumentKind,
    number: string,
    options?: { signal?: AbortSignal },
  ): Promise<Patient | undefined>;
  /**
   * Patients by family name (prefix), optional given name and birth date. Latin and Cyrillic spellings and the
   * apostrophe variants of oʻ/gʻ match each other (the server folds them). Input errors (no family name, a
   * malformed date) throw a ShifoError `invalid` whose `expression` names the field. `total` is the number of
   * matches on the server when it says, which may exceed `patients.length` (ask the user to refine).
   *
   * @example const { patients } = await shifo.patients.search({ family: "Gʻulomov", birthDate: '1990-04-12' });
   */
  search(query: PatientSearchQuery, options?: { signal?: AbortSignal }): Promise<PatientSearchResult>;
}

export type { IdentityDocumentKind, PatientSearchQuery };

/** What `patients.search` found. */
export interface PatientSearchResult {
  patients: Patient[];
  /** Matches on the server, when it says (may exceed `patients.length`). */
  total?: number;
}

function preferActive(found: Patient[]): Patient | undefined {
  return found.find((patient) => patient.active !== false) ?? found[0];
}

export function patientsOf(bundle: Bundle): Patient[] {
  // DHP may put OperationOutcome entries in a searchset: keep only patients.
  return (bundle.entry ?? []).flatMap((entry) =>
    entry.resource?.resourceType === 'Patient' ? [entry.resource as Patient] : [],
  );
}

/**
 * Finding and reading patients without the summary: for a registration desk, and for apps that count bytes
 * (`createShifoCore` + this is the SDK's smallest useful bundle). `createPatientsApi` adds `summary`.
 */
export function createPatientLookupApi(context: ClientContext): PatientLookupApi {
  const { fhir, profiles } = context;
  return {
    async get(id, options) {
      return unwrap(await fhir.GET('/Patient/{id}', { params: { path: { id } }, signal: options?.signal }));
    },
    async findByPinfl(pinfl, options) {
      const identifier = `${profiles.identifierSystems.pinfl}|${pinfl.trim()}`;
      const bundle = unwrap(
        await fhir.POST('/Patient/_search', { ...formBody({ identifier }), signal: options?.signal }),
      );
      return preferActive(patientsOf(bundle));
    },
    async findByDocument(kind, number, options) {
      for (const identifier of documentTokens(kind, number, profiles.identifierSystems)) {
        const bundle = unwrap(
          await fhir.POST('/Patient/_search', { ...formBody({ identifier }), signal: options?.signal }),
        );
        const found = preferActive(patientsOf(bundle));
        if (found) return found;
      }
      return undefined;
    },
    async search(query, options) {
      const bundle = unwrap(
        await fhir.POST('/Patient/_search', { ...formBody(patientSearchForm(query)), signal: options?.signal }),
      );
      return { patients: patientsOf(bundle), ...(typeof bundle.total === 'number' ? { total: bundle.total } : {}) };
    },
  };
}
