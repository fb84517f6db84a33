import { caller, type Handler } from '../handler.js';
import { HttpError } from '../http/http-error.js';
import { idempotent } from '../http/idempotency.js';
import { codedIssue } from '../http/outcome.js';
import { assertMayHandleTicket } from './access.js';
import { advanceAppointment } from './appointment-status.js';
import { tashkentDateTime } from './clock.js';
import type { TicketEventType } from './event-hub.js';
import { WaitingLine } from './queue-order.js';
import { bodyOf } from './request.js';
import { findService, openNow, roomLabel } from './services.js';
import { publishTicketEvent } from './ticket-events.js';
import { issueTicketIn } from './ticket-issuer.js';
import { readTicket, saveTicket, type TicketPriority, type TicketStatus } from './ticket-record.js';
import { audienceFor, ticketView } from './ticket-view.js';

type Action = 'start' | 'complete' | 'recall' | 'no-show' | 'transfer' | 'cancel';

interface TransitionRequest {
  action: Action;
  room: string;
  reason: string;
  targetServiceId: string;
  priority: TicketPriority;
}

/** The ticket state machine (docs/contract.md §10). Anything not listed is 422 `invalid-transition`. */
const MOVES: Record<Action, { from: readonly TicketStatus[]; to: TicketStatus; event: TicketEventType }> = {
  start: { from: ['called'], to: 'in-service', event: 'ticket.started' },
  complete: { from: ['in-service'], to: 'done', event: 'ticket.completed' },
  recall: { from: ['called'], to: 'called', event: 'ticket.recalled' },
  'no-show': { from: ['called'], to: 'no-show', event: 'ticket.no-show' },
  transfer: { from: ['waiting', 'called', 'in-service'], to: 'transferred', event: 'ticket.transferred' },
  cancel: { from: ['waiting', 'called'], to: 'cancelled', event: 'ticket.cancelled' },
};

function refuse(text: string, expression: string): HttpError {
  return new HttpError(422, [codedIssue('business-rule', 'invalid-transition', text, expression)]);
}

/** `POST /queue/tickets/{ticketId}/transitions`: start, complete, recall, no-show, transfer or cancel a ticket. */
export const transitionTicket: Handler = (context) =>
  idempotent(context, () => {
    const principal = caller(context);
    const { state } = context;
    const request = bodyOf<TransitionRequest>(context) as TransitionRequest;
    const ticket = readTicket(state.store, String(context.params.ticketId));
    if (!ticket) throw HttpError.of(404, 'not-found', 'There is no such ticket.');
    assertMayHandleTicket(principal, ticket);
    if (principal.role === 'patient' && request.action !== 'cancel') {
      throw new HttpError(403, [codedIssue('forbidden', 'role-forbidden', 'Patients may only cancel their ticket.')]);
    }
    const move = MOVES[request.action];
    if (!move.from.includes(ticket.status)) {
      throw refuse(`A ${ticket.status} ticket cannot be moved by "${request.action}".`, 'action');
    }
    const now = tashkentDateTime(state.now());
    const terminal = move.to !== 'called' && move.to !== 'in-service';
    const next = { ...ticket, status: move.to, ...(terminal ? { finishedAt: now } : {}) };
    if (request.action === 'start') {
      next.startedAt = now;
      if (request.room) next.room = roomLabel(state, request.room);
    }
    if (request.action === 'recall') {
      next.recallCount = ticket.recallCount + 1;
      // Called again: the board shows it as the latest call.
      next.calledAt = now;
      if (request.room) next.room = roomLabel(state, request.room);
    }
    if (request.action === 'transfer') {
      const target = findService(state, request.targetServiceId);
      if (!target || target.facilityId !== ticket.facilityId || target.id === ticket.serviceId) {
        throw refuse('Transfer to another queue of the same facility.', 'targetServiceId');
      }
      if (!openNow(state, target)) {
        throw new HttpError(422, [
          codedIssue('business-rule', 'service-closed', 'The target queue is closed now.', 'targetServiceId'),
        ]);
      }
      // The patient keeps their priority and their arrival time, so they do not start over at the back.
      const moved = issueTicketIn(state, target, {
        priority: request.priority ?? ticket.priority,
        arrivedAt: ticket.arrivedAt,
        bookedStart: ticket.bookedStart,
        ...(ticket.patient ? { patient: ticket.patient } : {}),
        ...(ticket.appointment ? { appointment: ticket.appointment } : {}),
        transferredFrom: { ticketId: ticket.id, number: ticket.number, serviceId: ticket.serviceId },
      });
      next.transferredTo = { ticketId: moved.id, number: moved.number, serviceId: moved.serviceId };
    }
    const stored = saveTicket(state.store, next);
    publishTicketEvent(state, move.event, stored);
    if (request.action === 'complete')
      advanceAppointment(state, principal, stored.appointment, ['checked-in', 'arrived'], 'fulfilled');
    if (request.action === 'no-show')
      advanceAppointment(state, principal, stored.appointment, ['checked-in', 'arrived'], 'noshow');
    const service = findService(state, stored.serviceId);
    const place = service ? new WaitingLine(state, service).placeOf(stored.id) : undefined;
    return { status: 200, body: ticketView(stored, audienceFor(principal, stored), place) };
  });
