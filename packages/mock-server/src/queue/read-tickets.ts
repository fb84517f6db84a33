import { caller, type Handler } from '../handler.js';
import { HttpError } from '../http/http-error.js';
import { assertMayHandleTicket, assertWorksAt } from './access.js';
import { compareTickets, WaitingLine } from './queue-order.js';
import { findService, requireService } from './services.js';
import { readTicket, type StoredTicket, type TicketStatus } from './ticket-record.js';
import { audienceFor, ticketView } from './ticket-view.js';

const DEFAULT_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'in-service'];

/** Desk order: those in a room first (latest call first), then the waiting line, then the finished. */
function deskRank(ticket: StoredTicket): number {
  if (ticket.status === 'called' || ticket.status === 'in-service') return 0;
  return ticket.status === 'waiting' ? 1 : 2;
}

function compareForDesk(a: StoredTicket, b: StoredTicket): number {
  const rank = deskRank(a) - deskRank(b);
  if (rank !== 0) return rank;
  if (deskRank(a) === 0) return Date.parse(b.calledAt ?? '') - Date.parse(a.calledAt ?? '');
  if (deskRank(a) === 2) return Date.parse(b.finishedAt ?? '') - Date.parse(a.finishedAt ?? '');
  return compareTickets(a, b);
}

/** Statuses asked for: repeated (`status=a&status=b`) or comma-separated (`status=a,b`, the contract's style). */
function statusesOf(value: unknown): Set<string> {
  if (value === undefined) return new Set(DEFAULT_STATUSES);
  const list = Array.isArray(value) ? value : [value];
  return new Set(list.flatMap((item) => String(item).split(',')).map((s) => s.trim()));
}

/** `GET /queue/services/{serviceId}/tickets`: today's tickets of a queue for a desk (staff view). */
export const listServiceTickets: Handler = (context) => {
  const principal = caller(context);
  const service = requireService(context.state, String(context.params.serviceId));
  assertWorksAt(principal, service);
  const statuses = statusesOf(context.params.status);
  const line = new WaitingLine(context.state, service);
  const tickets = line.today
    .filter((ticket) => statuses.has(ticket.status))
    .sort(compareForDesk)
    .map((ticket) => ticketView(ticket, 'staff', line.placeOf(ticket.id)));
  return { status: 200, body: { tickets } };
};

/** `GET /queue/tickets/{ticketId}`: one ticket, with its place in line (the patient's phone polls this). */
export const getTicket: Handler = (context) => {
  const principal = caller(context);
  const { state } = context;
  const ticket = readTicket(state.store, String(context.params.ticketId));
  if (!ticket) throw HttpError.of(404, 'not-found', 'There is no such ticket.');
  assertMayHandleTicket(principal, ticket);
  const service = findService(state, ticket.serviceId);
  const place = service ? new WaitingLine(state, service).placeOf(ticket.id) : undefined;
  return { status: 200, body: ticketView(ticket, audienceFor(principal, ticket), place) };
};
