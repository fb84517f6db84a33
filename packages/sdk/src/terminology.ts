import type { ClientContext } from './client-context.js';

/** Terminology (being written: see the lead's brief). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TerminologyApi {}

export function createTerminologyApi(_context: ClientContext): TerminologyApi {
  return {};
}
