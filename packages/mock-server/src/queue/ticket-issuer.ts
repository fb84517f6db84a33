import { randomUUID } from 'node:crypto';
import type { QueueService } from '../seed/types.js';
import type { ServerState } from '../state.js';
import { pad, tashkentDate, tashkentDateTime } from './clock.js';
import { publishTicketEvent } from './ticket-events.js';
import {
  saveTicket,
  ticketsOfServiceOnDay,
  type QueueReference,
  type StoredTicket,
  type TicketLink,
  type TicketPriority,
} from './ticket-record.js';

export interface NewTicket {
  priority: TicketPriority;
  patient?: QueueReference;
  appointment?: QueueReference;
  bookedStart?: string | null;
  note?: string;
  /** Arrival time kept from an earlier ticket (transfers); default now. */
  arrivedAt?: string;
  transferredFrom?: TicketLink;
}

/**
 * Issues the next ticket of a service: number = prefix + the service's daily counter (`TER-001`, restarting at
 * local midnight in Tashkent). Synchronous from reading the counter to storing the ticket, so concurrent
 * requests never get the same number.
 */
export function issueTicketIn(state: ServerState, service: QueueService, input: NewTicket): StoredTicket {
  const now = state.now();
  const day = tashkentDate(now);
  const counter =
    ticketsOfServiceOnDay(state.store, service.id, day).reduce((max, t) => Math.max(max, t.counter), 0) + 1;
  const issuedAt = tashkentDateTime(now);
  const stored = saveTicket(state.store, {
    resourceType: 'x-QueueTicket',
    id: randomUUID(),
    number: `${service.ticketPrefix}-${pad(counter, 3)}`,
    serviceId: service.id,
    locationId: service.locationId,
    facilityId: service.facilityId,
    day,
    counter,
    status: 'waiting',
    priority: input.priority,
    room: null,
    issuedAt,
    arrivedAt: input.arrivedAt ?? issuedAt,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recallCount: 0,
    bookedStart: input.bookedStart ?? null,
    ...(input.patient ? { patient: input.patient } : {}),
    ...(input.appointment ? { appointment: input.appointment } : {}),
    ...(input.note ? { note: input.note } : {}),
    ...(input.transferredFrom ? { transferredFrom: input.transferredFrom } : {}),
  });
  publishTicketEvent(state, 'ticket.issued', stored);
  return stored;
}
