import { isShifoError } from '../errors/shifo-error.js';
import type { FetchLike } from '../transport/attempt.js';
import { Emitter } from './emitter.js';

export interface ReachabilityEvents {
  online: undefined;
  offline: undefined;
}

export interface ReachabilityOptions {
  /**
   * Asks the server whether it answers (default: `GET <baseUrl>/fhir/metadata` through `fetch`). Any answer,
   * even an error status, means reachable; a thrown failure means not.
   */
  probe?: () => Promise<unknown>;
  baseUrl?: string;
  fetch?: FetchLike;
  /** First wait before probing after a failure (default 1,000 ms); doubles up to `maxDelayMs` (default 30,000). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface Reachability {
  /** Whether the last real request or probe got an answer. Starts optimistic. */
  readonly online: boolean;
  /** Feed a request's outcome: an answer (any HTTP status) or a failure to get one. */
  report(outcome: 'answered' | 'unreachable'): void;
  /** Probe now (e.g. the UI's "try again" button); resolves to the new state. */
  check(): Promise<boolean>;
  addEventListener<K extends keyof ReachabilityEvents>(
    type: K,
    listener: (detail: ReachabilityEvents[K]) => void,
  ): () => void;
  removeEventListener<K extends keyof ReachabilityEvents>(
    type: K,
    listener: (detail: ReachabilityEvents[K]) => void,
  ): void;
  /** Stops probing and listening to the browser. */
  close(): void;
}

/** Whether a failure means "could not reach the server" rather than "the server refused". */
export function isUnreachable(failure: unknown): boolean {
  if (isShifoError(failure))
    return failure.kind === 'network' || failure.kind === 'timeout' || failure.kind === 'offline';
  return failure instanceof TypeError;
}

/**
 * Whether the central store can be reached, judged from real request outcomes and, while it cannot, from a probe
 * repeated with exponential backoff and full jitter. `navigator.onLine` is only a hint: `offline` from the
 * browser makes no decision (a LAN with no route to the store still says online), `online` triggers a probe.
 */
export function createReachability(options: ReachabilityOptions = {}): Reachability {
  const emitter = new Emitter<ReachabilityEvents>();
  const minDelay = options.minDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const probe =
    options.probe ??
    (() => fetch(new Request(`${(options.baseUrl ?? '').replace(/\/+$/, '')}/fhir/metadata`, { method: 'GET' })));
  let online = true;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const setOnline = (value: boolean) => {
    if (value === online) return;
    online = value;
    emitter.emit(value ? 'online' : 'offline', undefined);
  };

  const schedule = () => {
    if (closed || online || timer !== undefined) return;
    const bound = Math.min(maxDelay, minDelay * 2 ** Math.min(failures, 20));
    const wait = bound / 2 + Math.random() * (bound / 2);
    timer = setTimeout(() => {
      timer = undefined;
      void check();
    }, wait);
  };

  const report = (outcome: 'answered' | 'unreachable') => {
    if (outcome === 'answered') {
      failures = 0;
      clearTimeout(timer);
      timer = undefined;
      setOnline(true);
    } else {
      failures += 1;
      setOnline(false);
      schedule();
    }
  };

  const check = async (): Promise<boolean> => {
    try {
      await probe();
      report('answered');
    } catch (failure) {
      report(isUnreachable(failure) ? 'unreachable' : 'answered');
    }
    return online;
  };

  const onBrowserOnline = () => {
    if (!online) void check();
  };
  globalThis.addEventListener?.('online', onBrowserOnline);

  return {
    get online() {
      return online;
    },
    report,
    check,
    addEventListener: (type, listener) => emitter.addEventListener(type, listener),
    removeEventListener: (type, listener) => emitter.removeEventListener(type, listener),
    close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      globalThis.removeEventListener?.('online', onBrowserOnline);
    },
  };
}

/** Wraps a fetch so every request's outcome feeds `reachability` (the client's transport, for example). */
export function observeReachability(fetch: FetchLike, reachability: Reachability): FetchLike {
  return async (request) => {
    try {
      const response = await fetch(request);
      reachability.report('answered');
      return response;
    } catch (failure) {
      if (isUnreachable(failure)) reachability.report('unreachable');
      throw failure;
    }
  };
}
