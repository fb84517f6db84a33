import type { paths } from '../generated/shifo-api.js';

/**
 * The contract's FHIR operations, keyed relative to the FHIR base (`/Patient/{id}` rather than
 * `/fhir/Patient/{id}`), because the FHIR base differs between servers: the mock and the DHP playground serve
 * FHIR under `/fhir`, DHP production at the root of its own host.
 */
export type FhirPaths = {
  [P in keyof paths as P extends `/fhir${infer Rest}` ? (Rest extends '' ? '/' : Rest) : never]: paths[P];
};

/** Every operation of the contract, keyed by its full path on a Shifo-compatible server. */
export type ShifoPaths = paths;
