import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { errorFromFailure, errorFromResponse } from '../errors/from-response.js';
import type { ShifoError } from '../errors/shifo-error.js';
import type { FetchLike } from '../transport/attempt.js';
import { isEventStream } from '../transport/outgoing.js';

/** How one connection to an event stream ended. */
export type StreamOutcome =
  /** The stream opened and delivered data, then ended or dropped: reconnect soon. */
  | { kind: 'delivered' }
  /** It never delivered: network failure, 5xx, not an event stream, or nothing arrived in time (a buffering proxy). */
  | { kind: 'failed'; error?: unknown }
  /** The server (or something in between) refused it: 4xx. Polling may still work behind a proxy that blocks SSE. */
  | { kind: 'refused'; error: ShifoError }
  /** The subscriber closed it. */
  | { kind: 'closed' };

export interface StreamHandlers {
  /** The first bytes arrived: the stream is live. */
  onOpen(): void;
  onMessage(message: EventSourceMessage): void;
  /** The server's `retry:` field (ms). */
  onRetry(ms: number): void;
}

export interface StreamTimeouts {
  /** Time for the headers and the first bytes (the server sends `retry:` at once; a buffering proxy sends nothing). */
  openTimeoutMs: number;
  /** Silence after which the connection is taken for dead (the server sends `: keep-alive` every 15 s). */
  idleTimeoutMs: number;
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

/**
 * `promise`, or the abort reason as soon as `signal` aborts. Unlike a bare `await`, a read or a fetch that never
 * settles after an abort cannot hold the subscription; the losing promise is always handled.
 */
function raced<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** 4xx answers other than 408 and 429 will not change by trying the stream again. */
function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Opens one Server-Sent Events connection through `fetch` (so `Authorization` is sent; `EventSource` cannot) and
 * reads it until it ends, fails, goes silent for too long, or `signal` aborts. Never throws.
 */
export async function readEventStream(
  fetch: FetchLike,
  makeRequest: (signal: AbortSignal) => Promise<Request>,
  handlers: StreamHandlers,
  timeouts: StreamTimeouts,
  signal: AbortSignal,
): Promise<StreamOutcome> {
  const connection = new AbortController();
  const follow = () => connection.abort(signal.reason);
  signal.addEventListener('abort', follow, { once: true });
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(
      () => connection.abort(new DOMException('The event stream went silent.', 'TimeoutError')),
      ms,
    );
  };
  let delivered = false;
  try {
    if (signal.aborted) return { kind: 'closed' };
    arm(timeouts.openTimeoutMs);
    const request = await makeRequest(connection.signal);
    const response = await raced(fetch(request), connection.signal);
    if (!response.ok) {
      const error = errorFromResponse(response, await bodyOf(response));
      return isRefusal(response.status) ? { kind: 'refused', error } : { kind: 'failed', error };
    }
    if (!isEventStream(response) || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'failed' };
    }
    const parser = createParser({ onEvent: handlers.onMessage, onRetry: handlers.onRetry });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    connection.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
    for (;;) {
      const { done, value } = await raced(reader.read(), connection.signal);
      if (done) break;
      if (!delivered) {
        delivered = true;
        handlers.onOpen();
      }
      arm(timeouts.idleTimeoutMs);
      parser.feed(value);
    }
    return delivered ? { kind: 'delivered' } : { kind: 'failed' };
  } catch (failure) {
    if (signal.aborted) return { kind: 'closed' };
    return delivered ? { kind: 'delivered' } : { kind: 'failed', error: errorFromFailure(failure) };
  } finally {
    clearTimeout(watchdog);
    signal.removeEventListener('abort', follow);
    // Releases the socket whichever way the stream ended.
    connection.abort();
  }
}
