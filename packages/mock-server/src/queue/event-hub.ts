import { randomUUID } from 'node:crypto';
import type { ServerState } from '../state.js';
import { tashkentDateTime } from './clock.js';
import type { Language } from '../http/language.js';
import { announcement } from './announcement.js';
import { publicView, type TicketView } from './ticket-view.js';

export type TicketEventType =
  | 'ticket.issued'
  | 'ticket.called'
  | 'ticket.recalled'
  | 'ticket.started'
  | 'ticket.completed'
  | 'ticket.no-show'
  | 'ticket.cancelled'
  | 'ticket.transferred'
  | 'ticket.updated';

/** Event projections: staff service streams see who holds a ticket; everyone else sees numbers and rooms. */
export type EventAudience = 'staff' | 'public';

/** One ticket event as kept in the replay buffer; rendered per audience and language when sent. */
export interface TicketEvent {
  seq: number;
  type: TicketEventType;
  occurredAt: string;
  occurredMs: number;
  locationId: string;
  serviceId: string;
  /** The staff projection at the moment of the event. */
  ticket: TicketView;
  /** Rendered JSON per `audience|language`, so a hundred boards cost one serialisation each. */
  rendered: Map<string, string>;
}

/** The contract's `QueueTicketEvent`. */
export function ticketEventData(event: TicketEvent, audience: EventAudience, language: Language): object {
  const announce =
    (event.type === 'ticket.called' || event.type === 'ticket.recalled') && event.ticket.room
      ? { announce: announcement(event.ticket.number, event.ticket.room, language) }
      : {};
  return {
    id: String(event.seq),
    type: event.type,
    occurredAt: event.occurredAt,
    locationId: event.locationId,
    serviceId: event.serviceId,
    ticket: audience === 'staff' ? event.ticket : publicView(event.ticket),
    ...announce,
  };
}

/** `ticketEventData` as JSON text, serialised once per audience and language. */
export function renderTicketEvent(event: TicketEvent, audience: EventAudience, language: Language): string {
  const key = `${audience}|${language}`;
  let json = event.rendered.get(key);
  if (json === undefined) {
    json = JSON.stringify(ticketEventData(event, audience, language));
    event.rendered.set(key, json);
  }
  return json;
}

/** A live listener (an open event stream) of one location, optionally of one service only. */
export interface Subscriber {
  serviceId?: string;
  deliver(event: TicketEvent): void;
  /** The store was reset: the listener must start over from a fresh snapshot. */
  resync(): void;
}

/** The event log of one location: ids are monotonic per location (docs/contract.md §10). */
class LocationLog {
  /** Id of the last event. */
  seq = 0;
  /** The buffer holds every event after this id; older ids cannot be replayed. */
  floor = 0;
  events: TicketEvent[] = [];
  readonly subscribers = new Set<Subscriber>();
}

const EPOCH_TYPE = 'x-QueueEventEpoch';
const EPOCH_ID = 'queue-events';
/** Replay buffer: the last 1,000 events or one hour, whichever is less (contract). */
export const REPLAY_MAX_EVENTS = 1000;
export const REPLAY_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Live queue events of one server: per-location logs with a bounded replay buffer, and the open streams.
 * Events live in memory only (a restart starts a new log; clients then get a fresh snapshot). The store holds
 * an epoch marker so that a reset of the store (`/__admin/reset`) is noticed: buffers are dropped and open
 * streams resynchronise.
 */
export class QueueHub {
  /** Interval of `: keep-alive` comments on open streams (contract: 15 s); tests shorten it. */
  heartbeatMs = 15_000;
  private readonly logs = new Map<string, LocationLog>();
  private epoch: string | undefined;

  constructor(private readonly state: ServerState) {}

  private log(locationId: string): LocationLog {
    let log = this.logs.get(locationId);
    if (!log) this.logs.set(locationId, (log = new LocationLog()));
    return log;
  }

  /** Notices a store reset. Ids keep increasing across it, so a client's old id can never match a new event. */
  sync(): void {
    const marker = this.state.store.read(EPOCH_TYPE, EPOCH_ID);
    const stored = typeof marker?.epoch === 'string' ? marker.epoch : undefined;
    if (stored !== undefined && (this.epoch === undefined || stored === this.epoch)) {
      this.epoch = stored;
      return;
    }
    const wasReset = this.epoch !== undefined;
    this.epoch = randomUUID();
    this.state.store.put({ resourceType: EPOCH_TYPE, id: EPOCH_ID, epoch: this.epoch });
    if (!wasReset) return;
    for (const log of this.logs.values()) {
      log.events = [];
      log.floor = log.seq;
      for (const subscriber of [...log.subscribers]) subscriber.resync();
    }
  }

  private trim(log: LocationLog): void {
    const oldest = this.state.now().getTime() - REPLAY_MAX_AGE_MS;
    let drop = 0;
    while (
      drop < log.events.length &&
      (log.events.length - drop > REPLAY_MAX_EVENTS || log.events[drop]!.occurredMs < oldest)
    ) {
      drop++;
    }
    if (drop === 0) return;
    log.floor = log.events[drop - 1]!.seq;
    log.events = log.events.slice(drop);
  }

  /** Records an event and sends it to every open stream of its location. */
  publish(type: TicketEventType, ticket: TicketView): TicketEvent {
    this.sync();
    const log = this.log(ticket.locationId);
    const now = this.state.now();
    const event: TicketEvent = {
      seq: ++log.seq,
      type,
      occurredAt: tashkentDateTime(now),
      occurredMs: now.getTime(),
      locationId: ticket.locationId,
      serviceId: ticket.serviceId,
      ticket,
      rendered: new Map(),
    };
    log.events.push(event);
    this.trim(log);
    for (const subscriber of log.subscribers) {
      if (subscriber.serviceId === undefined || subscriber.serviceId === event.serviceId) subscriber.deliver(event);
    }
    return event;
  }

  /** Id of the location's last event (`"0"` before the first): snapshots carry it, so streams resume after it. */
  latestId(locationId: string): string {
    this.sync();
    return String(this.log(locationId).seq);
  }

  /**
   * The events after `lastEventId` (of one service, when given), or undefined when that id cannot be resumed
   * from: absent, malformed, older than the buffer, or from before a restart or reset.
   */
  eventsAfter(locationId: string, lastEventId: unknown, serviceId?: string): TicketEvent[] | undefined {
    this.sync();
    if (typeof lastEventId !== 'string' || !/^\d{1,15}$/.test(lastEventId.trim())) return undefined;
    const after = Number(lastEventId.trim());
    const log = this.log(locationId);
    this.trim(log);
    if (after < log.floor || after > log.seq) return undefined;
    return log.events.filter((e) => e.seq > after && (serviceId === undefined || e.serviceId === serviceId));
  }

  /** Whether tickets were called at the location in the last five minutes (polling hint: 5 s, else 10 s). */
  isActive(locationId: string): boolean {
    const since = this.state.now().getTime() - 5 * 60_000;
    return this.log(locationId).events.some(
      (e) => e.occurredMs >= since && (e.type === 'ticket.called' || e.type === 'ticket.recalled'),
    );
  }

  subscribe(locationId: string, subscriber: Subscriber): () => void {
    const log = this.log(locationId);
    log.subscribers.add(subscriber);
    return () => log.subscribers.delete(subscriber);
  }

  /** Open streams of a location (for tests and diagnostics). */
  subscriberCount(locationId: string): number {
    return this.log(locationId).subscribers.size;
  }
}

const hubs = new WeakMap<ServerState, QueueHub>();

/** The event hub of one server (two servers in one process never share events). */
export function queueHub(state: ServerState): QueueHub {
  let hub = hubs.get(state);
  if (!hub) hubs.set(state, (hub = new QueueHub(state)));
  return hub;
}
