import type { ClientContext } from './client-context.js';

/** E-prescriptions (being written: see the lead's brief). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PrescriptionsApi {}

export function createPrescriptionsApi(_context: ClientContext): PrescriptionsApi {
  return {};
}
