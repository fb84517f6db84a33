import { caller, type Handler } from '../handler.js';
import { idempotent } from '../http/idempotency.js';
import { assertWorksAt } from './access.js';
import { tashkentDateTime } from './clock.js';
import { WaitingLine } from './queue-order.js';
import { requireService, roomLabel } from './services.js';
import { publishTicketEvent } from './ticket-events.js';
import { readTicket, saveTicket } from './ticket-record.js';
import { ticketView } from './ticket-view.js';

/**
 * `POST /queue/services/{serviceId}/call-next`: the head of the line goes to the calling room. Reading the line
 * and storing the called ticket happen in one synchronous step, so two desks calling at once never get the same
 * ticket; `Idempotency-Key` makes a retried call return the same ticket instead of calling another patient.
 */
export const callNextTicket: Handler = (context) =>
  idempotent(context, () => {
    const principal = caller(context);
    const { state } = context;
    const service = requireService(state, String(context.params.serviceId));
    assertWorksAt(principal, service);
    const head = new WaitingLine(state, service).head;
    if (!head) return { status: 204 };
    const ticket = readTicket(state.store, head.id)!;
    const room = roomLabel(state, String((context.body as { room: string }).room));
    const called = saveTicket(state.store, {
      ...ticket,
      status: 'called',
      room,
      calledAt: tashkentDateTime(state.now()),
    });
    publishTicketEvent(state, 'ticket.called', called);
    return { status: 200, body: ticketView(called, 'staff') };
  });
