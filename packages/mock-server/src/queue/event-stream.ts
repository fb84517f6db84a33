import type { HandlerContext, HandlerResult } from '../handler.js';
import { STREAMED } from '../handler.js';
import type { QueueService } from '../seed/types.js';
import type { ServerState } from '../state.js';
import { buildBoard } from './board.js';
import { queueHub, renderTicketEvent, ticketEventData, type EventAudience } from './event-hub.js';
import type { Language } from '../http/language.js';

/** What one stream (or poll) covers and how it is projected. */
export interface StreamScope {
  locationId: string;
  services: readonly QueueService[];
  /** Set for a service stream: only that service's events. */
  serviceId?: string;
  audience: EventAudience;
  language: Language;
}

/** A client that reads slower than events arrive is cut off (it reconnects with `Last-Event-ID`). */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const RETRY_MS = 3000;
const ACTIVE_POLL_MS = 5000;
const IDLE_POLL_MS = 10_000;

/** The `queue.snapshot` event: the board as it is now, with the id of the last event it includes. */
function snapshotEvent(state: ServerState, scope: StreamScope) {
  const board = buildBoard(state, scope.locationId, scope.services, scope.language);
  return {
    id: board.lastEventId ?? '0',
    type: 'queue.snapshot' as const,
    occurredAt: board.generatedAt,
    locationId: scope.locationId,
    ...(scope.serviceId ? { serviceId: scope.serviceId } : {}),
    board,
  };
}

function frame(id: string, type: string, json: string): string {
  return `id: ${id}\nevent: ${type}\ndata: ${json}\n\n`;
}

/** `Accept: application/json` (and not `text/event-stream`) asks for the polling fallback. */
function wantsPolling(context: HandlerContext): boolean {
  const accept = String(context.req.headers.accept ?? '').toLowerCase();
  return !accept.includes('text/event-stream') && accept.includes('application/json');
}

/** The polling fallback: the events after `Last-Event-ID`, or a snapshot when it cannot be resumed from. */
function poll(context: HandlerContext, scope: StreamScope): HandlerResult {
  const hub = queueHub(context.state);
  const missed = hub.eventsAfter(scope.locationId, context.params['Last-Event-ID'], scope.serviceId);
  const events = missed
    ? missed.map((event) => ticketEventData(event, scope.audience, scope.language))
    : [snapshotEvent(context.state, scope)];
  return {
    status: 200,
    body: {
      events,
      lastEventId: hub.latestId(scope.locationId),
      retryAfterMs: hub.isActive(scope.locationId) ? ACTIVE_POLL_MS : IDLE_POLL_MS,
    },
    headers: { 'Content-Language': scope.language },
  };
}

/**
 * Server-Sent Events: `retry:`, then the missed events (or a snapshot), then live events as they happen, with a
 * `: keep-alive` comment so proxies keep the connection. Closing the connection unsubscribes.
 */
function stream(context: HandlerContext, scope: StreamScope): typeof STREAMED {
  const { res, state } = context;
  const hub = queueHub(state);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    // nginx would otherwise buffer the stream.
    'X-Accel-Buffering': 'no',
    'Content-Language': scope.language,
  });
  res.socket?.setNoDelay(true);
  const send = (chunk: string): void => {
    if (res.destroyed || res.writableEnded) return;
    res.write(chunk);
    if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
  };
  const sendSnapshot = (): void => {
    const snapshot = snapshotEvent(state, scope);
    send(frame(snapshot.id, snapshot.type, JSON.stringify(snapshot)));
  };

  send(`retry: ${RETRY_MS}\n\n`);
  // Replay and subscription happen in one synchronous step: no event can fall between them.
  const missed = hub.eventsAfter(scope.locationId, context.params['Last-Event-ID'], scope.serviceId);
  if (missed) {
    for (const event of missed)
      send(frame(String(event.seq), event.type, renderTicketEvent(event, scope.audience, scope.language)));
  } else {
    sendSnapshot();
  }
  const unsubscribe = hub.subscribe(scope.locationId, {
    ...(scope.serviceId ? { serviceId: scope.serviceId } : {}),
    deliver: (event) =>
      send(frame(String(event.seq), event.type, renderTicketEvent(event, scope.audience, scope.language))),
    resync: sendSnapshot,
  });
  const heartbeat = setInterval(() => {
    hub.sync();
    send(': keep-alive\n\n');
  }, hub.heartbeatMs);
  heartbeat.unref();
  res.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
  return STREAMED;
}

/** Answers an events URL: a live stream, or a polling batch for `Accept: application/json`. */
export function serveEvents(context: HandlerContext, scope: StreamScope): HandlerResult | typeof STREAMED {
  return wantsPolling(context) ? poll(context, scope) : stream(context, scope);
}
