import type { ClientContext } from './client-context.js';
import { isShifoError } from './errors/shifo-error.js';
import type { Bundle, Schemas } from './fhir/types.js';
import { languageHeaders } from './queue/language-headers.js';
import type { Ticket } from './queue/types.js';
import { unwrap } from './transport/unwrap.js';
import { writesOf } from './writes/writes-of.js';

/** A bookable time of a service's schedule (`Schedule/<serviceId>`). */
export type Slot = Schemas['Slot'];
/** A booking of one slot. */
export type Appointment = Schemas['Appointment'];

export interface FreeSlotsQuery {
  /** The queue service whose schedule to search (`Schedule/<serviceId>`), e.g. `qs-yunusobod-therapist`. */
  serviceId?: string;
  /** A service type: SNOMED specialty code or text, as in `Slot.serviceType`. */
  serviceType?: string;
  /** First start (inclusive), ISO date or date-time; default now. */
  from?: string;
  /** Starts before this (exclusive), ISO date or date-time. */
  to?: string;
  /** At most this many (default 20, max 100). */
  count?: number;
  signal?: AbortSignal;
}

export interface BookOptions {
  /** The practitioner role who will see the patient, e.g. `prole-f1-gp1`. */
  practitionerRoleId?: string;
  /** Why the patient comes (free text). */
  description?: string;
  signal?: AbortSignal;
}

/** Online and desk booking: free slots, book, cancel, check in on arrival. */
export interface AppointmentsApi {
  /**
   * Free slots from `from` (default now), earliest first.
   * @example const slots = await shifo.appointments.freeSlots({ serviceId: 'qs-yunusobod-therapist', to: '2026-03-13' });
   */
  freeSlots(query?: FreeSlotsQuery): Promise<Slot[]>;
  /**
   * Books a free slot for a patient; the slot turns busy in the same step. Never queued offline (a queued booking
   * would mislead). A slot taken meanwhile throws a ShifoError with `code` `slot-unavailable` (409).
   * @example const appointment = await shifo.appointments.book(slot.id!, 'pt-dilnoza-yusupova');
   */
  book(slotId: string, patientId: string, options?: BookOptions): Promise<Appointment>;
  /** Reads one appointment. */
  get(appointmentId: string, options?: { signal?: AbortSignal }): Promise<Appointment>;
  /**
   * Cancels a booking (status `cancelled` with the reason); the slot becomes free again. Re-reads and retries once
   * when the appointment changed meanwhile.
   */
  cancel(appointmentId: string, reason: string, options?: { signal?: AbortSignal }): Promise<Appointment>;
  /**
   * On arrival: marks the appointment checked in and issues a queue ticket ordered near the booked time (the same
   * ticket again when already checked in). Outside 60 minutes before to 30 after the start: ShifoError `check-in-window`.
   * @example const ticket = await shifo.appointments.checkIn(appointment.id!);
   */
  checkIn(appointmentId: string, options?: { serviceId?: string; signal?: AbortSignal }): Promise<Ticket>;
}

function slotsOf(bundle: Bundle): Slot[] {
  return (bundle.entry ?? []).flatMap((entry) =>
    entry.resource?.resourceType === 'Slot' ? [entry.resource as unknown as Slot] : [],
  );
}

function isVersionClash(error: unknown): boolean {
  return isShifoError(error) && (error.status === 409 || error.status === 412) && error.code !== 'slot-unavailable';
}

export function createAppointmentsApi(context: ClientContext): AppointmentsApi {
  const { fhir } = context;

  async function sent<T>(write: ReturnType<ReturnType<typeof writesOf>['write']>): Promise<T> {
    const result = await write;
    // Written with `whenOffline: 'throw'`: never queued; the check keeps the types honest.
    if (result.status !== 'sent') throw new Error('A write that may not wait offline was queued.');
    return result.resource as T;
  }

  async function read(appointmentId: string, signal: AbortSignal | undefined): Promise<Appointment> {
    return unwrap(await fhir.GET('/Appointment/{id}', { params: { path: { id: appointmentId } }, signal }));
  }

  async function cancelOnce(appointmentId: string, reason: string, signal: AbortSignal | undefined) {
    const current = await read(appointmentId, signal);
    const next: Appointment = { ...current, status: 'cancelled', cancellationReason: { text: reason } };
    return sent<Appointment>(
      writesOf(context).write(
        {
          method: 'PUT',
          path: `/fhir/Appointment/${encodeURIComponent(appointmentId)}`,
          body: next,
          headers: { 'If-Match': `W/"${current.meta?.versionId ?? ''}"`, ...languageHeaders(context).headers },
        },
        { whenOffline: 'throw', ...(signal ? { signal } : {}) },
      ),
    );
  }

  return {
    async freeSlots(query = {}) {
      const start = [`ge${query.from ?? new Date().toISOString()}`, ...(query.to ? [`lt${query.to}`] : [])];
      const bundle = unwrap(
        await fhir.GET('/Slot', {
          params: {
            query: {
              status: 'free',
              start,
              _sort: 'start',
              _count: query.count ?? 20,
              ...(query.serviceId ? { schedule: `Schedule/${query.serviceId}` } : {}),
              ...(query.serviceType ? { 'service-type': query.serviceType } : {}),
            },
          },
          signal: query.signal,
        }),
      );
      return slotsOf(bundle);
    },
    async book(slotId, patientId, options = {}) {
      const patient = { reference: `Patient/${patientId}` };
      const appointment: Appointment = {
        resourceType: 'Appointment',
        status: 'booked',
        slot: [{ reference: `Slot/${slotId}` }],
        subject: patient,
        participant: [
          { actor: patient, status: 'accepted' },
          ...(options.practitionerRoleId
            ? [{ actor: { reference: `PractitionerRole/${options.practitionerRoleId}` }, status: 'accepted' as const }]
            : []),
        ],
        ...(options.description ? { description: options.description } : {}),
      };
      return sent<Appointment>(
        writesOf(context).write(
          { method: 'POST', path: '/fhir/Appointment', body: appointment, ...languageHeaders(context) },
          { whenOffline: 'throw', ...(options.signal ? { signal: options.signal } : {}) },
        ),
      );
    },
    get: (appointmentId, options) => read(appointmentId, options?.signal),
    async cancel(appointmentId, reason, options) {
      try {
        return await cancelOnce(appointmentId, reason, options?.signal);
      } catch (error) {
        // Someone changed it between our read and write (412, or 409 from older DHP): re-read, re-apply once.
        if (!isVersionClash(error)) throw error;
        return cancelOnce(appointmentId, reason, options?.signal);
      }
    },
    async checkIn(appointmentId, options = {}) {
      return sent<Ticket>(
        writesOf(context).write(
          {
            method: 'POST',
            path: `/queue/appointments/${encodeURIComponent(appointmentId)}/check-in`,
            body: options.serviceId ? { serviceId: options.serviceId } : {},
            ...languageHeaders(context),
          },
          { whenOffline: 'throw', ...(options.signal ? { signal: options.signal } : {}) },
        ),
      );
    },
  };
}
