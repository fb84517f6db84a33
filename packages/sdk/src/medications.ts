import type { ClientContext } from './client-context.js';

/** The formulary (being written: see the lead's brief). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MedicationsApi {}

export function createMedicationsApi(_context: ClientContext): MedicationsApi {
  return {};
}
