import type { ClientContext } from './client-context.js';

/** Audit (being written: see the lead's brief). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuditApi {}

export function createAuditApi(_context: ClientContext): AuditApi {
  return {};
}
