import type { Client } from 'openapi-fetch';
import type { FhirPaths } from './fhir/paths.js';
import type { ShifoProfiles } from './fhir/profiles.js';
import type { Bundle, Patient } from './fhir/types.js';
import { formBody } from './fhir/form.js';
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
   * The patient summary (`$summary`, an IPS-style document) parsed into sections of entries: allergies,
   * problems, medications, results, vital signs, encounters. Each empty section says why (`nilknown` differs
   * from `notasked`; `withheld` under consent). National identifiers arrive masked. `since` (`YYYY[-MM[-DD]]`)
   * widens or narrows the window of results, vital signs and encounters (server default: 12 months).
   */
  summary(id: string, options?: { signal?: AbortSignal; since?: string }): Promise<PatientSummary>;
}

export type { PatientSummary };

export function patientsOf(bundle: Bundle): Patient[] {
  // DHP may put OperationOutcome entries in a searchset: keep only patients.
  return (bundle.entry ?? []).flatMap((entry) =>
    entry.resource?.resourceType === 'Patient' ? [entry.resource as Patient] : [],
  );
}

export function createPatientsApi(fhir: Client<FhirPaths>, profiles: ShifoProfiles): PatientsApi {
  return {
    async get(id, options) {
      return unwrap(await fhir.GET('/Patient/{id}', { params: { path: { id } }, signal: options?.signal }));
    },
    async findByPinfl(pinfl, options) {
      const identifier = `${profiles.identifierSystems.pinfl}|${pinfl.trim()}`;
      const bundle = unwrap(
        await fhir.POST('/Patient/_search', { ...formBody({ identifier }), signal: options?.signal }),
      );
      const found = patientsOf(bundle);
      return found.find((patient) => patient.active !== false) ?? found[0];
    },
    async summary(id, options) {
      const query = options?.since === undefined ? {} : { _since: options.since };
      const bundle = unwrap(
        await fhir.GET('/Patient/{id}/$summary', { params: { path: { id }, query }, signal: options?.signal }),
      );
      return parseSummary(bundle);
    },
  };
}
