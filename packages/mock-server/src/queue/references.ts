import { HttpError } from '../http/http-error.js';
import type { ServerState } from '../state.js';
import type { StoredResource } from '../store/resource-store.js';
import type { QueueReference } from './ticket-record.js';

/** The id in a relative (`Patient/x`) or absolute (`http://…/fhir/Patient/x`) reference of the given type. */
export function idOfReference(reference: unknown, type: string): string | undefined {
  if (typeof reference !== 'string') return undefined;
  const match = new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-\\.]{1,64})(?:/_history/[^/]+)?$`).exec(reference);
  return match?.[1];
}

/** The resource a request's reference points at, or 422 naming the field. */
export function resolveReference(
  state: ServerState,
  ref: QueueReference,
  type: string,
  expression: string,
): StoredResource {
  const id = idOfReference(ref.reference, type);
  const resource = id === undefined ? undefined : state.store.read(type, id);
  if (!resource) {
    throw HttpError.of(422, 'business-rule', `${expression} must reference an existing ${type}.`, expression);
  }
  return resource;
}

/** A clean `{ reference: "Type/id", display? }` for storing on a ticket. */
export function canonicalReference(type: string, id: string, display?: unknown): QueueReference {
  return typeof display === 'string' && display !== ''
    ? { reference: `${type}/${id}`, display }
    : { reference: `${type}/${id}` };
}

/** The patient of an appointment: its subject, else its first Patient participant. */
export function patientOfAppointment(appointment: StoredResource): QueueReference | undefined {
  const candidates = [
    appointment.subject,
    ...((appointment.participant as { actor?: unknown }[] | undefined) ?? []).map((p) => p?.actor),
  ] as (QueueReference | undefined)[];
  for (const candidate of candidates) {
    const id = idOfReference(candidate?.reference, 'Patient');
    if (id !== undefined) return canonicalReference('Patient', id, candidate?.display);
  }
  return undefined;
}
