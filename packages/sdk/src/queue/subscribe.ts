import type { EventSourceMessage } from 'eventsource-parser';
import type { ClientContext } from '../client-context.js';
import { errorFromFailure, errorFromResponse } from '../errors/from-response.js';
import type { ShifoError } from '../errors/shifo-error.js';
import { isShifoError } from '../errors/shifo-error.js';
import { sleep } from '../transport/abortable.js';
import { EventCursor } from './event-cursor.js';
import { readEventStream, type StreamOutcome } from './event-stream-connection.js';
import type { QueueBoard, QueueEvent, QueueEventBatch, QueueSnapshotEvent, QueueTicketEvent } from './types.js';

/** What to follow: one queue (staff see who holds each ticket) or a whole waiting room's board. */
export type QueueTarget = { serviceId: string } | { locationId: string };

/**
 * `connecting` (first connection), `open` (the stream delivers), `reconnecting` (it dropped; waiting to try
 * again), `polling` (streaming keeps failing, e.g. behind a proxy that buffers or blocks SSE: the snapshot
 * endpoint is polled, and streaming is tried again now and then), `closed` (by `close()`, the signal, or a
 * refusal reported to `onError`).
 */
export type QueueSubscriptionState = 'connecting' | 'open' | 'reconnecting' | 'polling' | 'closed';

export interface QueueSubscribeOptions {
  /** Each ticket event once, in order (`ticket.called` carries `announce`, the text to read aloud). */
  onEvent?: (event: QueueTicketEvent) => void;
  /** The whole board: replace local state with it (first connection, and after a gap too old to replay). */
  onSnapshot?: (board: QueueBoard, event: QueueSnapshotEvent) => void;
  onStateChange?: (state: QueueSubscriptionState) => void;
  /** The server refused the subscription (401, 403, unknown queue): it is closed. */
  onError?: (error: ShifoError) => void;
  /** Ends the subscription, as `close()` does. */
  signal?: AbortSignal;
  /** Resume after this event id (e.g. a board's `lastEventId` the page already shows). */
  lastEventId?: string;
  /** Longest wait between reconnects; the server's `retry:` is the first wait, doubled per failure (default 30,000). */
  maxReconnectDelayMs?: number;
  /** Failed stream connections in a row before falling back to polling (default 3). */
  pollAfterFailures?: number;
  /** While polling, how often streaming is tried again (default 60,000). */
  streamRetryIntervalMs?: number;
  /** Time for a new stream to deliver its first bytes before it counts as failed (default 10,000). */
  openTimeoutMs?: number;
  /** Silence after which an open stream is taken for dead and reconnected (default 45,000: three keep-alives). */
  idleTimeoutMs?: number;
}

/** A live subscription to a queue's events. */
export interface QueueSubscription {
  readonly state: QueueSubscriptionState;
  /** The id of the last event passed on: what a reconnect sends as `Last-Event-ID`. */
  readonly lastEventId: string | undefined;
  /** Stops streaming and polling, and every timer. */
  close(): void;
  /** Settles once everything has stopped (after `close()`, an abort or a refusal). */
  readonly closed: Promise<void>;
}

/** The server's default `retry:` until it sends one. */
const DEFAULT_RETRY_MS = 3000;
const DEFAULT_POLL_MS = 5000;

function eventsPath(target: QueueTarget): string {
  return 'serviceId' in target
    ? `/queue/services/${encodeURIComponent(target.serviceId)}/events`
    : `/queue/boards/${encodeURIComponent(target.locationId)}/events`;
}

/** Full jitter over the upper half, so a hundred boards cut off together do not reconnect in step. */
function jittered(ms: number): number {
  return ms / 2 + (Math.random() * ms) / 2;
}

/** Calls a subscriber's callback; its exceptions are reported, never allowed to break the subscription. */
function deliver<A extends unknown[]>(callback: ((...args: A) => void) | undefined, ...args: A): void {
  if (!callback) return;
  try {
    callback(...args);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/**
 * Follows a queue live over Server-Sent Events with automatic reconnect (backoff with jitter, honouring the
 * server's `retry:`), `Last-Event-ID` replay so no event is lost or passed on twice, and a polling fallback
 * when streaming fails repeatedly. Works in browsers and Node 20 (fetch streaming, not `EventSource`).
 */
export function subscribeToQueue(
  context: ClientContext,
  target: QueueTarget,
  options: QueueSubscribeOptions = {},
): QueueSubscription {
  const stop = new AbortController();
  const signal = stop.signal;
  const outer = options.signal;
  const onOuterAbort = () => stop.abort(outer?.reason);
  if (outer?.aborted) stop.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });

  const cursor = new EventCursor(options.lastEventId);
  const maxDelay = options.maxReconnectDelayMs ?? 30_000;
  const pollAfter = Math.max(1, options.pollAfterFailures ?? 3);
  const streamRetryInterval = options.streamRetryIntervalMs ?? 60_000;
  const timeouts = { openTimeoutMs: options.openTimeoutMs ?? 10_000, idleTimeoutMs: options.idleTimeoutMs ?? 45_000 };
  const url = context.baseUrl + eventsPath(target);
  let state: QueueSubscriptionState = 'connecting';
  let retryMs = DEFAULT_RETRY_MS;

  const setState = (next: QueueSubscriptionState) => {
    if (state === next) return;
    state = next;
    deliver(options.onStateChange, next);
  };

  const handle = (event: QueueEvent) => {
    if (event.type === 'queue.snapshot') {
      cursor.resetTo(event.board.lastEventId ?? event.id);
      deliver(options.onSnapshot, event.board, event);
    } else if (cursor.accept(event.id)) {
      deliver(options.onEvent, event);
    }
  };

  const onMessage = (message: EventSourceMessage) => {
    let event: QueueEvent;
    try {
      event = JSON.parse(message.data) as QueueEvent;
    } catch {
      return;
    }
    if (typeof event !== 'object' || event === null || typeof event.type !== 'string') return;
    handle({ ...event, id: message.id ?? event.id } as QueueEvent);
  };

  async function requestFor(accept: string, requestSignal: AbortSignal): Promise<Request> {
    const headers = new Headers({ Accept: accept });
    const token = await context.auth.getAccessToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const language = context.locale();
    if (language) headers.set('Accept-Language', language);
    if (cursor.lastEventId !== undefined) headers.set('Last-Event-ID', cursor.lastEventId);
    return new Request(url, { headers, signal: requestSignal });
  }

  function stream(): Promise<StreamOutcome> {
    return readEventStream(
      context.fetch,
      (requestSignal) => requestFor('text/event-stream', requestSignal),
      {
        onOpen: () => setState('open'),
        onMessage,
        onRetry: (ms) => (retryMs = ms),
      },
      timeouts,
      signal,
    );
  }

  /** One poll of the JSON fallback; resolves to the wait the server suggests. Refusals throw. */
  async function poll(): Promise<number> {
    const response = await context.fetch(await requestFor('application/json', signal));
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) throw errorFromResponse(response, body);
    const batch = body as QueueEventBatch;
    for (const event of batch.events) handle(event);
    cursor.advanceTo(batch.lastEventId);
    return batch.retryAfterMs ?? DEFAULT_POLL_MS;
  }

  function isFatal(error: unknown): error is ShifoError {
    return isShifoError(error) && error.status !== undefined && error.status >= 400 && error.status < 500
      ? error.status !== 408 && error.status !== 429
      : false;
  }

  async function run(): Promise<void> {
    let failures = 0;
    let polling = false;
    let nextStreamAttempt = 0;
    while (!signal.aborted) {
      if (!polling) {
        const outcome = await stream();
        if (outcome.kind === 'closed') break;
        if (outcome.kind === 'delivered') failures = 0;
        else failures++;
        if (outcome.kind === 'refused' || failures >= pollAfter) {
          // The poll decides: it works behind a proxy that blocks SSE, and is refused when the server refuses.
          polling = true;
          nextStreamAttempt = Date.now() + streamRetryInterval;
          continue;
        }
        setState('reconnecting');
        await sleep(jittered(Math.min(maxDelay, retryMs * 2 ** Math.max(0, failures - 1))), signal);
        continue;
      }
      setState('polling');
      let wait: number;
      try {
        wait = await poll();
      } catch (error) {
        if (signal.aborted) break;
        const failure = errorFromFailure(error);
        if (isFatal(failure)) {
          deliver(options.onError, failure);
          break;
        }
        wait = Math.min(maxDelay, retryMs);
      }
      if (Date.now() >= nextStreamAttempt) {
        const outcome = await stream();
        if (outcome.kind === 'closed') break;
        if (outcome.kind === 'delivered') {
          // Streaming works again (it has already dropped, too): reconnect as a stream.
          polling = false;
          failures = 0;
          continue;
        }
        nextStreamAttempt = Date.now() + streamRetryInterval;
        continue;
      }
      await sleep(Math.min(wait, Math.max(0, nextStreamAttempt - Date.now())), signal);
    }
  }

  const closed = run()
    .catch((error: unknown) => {
      // A sleep ended by close() rejects with the abort reason: that is how the loop stops.
      if (!signal.aborted && isShifoError(error)) deliver(options.onError, error);
    })
    .finally(() => {
      outer?.removeEventListener('abort', onOuterAbort);
      stop.abort();
      setState('closed');
    });

  return {
    get state() {
      return state;
    },
    get lastEventId() {
      return cursor.lastEventId;
    },
    close: () => stop.abort(),
    closed,
  };
}
