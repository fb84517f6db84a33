import type { Handler } from '../handler.js';
import { getQueueBoard } from './board-handler.js';
import { callNextTicket } from './call-next.js';
import { checkInAppointment } from './check-in.js';
import { streamBoardEvents, streamServiceEvents } from './event-handlers.js';
import { issueTicket } from './issue-ticket.js';
import { listQueueServices } from './list-services.js';
import { getTicket, listServiceTickets } from './read-tickets.js';
import { transitionTicket } from './transitions.js';

/** The waiting-room queue and booking check-in (`/queue/...`) by operationId. */
export const queueHandlers: Record<string, Handler> = {
  listQueueServices,
  listServiceTickets,
  issueTicket,
  callNextTicket,
  getTicket,
  transitionTicket,
  getQueueBoard,
  streamServiceEvents,
  streamBoardEvents,
  checkInAppointment,
};
