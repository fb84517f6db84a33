import type { Client } from 'openapi-fetch';
import type { FhirPaths } from './fhir/paths.js';
import type { ShifoProfiles } from './fhir/profiles.js';
import type { Bundle, Patient } from './fhir/types.js';
import { formBody } from './fhir/form.js';
import { unwrap } from './transport/unwrap.js';

export interface PatientsApi {
  /** Reads one patient by its server id. Throws a ShifoError (`not-found`, `forbidden`, ...) when refused. */
  get(id: string, options?: { signal?: AbortSignal }): Promise<Patient>;
  /**
   * Finds the patient with this PINFL, or `undefined` when there is none. The PINFL travels in a POST body,
   * never in a URL. Where DHP holds linked duplicates, the active record is preferred.
   */
  findByPinfl(pinfl: string, options?: { signal?: AbortSignal }): Promise<Patient | undefined>;
}

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
  };
}
