import { recordAudit } from '../audit/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { caller, type Handler } from '../handler.js';
import { HttpError } from '../http/http-error.js';
import { idempotent } from '../http/idempotency.js';
import { codedIssue } from '../http/outcome.js';
import type { ServerState } from '../state.js';
import type { StoredResource } from '../store/resource-store.js';
import { assertWorksAt } from './access.js';
import { tashkentDateTime } from './clock.js';
import { WaitingLine } from './queue-order.js';
import { canonicalReference, idOfReference, patientOfAppointment } from './references.js';
import { bodyOf } from './request.js';
import { findService, requireService } from './services.js';
import { issueTicketIn } from './ticket-issuer.js';
import { TICKET_TYPE, type StoredTicket } from './ticket-record.js';
import { audienceFor, ticketView } from './ticket-view.js';

/** Check-in window around the booked start (contract: 60 minutes before to 30 minutes after). */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 60;
export const CHECK_IN_CLOSES_MINUTES_AFTER = 30;

function notBookable(text: string): HttpError {
  return new HttpError(422, [codedIssue('business-rule', 'appointment-not-bookable', text)]);
}

/** The slots an appointment books. */
function slotsOf(state: ServerState, appointment: StoredResource): StoredResource[] {
  return ((appointment.slot as { reference?: string }[] | undefined) ?? [])
    .map((ref) => idOfReference(ref?.reference, 'Slot'))
    .map((id) => (id === undefined ? undefined : state.store.read('Slot', id)))
    .filter((slot): slot is StoredResource => slot !== undefined);
}

/** The queue of a booking: the schedule of its slot (`Schedule/<serviceId>`). */
function serviceIdOf(state: ServerState, appointment: StoredResource): string {
  for (const slot of slotsOf(state, appointment)) {
    const id = idOfReference((slot.schedule as { reference?: string } | undefined)?.reference, 'Schedule');
    if (id !== undefined) return id;
  }
  throw notBookable('This appointment names no queue: send serviceId.');
}

function startOf(state: ServerState, appointment: StoredResource): Date {
  const start = typeof appointment.start === 'string' ? appointment.start : slotsOf(state, appointment)[0]?.start;
  if (typeof start !== 'string') throw notBookable('This appointment has no start time.');
  return new Date(start);
}

/** The ticket already issued for an appointment (following a transfer to where the patient is now). */
function existingTicket(state: ServerState, appointmentId: string): StoredTicket | undefined {
  const tickets = [...state.store.all(TICKET_TYPE)]
    .map((t) => t as unknown as StoredTicket)
    .filter((t) => t.appointment?.reference === `Appointment/${appointmentId}`)
    .sort((a, b) => Date.parse(b.issuedAt) - Date.parse(a.issuedAt) || b.counter - a.counter);
  return tickets.find((t) => t.status !== 'transferred') ?? tickets[0];
}

function assertMayCheckIn(principal: Principal, appointment: StoredResource): void {
  if (principal.role !== 'patient') return;
  if (patientOfAppointment(appointment)?.reference !== `Patient/${principal.patientId}`) {
    throw new HttpError(403, [codedIssue('forbidden', 'not-own-record', 'This appointment is not yours.')]);
  }
}

function answer(state: ServerState, principal: Principal, ticket: StoredTicket, status: number) {
  const service = findService(state, ticket.serviceId);
  const place = service ? new WaitingLine(state, service).placeOf(ticket.id) : undefined;
  return { status, body: ticketView(ticket, audienceFor(principal, ticket), place) };
}

/**
 * `POST /queue/appointments/{appointmentId}/check-in`: the patient arrived for a booking. Sets the Appointment
 * `checked-in` and issues a ticket ordered near the booked time; a second check-in returns the same ticket (200).
 */
export const checkInAppointment: Handler = (context) =>
  idempotent(context, () => {
    const principal = caller(context);
    const { state } = context;
    const appointmentId = String(context.params.appointmentId);
    const appointment = state.store.read('Appointment', appointmentId);
    if (!appointment) throw HttpError.of(404, 'not-found', 'There is no such appointment.');
    assertMayCheckIn(principal, appointment);

    if (appointment.status === 'checked-in' || appointment.status === 'arrived') {
      const ticket = existingTicket(state, appointmentId);
      if (ticket) {
        const service = findService(state, ticket.serviceId);
        if (service) assertWorksAt(principal, service);
        return answer(state, principal, ticket, 200);
      }
    } else if (appointment.status !== 'booked') {
      throw notBookable(`A ${String(appointment.status)} appointment cannot be checked in.`);
    }

    const asked = bodyOf<{ serviceId: string }>(context).serviceId;
    const service = asked
      ? requireService(state, asked, 'serviceId')
      : findService(state, serviceIdOf(state, appointment));
    if (!service) throw notBookable("The appointment's schedule is not a queue of this server: send serviceId.");
    assertWorksAt(principal, service);
    const start = startOf(state, appointment);
    const now = state.now().getTime();
    if (
      now < start.getTime() - CHECK_IN_OPENS_MINUTES_BEFORE * 60_000 ||
      now > start.getTime() + CHECK_IN_CLOSES_MINUTES_AFTER * 60_000
    ) {
      throw new HttpError(422, [
        codedIssue(
          'business-rule',
          'check-in-window',
          `Check-in opens ${CHECK_IN_OPENS_MINUTES_BEFORE} minutes before the booked time and closes ${CHECK_IN_CLOSES_MINUTES_AFTER} minutes after it.`,
        ),
      ]);
    }

    const patient = patientOfAppointment(appointment);
    const ticket = issueTicketIn(state, service, {
      priority: 'normal',
      ...(patient ? { patient } : {}),
      appointment: canonicalReference('Appointment', appointmentId),
      bookedStart: tashkentDateTime(start),
    });
    const { meta, ...current } = appointment;
    state.store.put({
      ...current,
      ...(meta?.profile ? { meta: { profile: meta.profile } } : {}),
      status: 'checked-in',
    });
    recordAudit(
      state.store,
      {
        principal,
        interaction: 'update',
        entity: `Appointment/${appointmentId}`,
        outcome: 'success',
        ...(patient?.reference ? { patientId: patient.reference.slice('Patient/'.length) } : {}),
        purpose: `check-in, queue ticket ${ticket.number}`,
      },
      state.now(),
    );
    const result = answer(state, principal, ticket, 201);
    return { ...result, headers: { Location: `${context.origin}/queue/tickets/${ticket.id}` } };
  });
