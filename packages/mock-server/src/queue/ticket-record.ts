import type { ResourceStore, StoredResource } from '../store/resource-store.js';

/** Store type of queue tickets (Shifo's own record, not FHIR). */
export const TICKET_TYPE = 'x-QueueTicket';

export type TicketStatus = 'waiting' | 'called' | 'in-service' | 'done' | 'no-show' | 'cancelled' | 'transferred';
export type TicketPriority = 'emergency' | 'urgent' | 'normal';

/** A FHIR Reference as the queue API carries it. */
export interface QueueReference {
  reference?: string;
  display?: string;
  [key: string]: unknown;
}

/** A pointer to the ticket a transfer came from or went to. */
export interface TicketLink {
  ticketId: string;
  number: string;
  serviceId: string;
}

/** A ticket as stored. The API's `Ticket` is a projection of it (ticket-view.ts). */
export interface TicketRecord {
  resourceType: typeof TICKET_TYPE;
  id: string;
  number: string;
  serviceId: string;
  locationId: string;
  facilityId: string;
  /** Local (Tashkent) date the ticket belongs to: numbering and "today's queue" go by it. */
  day: string;
  /** Daily counter of the service, for the next number. */
  counter: number;
  status: TicketStatus;
  priority: TicketPriority;
  room: string | null;
  issuedAt: string;
  /** When the patient arrived; a transferred ticket keeps the original arrival, which orders it in the new queue. */
  arrivedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  recallCount: number;
  bookedStart: string | null;
  appointment?: QueueReference;
  patient?: QueueReference;
  note?: string;
  transferredTo?: TicketLink;
  transferredFrom?: TicketLink;
}

/** A stored ticket: the record plus the store's version metadata. */
export type StoredTicket = TicketRecord & { meta?: StoredResource['meta'] };

export function readTicket(store: ResourceStore, id: string): StoredTicket | undefined {
  return store.read(TICKET_TYPE, id) as StoredTicket | undefined;
}

/** Stores a new version of a ticket and returns it as stored (with its version). */
export function saveTicket(store: ResourceStore, ticket: TicketRecord): StoredTicket {
  const { meta: _meta, ...record } = ticket as StoredTicket;
  return store.put({ ...record }) as unknown as StoredTicket;
}

/** The ticket's version (1, 2, …), as the API reports it. */
export function versionOf(ticket: StoredTicket): number {
  return Number(ticket.meta?.versionId ?? '1');
}

/** Every ticket of one service on one local day (read-only views of the store: do not mutate). */
export function ticketsOfServiceOnDay(store: ResourceStore, serviceId: string, day: string): StoredTicket[] {
  const tickets: StoredTicket[] = [];
  for (const resource of store.all(TICKET_TYPE)) {
    const ticket = resource as unknown as StoredTicket;
    if (ticket.serviceId === serviceId && ticket.day === day) tickets.push(ticket);
  }
  return tickets;
}
