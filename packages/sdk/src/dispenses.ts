import type { ClientContext } from './client-context.js';

/** Dispensing (being written: see the lead's brief). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DispensesApi {}

export function createDispensesApi(_context: ClientContext): DispensesApi {
  return {};
}
