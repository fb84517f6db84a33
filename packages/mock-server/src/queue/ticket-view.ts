import type { Principal } from '../auth/principal.js';
import type { Place } from './queue-order.js';
import { versionOf, type StoredTicket, type QueueReference, type TicketLink } from './ticket-record.js';

/**
 * Who looks at a ticket decides what it shows (docs/contract.md §10): staff see the patient and the appointment,
 * the ticket's own patient sees the appointment, boards, displays and other patients see numbers and rooms only.
 */
export type Audience = 'staff' | 'owner' | 'public';

const STAFF_ROLES: ReadonlySet<Principal['role']> = new Set(['doctor', 'nurse', 'registrar', 'admin', 'system']);

export function isStaff(principal: Principal): boolean {
  return STAFF_ROLES.has(principal.role);
}

export function ownsTicket(principal: Principal, ticket: StoredTicket): boolean {
  return (
    principal.role === 'patient' &&
    principal.patientId !== undefined &&
    ticket.patient?.reference === `Patient/${principal.patientId}`
  );
}

/** The audience for a direct read of one ticket (events and boards have their own rules). */
export function audienceFor(principal: Principal, ticket: StoredTicket): Audience {
  if (isStaff(principal)) return 'staff';
  return ownsTicket(principal, ticket) ? 'owner' : 'public';
}

/** The contract's `Ticket`. */
export interface TicketView {
  id: string;
  number: string;
  serviceId: string;
  locationId: string;
  status: StoredTicket['status'];
  priority: StoredTicket['priority'];
  room: string | null;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  position: number | null;
  estimatedWaitMinutes: number | null;
  recallCount: number;
  bookedStart: string | null;
  appointment?: QueueReference;
  patient?: QueueReference;
  transferredTo?: TicketLink;
  transferredFrom?: TicketLink;
  version: number;
}

/** Projects a stored ticket for an audience; `place` is its place in line while it waits. */
export function ticketView(ticket: StoredTicket, audience: Audience, place?: Place): TicketView {
  const waiting = ticket.status === 'waiting';
  return {
    id: ticket.id,
    number: ticket.number,
    serviceId: ticket.serviceId,
    locationId: ticket.locationId,
    status: ticket.status,
    priority: ticket.priority,
    room: ticket.room,
    issuedAt: ticket.issuedAt,
    calledAt: ticket.calledAt,
    startedAt: ticket.startedAt,
    finishedAt: ticket.finishedAt,
    position: waiting ? (place?.position ?? null) : null,
    estimatedWaitMinutes: waiting ? (place?.estimatedWaitMinutes ?? null) : null,
    recallCount: ticket.recallCount,
    bookedStart: ticket.bookedStart,
    ...(audience !== 'public' && ticket.appointment ? { appointment: { ...ticket.appointment } } : {}),
    ...(audience === 'staff' && ticket.patient ? { patient: { ...ticket.patient } } : {}),
    ...(ticket.transferredTo ? { transferredTo: { ...ticket.transferredTo } } : {}),
    ...(ticket.transferredFrom ? { transferredFrom: { ...ticket.transferredFrom } } : {}),
    version: versionOf(ticket),
  };
}

/** The public projection of a staff view (for events rendered once, then shown to every audience). */
export function publicView(view: TicketView): TicketView {
  const { patient: _patient, appointment: _appointment, ...rest } = view;
  return rest;
}
