import type { QueueService } from '../seed/types.js';
import type { ServerState } from '../state.js';
import { tashkentDate } from './clock.js';
import { averageServiceMinutes, roomsWorking } from './services.js';
import { ticketsOfServiceOnDay, type StoredTicket, type TicketPriority } from './ticket-record.js';

const PRIORITY_RANK: Record<TicketPriority, number> = { emergency: 0, urgent: 1, normal: 2 };

/**
 * Queue order: priority first (emergency, urgent, normal); within a priority, booked patients stand at their
 * booked time and walk-ins at their arrival, on one time line — so a booked patient is served near the booked
 * time, neither ahead of everyone nor behind everyone. At the same moment the booked patient goes first.
 */
export function compareTickets(a: StoredTicket, b: StoredTicket): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    Date.parse(a.bookedStart ?? a.arrivedAt) - Date.parse(b.bookedStart ?? b.arrivedAt) ||
    (a.bookedStart ? 0 : 1) - (b.bookedStart ? 0 : 1) ||
    Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt) ||
    a.counter - b.counter
  );
}

/** Place in line and wait estimate of one waiting ticket. */
export interface Place {
  position: number;
  estimatedWaitMinutes: number;
}

/** Today's waiting line of one service, computed once per request. */
export class WaitingLine {
  /** Waiting tickets, head first. */
  readonly waiting: StoredTicket[];
  /** Today's tickets of the service, any status. */
  readonly today: StoredTicket[];
  private readonly places = new Map<string, Place>();

  constructor(state: ServerState, service: QueueService) {
    const now = state.now();
    this.today = ticketsOfServiceOnDay(state.store, service.id, tashkentDate(now));
    this.waiting = this.today.filter((t) => t.status === 'waiting').sort(compareTickets);
    const minutesPerVisit = averageServiceMinutes(state, service) / roomsWorking(service, now);
    this.waiting.forEach((ticket, index) => {
      // Whoever is first waits, on average, for half of the visit in progress.
      this.places.set(ticket.id, {
        position: index + 1,
        estimatedWaitMinutes: Math.round((index + 0.5) * minutesPerVisit),
      });
    });
  }

  placeOf(ticketId: string): Place | undefined {
    return this.places.get(ticketId);
  }

  get head(): StoredTicket | undefined {
    return this.waiting[0];
  }
}
