import type { QueueService } from '../seed/types.js';
import type { ServerState } from '../state.js';
import { tashkentDateTime } from './clock.js';
import { queueHub } from './event-hub.js';
import type { Language } from '../http/language.js';
import { WaitingLine } from './queue-order.js';
import { locationName, roomLabels, serviceName } from './services.js';
import { ticketView, type TicketView } from './ticket-view.js';

/** The contract's `QueueBoard`: numbers and rooms, never names (every ticket in the public projection). */
export interface QueueBoard {
  locationId: string;
  locationName: string;
  generatedAt: string;
  lastEventId: string | null;
  services: { serviceId: string; code: string; name: string; waitingCount: number; rooms: string[] }[];
  nowServing: TicketView[];
  waiting: TicketView[];
}

/** What a waiting-room screen shows for a location (or for some of its services, on a service stream). */
export function buildBoard(
  state: ServerState,
  locationId: string,
  services: readonly QueueService[],
  language: Language,
): QueueBoard {
  const board: QueueBoard = {
    locationId,
    locationName: locationName(state, locationId, language),
    generatedAt: tashkentDateTime(state.now()),
    lastEventId: queueHub(state).latestId(locationId),
    services: [],
    nowServing: [],
    waiting: [],
  };
  for (const service of services) {
    const line = new WaitingLine(state, service);
    board.services.push({
      serviceId: service.id,
      code: service.ticketPrefix,
      name: serviceName(service, language),
      waitingCount: line.waiting.length,
      rooms: roomLabels(state, service),
    });
    for (const ticket of line.today) {
      if (ticket.status === 'called' || ticket.status === 'in-service')
        board.nowServing.push(ticketView(ticket, 'public'));
    }
    for (const ticket of line.waiting) board.waiting.push(ticketView(ticket, 'public', line.placeOf(ticket.id)));
  }
  // The board highlights the latest call first.
  board.nowServing.sort((a, b) => Date.parse(b.calledAt ?? '') - Date.parse(a.calledAt ?? ''));
  return board;
}
