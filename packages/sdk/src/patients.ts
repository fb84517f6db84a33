import type { ClientContext } from './client-context.js';
import { isUnreachable } from './offline/reachability.js';
import type { SummaryCache } from './offline/summary-cache.js';
import type { Bundle, Patient } from './fhir/types.js';
import { formBody } from './fhir/form.js';
import { documentTokens, type IdentityDocumentKind } from './clinical/identity-documents.js';
import { patientSearchForm, type PatientSearchQuery } from './clinical/patient-search-form.js';
import { parseSummary } from './summary/parse-summary.js';
import type { PatientSummary } from './summary/types.js';
import { unwrap } from './transport/unwrap.js';

export interface PatientsApi {
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
  /**
   * The patient summary (`$summary`, an IPS-style document) parsed into sections of entries: allergies,
   * problems, medications, results, vital signs, encounters. Each empty section says why (`nilknown` differs
   * from `notasked`; `withheld` under consent). National identifiers arrive masked. `since` (`YYYY[-MM[-DD]]`)
   * widens or narrows the window of results, vital signs and encounters (server default: 12 months).
   * With `offline` configured, each summary read is kept (encrypted), and when the central store cannot be
   * reached the last one read is returned with `cached` saying how old it is.
   */
  summary(id: string, options?: { signal?: AbortSignal; since?: string }): Promise<PatientSummary>;
}

export type { PatientSummary, IdentityDocumentKind, PatientSearchQuery };

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

export function createPatientsApi(
  context: ClientContext,
  cache: SummaryCache<PatientSummary> | undefined = context.offline?.summaries,
): PatientsApi {
  const { fhir, profiles } = context;

  async function freshSummary(id: string, options?: { signal?: AbortSignal; since?: string }) {
    const query = options?.since === undefined ? {} : { _since: options.since };
    const bundle = unwrap(
      await fhir.GET('/Patient/{id}/$summary', { params: { path: { id }, query }, signal: options?.signal }),
    );
    return parseSummary(bundle);
  }

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
    async summary(id, options) {
      // Only the default window is cached: a summary with another `since` would be mistaken for the usual one.
      const cacheable = cache !== undefined && options?.since === undefined;
      try {
        const summary = await freshSummary(id, options);
        if (cacheable) await cache.put(id, summary).catch(() => undefined);
        return summary;
      } catch (failure) {
        if (!cacheable || !isUnreachable(failure)) throw failure;
        const cached = await cache.get(id).catch(() => undefined);
        if (!cached) throw failure;
        return { ...cached.value, cached: { storedAt: cached.storedAt, ageMs: cached.ageMs } };
      }
    },
  };
}
