import type { ClientContext } from './client-context.js';

/** Appointments (being written: see the lead's brief). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppointmentsApi {}

export function createAppointmentsApi(_context: ClientContext): AppointmentsApi {
  return {};
}
