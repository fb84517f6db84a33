import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import type { ServerState } from '../state.js';
import type { StoredResource } from '../store/resource-store.js';
import { idOfReference } from './references.js';
import type { QueueReference } from './ticket-record.js';

/**
 * Moves the Appointment behind a ticket along with the visit (checked-in → fulfilled or noshow), so that the
 * booking record tells what happened. Only from the listed statuses: a booking changed meanwhile is left alone.
 */
export function advanceAppointment(
  state: ServerState,
  principal: Principal,
  ref: QueueReference | undefined,
  from: readonly string[],
  to: string,
): StoredResource | undefined {
  const id = idOfReference(ref?.reference, 'Appointment');
  const appointment = id === undefined ? undefined : state.store.read('Appointment', id);
  if (!appointment || !from.includes(String(appointment.status))) return undefined;
  const { meta, ...rest } = appointment;
  const stored = state.store.put({
    ...rest,
    ...(meta?.profile ? { meta: { profile: meta.profile } } : {}),
    status: to,
  });
  const patientId = idOfReference((appointment.subject as QueueReference | undefined)?.reference, 'Patient');
  recordAudit(
    state.store,
    {
      principal,
      interaction: 'update',
      entity: `Appointment/${stored.id}`,
      outcome: 'success',
      ...(patientId ? { patientId } : {}),
    },
    state.now(),
  );
  return stored;
}
