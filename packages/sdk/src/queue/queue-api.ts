import type { ClientContext } from '../client-context.js';
import type { Schemas } from '../fhir/types.js';
import { unwrap } from '../transport/unwrap.js';
import type { WriteOptions, WriteResult } from '../writes/write-channel.js';
import { writesOf } from '../writes/writes-of.js';
import { languageHeaders } from './language-headers.js';
import { subscribeToQueue, type QueueSubscribeOptions, type QueueSubscription, type QueueTarget } from './subscribe.js';
import type { QueueBoard, QueueService, SimpleTicketAction, Ticket, TicketPriority, TicketStatus } from './types.js';

/** What `issueTicket` takes; all optional: `{}` issues an anonymous normal-priority (kiosk) ticket. */
export interface IssueTicketOptions extends WriteOptions {
  /** The patient's server id (staff only; never shown on boards). */
  patientId?: string;
  /** A booking; prefer `appointments.checkIn`, which also marks the appointment checked in. */
  appointmentId?: string;
  /** Default `normal`. */
  priority?: TicketPriority;
  /** Staff note, not shown on boards. */
  note?: string;
}

/** The result of `issueTicket`: the ticket, or `queued` when offline (a registrar can hand out a paper number). */
export type IssueTicketResult = WriteResult<Ticket>;

/** Details of a `start`, `complete`, `recall`, `no-show` or `cancel`. */
export interface TicketMoveOptions {
  /** For `start`/`recall`: the room, if different from the one that called. */
  room?: string;
  reason?: string;
  signal?: AbortSignal;
}

/** Details of a `transfer`: the queue that receives the patient (they keep their place in time). */
export interface TicketTransferOptions {
  targetServiceId: string;
  /** Priority in the target queue; default: the current one. */
  priority?: TicketPriority;
  reason?: string;
  signal?: AbortSignal;
}

/** The waiting-room queue: services, tickets, calling, the ticket state machine, boards and live events. */
export interface QueueApi {
  /**
   * The queues of a location (or all the caller may see), with open state and waiting counts.
   * @example const services = await shifo.queue.services({ location: 'loc-yunusobod-waiting-room' });
   */
  services(options?: { location?: string; signal?: AbortSignal }): Promise<QueueService[]>;
  /** Today's tickets of a queue in queue order (the desk view); default statuses `waiting`, `called`, `in-service`. */
  tickets(serviceId: string, options?: { status?: TicketStatus[]; signal?: AbortSignal }): Promise<Ticket[]>;
  /** One ticket: state, position and wait estimate (the patient's phone view). */
  ticket(ticketId: string, options?: { signal?: AbortSignal }): Promise<Ticket>;
  /**
   * Issues the queue's next number. Applied once however often it is sent (`Idempotency-Key`); with `offline`
   * configured it may be `queued`. A closed queue throws a ShifoError with `code` `service-closed`.
   * @example const result = await shifo.queue.issueTicket('qs-yunusobod-therapist', { priority: 'urgent' });
   */
  issueTicket(serviceId: string, options?: IssueTicketOptions): Promise<IssueTicketResult>;
  /**
   * Calls the head of the queue to `room`; `undefined` when nobody waits. Never queued offline (the desk waits
   * for the number), and a retried call never calls a second patient.
   * @example const ticket = await shifo.queue.callNext('qs-yunusobod-therapist', '101');
   */
  callNext(serviceId: string, room: string, options?: { signal?: AbortSignal }): Promise<Ticket | undefined>;
  /**
   * Moves a ticket through the state machine: `start` (called → in-service), `complete` (→ done), `recall`
   * (announced again), `no-show`, `cancel`, or `transfer` to another queue. Other moves throw a ShifoError with
   * `code` `invalid-transition`.
   * @example await shifo.queue.transition(ticket.id, 'start');
   */
  transition(ticketId: string, action: SimpleTicketAction, options?: TicketMoveOptions): Promise<Ticket>;
  transition(ticketId: string, action: 'transfer', options: TicketTransferOptions): Promise<Ticket>;
  /** The waiting-room board: numbers and rooms, never names; `lastEventId` continues with `subscribe`. */
  board(locationId: string, options?: { signal?: AbortSignal }): Promise<QueueBoard>;
  /**
   * Follows a queue or a board live (SSE with reconnect, `Last-Event-ID` replay and a polling fallback).
   * @example
   * const live = shifo.queue.subscribe({ locationId: 'loc-yunusobod-waiting-room' }, {
   *   onSnapshot: (board) => render(board),
   *   onEvent: (event) => event.announce && speak(event.announce),
   * });
   * // later: live.close();
   */
  subscribe(target: QueueTarget, options?: QueueSubscribeOptions): QueueSubscription;
}

function reference(type: string, id: string): Schemas['Reference'] {
  return { reference: `${type}/${id}` };
}

export function createQueueApi(context: ClientContext): QueueApi {
  const { api } = context;
  const send = <T>(path: string, body: unknown, options: WriteOptions = {}) =>
    writesOf(context).write<T>({ method: 'POST', path, body, ...languageHeaders(context) }, options);

  async function sentOnly<T>(path: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
    const result = await send<T>(path, body, { whenOffline: 'throw', ...(signal ? { signal } : {}) });
    // `whenOffline: 'throw'` never queues; the check keeps the types honest.
    if (result.status !== 'sent') throw new Error('A write that may not wait offline was queued.');
    return result.resource;
  }

  function transition(
    ticketId: string,
    action: SimpleTicketAction | 'transfer',
    options: TicketMoveOptions | TicketTransferOptions = {},
  ): Promise<Ticket> {
    const { signal, ...details } = options;
    return sentOnly<Ticket>(
      `/queue/tickets/${encodeURIComponent(ticketId)}/transitions`,
      { action, ...details },
      signal,
    );
  }

  return {
    async services(options) {
      const query = options?.location === undefined ? {} : { location: options.location };
      const list = unwrap(await api.GET('/queue/services', { params: { query }, signal: options?.signal }));
      return list.services;
    },
    async tickets(serviceId, options) {
      const query = options?.status === undefined ? {} : { status: options.status };
      const list = unwrap(
        await api.GET('/queue/services/{serviceId}/tickets', {
          params: { path: { serviceId }, query },
          signal: options?.signal,
        }),
      );
      return list.tickets;
    },
    async ticket(ticketId, options) {
      return unwrap(
        await api.GET('/queue/tickets/{ticketId}', { params: { path: { ticketId } }, signal: options?.signal }),
      );
    },
    issueTicket(serviceId, options = {}) {
      const { patientId, appointmentId, priority, note, ...writeOptions } = options;
      const body = {
        ...(priority ? { priority } : {}),
        ...(patientId ? { patient: reference('Patient', patientId) } : {}),
        ...(appointmentId ? { appointment: reference('Appointment', appointmentId) } : {}),
        ...(note ? { note } : {}),
      };
      return send<Ticket>(`/queue/services/${encodeURIComponent(serviceId)}/tickets`, body, writeOptions);
    },
    async callNext(serviceId, room, options) {
      // 204 (nobody waiting) has no body: the resource is undefined.
      return sentOnly<Ticket | undefined>(
        `/queue/services/${encodeURIComponent(serviceId)}/call-next`,
        { room },
        options?.signal,
      );
    },
    transition: transition as QueueApi['transition'],
    async board(locationId, options) {
      return unwrap(
        await api.GET('/queue/boards/{locationId}', { params: { path: { locationId } }, signal: options?.signal }),
      );
    },
    subscribe(target, options) {
      return subscribeToQueue(context, target, options);
    },
  };
}

export type { QueueSubscribeOptions, QueueSubscription, QueueTarget };
