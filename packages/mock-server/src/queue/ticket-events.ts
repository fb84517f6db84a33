import type { ServerState } from '../state.js';
import { queueHub, type TicketEventType } from './event-hub.js';
import { WaitingLine } from './queue-order.js';
import { findService } from './services.js';
import type { StoredTicket } from './ticket-record.js';
import { ticketView } from './ticket-view.js';

/** Announces a change of a ticket on its location's streams (with its place in line, while it waits). */
export function publishTicketEvent(state: ServerState, type: TicketEventType, ticket: StoredTicket): void {
  const service = findService(state, ticket.serviceId);
  const place = service && ticket.status === 'waiting' ? new WaitingLine(state, service).placeOf(ticket.id) : undefined;
  queueHub(state).publish(type, ticketView(ticket, 'staff', place));
}
