import type { Schemas } from '../fhir/types.js';

/** A waiting-room queue (triage, a doctor's cabinet, the laboratory) with its open state and waiting count. */
export type QueueService = Schemas['QueueService'];
/** A queue ticket. Screens show its `number` and `room`, never a name; `patient` is present for staff only. */
export type Ticket = Schemas['Ticket'];
/** `waiting → called → in-service → done`, plus `no-show`, `cancelled`, `transferred`. */
export type TicketStatus = Ticket['status'];
/** Orders the queue before arrival time: `emergency`, then `urgent`, then `normal`. */
export type TicketPriority = Ticket['priority'];
/** What a waiting-room screen shows: numbers and rooms, never names. */
export type QueueBoard = Schemas['QueueBoard'];
/** A change of one ticket (`ticket.issued`, `ticket.called`, ...), as the event stream and polling deliver it. */
export type QueueTicketEvent = Schemas['QueueTicketEvent'];
/** The whole board; replaces local state (first event of a connection, or after a gap too old to replay). */
export type QueueSnapshotEvent = Schemas['QueueSnapshotEvent'];
/** One event of a queue stream. */
export type QueueEvent = Schemas['QueueEvent'];
/** The polling fallback's answer: events after `Last-Event-ID`, or a snapshot. */
export type QueueEventBatch = Schemas['QueueEventBatch'];
/** A move of the ticket state machine that needs no target queue. */
export type SimpleTicketAction = Schemas['SimpleTicketTransition']['action'];
/** Every move of the ticket state machine: `start`, `complete`, `recall`, `no-show`, `cancel`, `transfer`. */
export type TicketAction = SimpleTicketAction | 'transfer';
