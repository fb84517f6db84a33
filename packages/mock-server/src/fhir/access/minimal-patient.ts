import type { StoredResource } from '../../store/resource-store.js';

/** What a pharmacist needs to hand over medicines to the right person: who they are, nothing about where they live. */
const MINIMAL_ELEMENTS = ['resourceType', 'id', 'meta', 'identifier', 'active', 'name', 'gender', 'birthDate'];

const REDACTED = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'REDACTED',
  display: 'redacted',
};

/** The minimal patient data on a prescription, labelled `REDACTED` so nobody mistakes it for the full record. */
export function minimalPatient(patient: Readonly<StoredResource>): StoredResource {
  const minimal: Record<string, unknown> = {};
  for (const element of MINIMAL_ELEMENTS) {
    if (patient[element] !== undefined) minimal[element] = patient[element];
  }
  const meta = patient.meta ?? {};
  const security = [...((meta.security as unknown[] | undefined) ?? []), REDACTED];
  return { ...(minimal as StoredResource), meta: { ...meta, security } };
}
