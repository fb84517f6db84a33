import { toAuthProvider, type AuthOption } from '../auth/auth-provider.js';
import { isShifoError, ShifoError } from '../errors/shifo-error.js';
import type { FetchLike } from '../transport/attempt.js';
import { Emitter } from './emitter.js';
import { exclusive } from './exclusive.js';
import type { IntentFailure, NewWriteIntent, SentIntent, WriteIntent } from './intent.js';
import { createReachability, isUnreachable, type Reachability } from './reachability.js';
import { SealedStore } from './sealed-store.js';
import { prepareIntent } from './prepare-intent.js';
import { IntentSender, type IntentSenderOptions } from './send-intent.js';
import { assertIndexedDb, storeNameFor, type OfflineNamespace } from './store-name.js';

export interface OutboxEvents {
  /** An intent was stored. */
  queued: WriteIntent;
  /** The server accepted an intent (or already had it); it is gone from the outbox. */
  sent: SentIntent;
  /** The server refused an intent: it stays, `state: 'failed'`, until `resolve` retries or discards it. */
  failed: { intent: WriteIntent; error: ShifoError };
  /** Anything in the outbox changed (to refresh a "n waiting" badge). */
  changed: undefined;
}

export interface OutboxOptions extends OfflineNamespace {
  baseUrl: string;
  fhirBaseUrl?: string;
  /** The client's transport (retries, refresh on 401), or any fetch. */
  fetch?: FetchLike;
  auth?: AuthOption;
  /** See `IntentSenderOptions.conditionalCreate`; default: ask the CapabilityStatement. */
  conditionalCreate?: boolean;
  /** See `IntentSenderOptions.capabilities`: a client shares its one CapabilityStatement read. */
  capabilities?: IntentSenderOptions['capabilities'];
  /** Shared with the client so real requests feed it; default: a new one probing `GET /fhir/metadata`. */
  reachability?: Reachability;
  /** Flush when an intent is queued and when the server becomes reachable again (default true). */
  autoFlush?: boolean;
}

export interface FlushResult {
  sent: number;
  failed: number;
  /** Intents still waiting (unreachable server, a dependency not yet sent or refused). */
  remaining: number;
}

export interface Outbox {
  readonly reachability: Reachability;
  /** Stores a write (encrypted) before anything is sent; sends it soon when the server is reachable. */
  enqueue(intent: NewWriteIntent): Promise<WriteIntent>;
  /** Everything not yet sent, in replay order, refused ones (`state: 'failed'`) included. */
  pending(): Promise<WriteIntent[]>;
  /** Replays waiting intents in order; one flush at a time across tabs. */
  flush(): Promise<FlushResult>;
  /** The UI's answer to a refused intent: send it again (e.g. after fixing the cause) or drop it. */
  resolve(id: string, action: 'retry' | 'discard'): Promise<void>;
  addEventListener<K extends keyof OutboxEvents>(type: K, listener: (detail: OutboxEvents[K]) => void): () => void;
  removeEventListener<K extends keyof OutboxEvents>(type: K, listener: (detail: OutboxEvents[K]) => void): void;
  /** Deletes the key and every intent (sign-out). */
  wipe(): Promise<void>;
  /** Stops timers and abandons a flush in progress (as a closing tab does); the store is kept. */
  close(): void;
}

/** Intents persisted as `sending` in one IndexedDB transaction before their requests go out. */
const BATCH_SIZE = 100;

function failureOf(error: ShifoError): IntentFailure {
  return {
    kind: error.kind,
    message: error.message,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.outcome ? { outcome: error.outcome } : {}),
  };
}

function byReplayOrder(a: WriteIntent, b: WriteIntent): number {
  return a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function isAbort(failure: unknown): boolean {
  return failure instanceof DOMException && failure.name === 'AbortError';
}

/**
 * An outbox of write intents in IndexedDB (one database per tenant + user, every intent encrypted), replayed in
 * order when the central store can be reached. Each intent is written as `sending` before its request goes out,
 * so after a crash or reload it is re-sent with the same idempotency identity and the server applies it once.
 * A refusal (4xx) parks the intent as `failed` and the flush goes on with intents that do not depend on it; a
 * failure to reach the server stops the flush and keeps the rest for the next one.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  assertIndexedDb('The offline outbox');
  const auth = toAuthProvider(options.auth);
  const sender = new IntentSender({ ...options, auth });
  const emitter = new Emitter<OutboxEvents>();
  const ownsReachability = options.reachability === undefined;
  const reachability = options.reachability ?? createReachability({ baseUrl: options.baseUrl, fetch: options.fetch });
  const autoFlush = options.autoFlush !== false;
  const storeReady = storeNameFor('outbox', options).then((name) => new SealedStore(name));
  let closer = new AbortController();
  let running: Promise<FlushResult> | undefined;
  let again = false;
  let serverRetryTimer: ReturnType<typeof setTimeout> | undefined;
  let serverFailures = 0;

  const changed = () => emitter.emit('changed', undefined);

  async function load(store: SealedStore): Promise<WriteIntent[]> {
    const records = await store.records<undefined>();
    const intents = await Promise.all(
      records.map(([, record]) => store.open<WriteIntent>(record).catch(() => undefined)),
    );
    return intents.filter((intent): intent is WriteIntent => intent !== undefined).sort(byReplayOrder);
  }

  /** After a 5xx/429 the server is reachable but struggling: try again later, backing off (auto flush only). */
  function scheduleServerRetry() {
    if (!autoFlush || closer.signal.aborted) return;
    clearTimeout(serverRetryTimer);
    const wait = Math.min(60_000, 2_000 * 2 ** serverFailures) * (0.5 + Math.random() / 2);
    serverFailures += 1;
    serverRetryTimer = setTimeout(() => void flush().catch(() => undefined), wait);
  }

  /** One pass over the outbox, holding the cross-tab lock. */
  async function flushOnce(signal: AbortSignal): Promise<FlushResult> {
    const store = await storeReady;
    const lockName = `${store.databaseName}-flush`;
    return exclusive(lockName, signal, async () => {
      const intents = await load(store);
      const present = new Set(intents.map((intent) => intent.id));
      const sentNow = new Set<string>();
      const blocked = new Set<string>();
      let sent = 0;
      let failed = 0;
      let stopped = false;

      // A dependency is met when it was sent in this pass or earlier (sent intents leave the store).
      const readiness = (intent: WriteIntent): 'ready' | 'blocked' | 'waiting' => {
        for (const dependency of intent.dependsOn ?? []) {
          if (blocked.has(dependency)) return 'blocked';
          if (present.has(dependency) && !sentNow.has(dependency)) return 'waiting';
        }
        return 'ready';
      };

      const queue = intents.filter((intent) => {
        if (intent.state === 'failed') blocked.add(intent.id);
        return intent.state !== 'failed';
      });
      // Bookkeeping rides along with the next batch's "sending" marks: one IndexedDB commit per batch. An intent
      // sent but not yet deleted when the tab dies is re-sent later, and the server recognises it.
      let sentToDelete: string[] = [];
      let toRewrite: WriteIntent[] = [];
      const commit = async (marks: WriteIntent[]) => {
        const puts = [...toRewrite, ...marks].map((intent) => ({ key: intent.id, value: intent }));
        const hadNews = sentToDelete.length > 0 || toRewrite.some((intent) => intent.state === 'failed');
        await store.commit(puts, sentToDelete);
        sentToDelete = [];
        toRewrite = [];
        if (hadNews) changed();
      };
      for (let start = 0; start < queue.length && !stopped; start += BATCH_SIZE) {
        const batch = queue.slice(start, start + BATCH_SIZE).filter((intent) => readiness(intent) !== 'blocked');
        if (batch.length === 0) continue;
        const attempted = batch.map((intent) => ({
          ...intent,
          attempts: intent.attempts + 1,
          state: 'sending' as const,
        }));
        await commit(attempted);
        for (const [index, intent] of attempted.entries()) {
          if (stopped) {
            toRewrite.push(batch[index]!);
            continue;
          }
          const ready = readiness(intent);
          if (ready !== 'ready') {
            if (ready === 'blocked') blocked.add(intent.id);
            toRewrite.push(batch[index]!);
            continue;
          }
          try {
            const result = await sender.send(intent, signal);
            reachability.report('answered');
            sentNow.add(intent.id);
            sentToDelete.push(intent.id);
            sent += 1;
            emitter.emit('sent', result);
          } catch (failure) {
            if (isAbort(failure) || signal.aborted) throw failure;
            const error = isShifoError(failure)
              ? failure
              : new ShifoError(String(failure), { kind: 'network', retryable: true, cause: failure });
            if (isUnreachable(error)) reachability.report('unreachable');
            else reachability.report('answered');
            if (isUnreachable(error) || error.retryable || error.kind === 'auth' || error.kind === 'server') {
              // Not the intent's fault: keep it (attempted, so a re-sent create searches first) and stop.
              toRewrite.push({ ...intent, state: 'pending' });
              stopped = true;
              if (!isUnreachable(error) && error.kind !== 'auth') scheduleServerRetry();
              continue;
            }
            const parked: WriteIntent = { ...intent, state: 'failed', failure: failureOf(error) };
            toRewrite.push(parked);
            blocked.add(intent.id);
            failed += 1;
            emitter.emit('failed', { intent: parked, error });
          }
        }
      }
      await commit([]);
      if (!stopped) serverFailures = 0;
      const remaining = intents.length - sent;
      return { sent, failed, remaining };
    });
  }

  /** What depended (directly or not) on a discarded intent cannot be sent: it is parked for the UI, not dropped. */
  async function parkDependantsOf(store: SealedStore, discardedId: string): Promise<void> {
    const discarded = new Set([discardedId]);
    const parked: WriteIntent[] = [];
    for (const intent of await load(store)) {
      if (!intent.dependsOn?.some((dependency) => discarded.has(dependency))) continue;
      discarded.add(intent.id);
      if (intent.state === 'failed') continue;
      const failure: IntentFailure = { kind: 'conflict', message: 'A write this one depends on was discarded.' };
      parked.push({ ...intent, state: 'failed', failure });
    }
    await store.putMany(parked.map((intent) => ({ key: intent.id, value: intent })));
    for (const intent of parked) {
      const failure = intent.failure!;
      emitter.emit('failed', { intent, error: new ShifoError(failure.message, { kind: failure.kind }) });
    }
  }

  /** Single flight per instance; a request made while one runs gets one more pass after it. */
  function flush(): Promise<FlushResult> {
    if (running) {
      again = true;
      return running;
    }
    const signal = closer.signal;
    const run = (async () => {
      let total: FlushResult = { sent: 0, failed: 0, remaining: 0 };
      do {
        again = false;
        const pass = await flushOnce(signal);
        total = { sent: total.sent + pass.sent, failed: total.failed + pass.failed, remaining: pass.remaining };
      } while (again && !signal.aborted);
      return total;
    })();
    running = run;
    const clearRunning = () => {
      if (running === run) running = undefined;
    };
    run.then(clearRunning, clearRunning);
    return run;
  }

  const autoFlushNow = () => {
    if (autoFlush && reachability.online && !closer.signal.aborted) void flush().catch(() => undefined);
  };
  const stopListening = reachability.addEventListener('online', autoFlushNow);

  return {
    reachability,

    async enqueue(input) {
      const store = await storeReady;
      const intent = prepareIntent(input);
      await store.put(intent.id, intent, undefined);
      emitter.emit('queued', intent);
      changed();
      autoFlushNow();
      return intent;
    },

    async pending() {
      return load(await storeReady);
    },

    flush,

    async resolve(id, action) {
      const store = await storeReady;
      await exclusive(`${store.databaseName}-flush`, closer.signal, async () => {
        const intent = await store.get<WriteIntent>(id);
        if (!intent) return;
        if (action === 'retry') {
          const { failure: _failure, ...rest } = intent;
          await store.put(id, { ...rest, state: 'pending' }, undefined);
        } else {
          await store.delete([id]);
          await parkDependantsOf(store, id);
        }
      });
      changed();
      if (action === 'retry') autoFlushNow();
    },

    addEventListener: (type, listener) => emitter.addEventListener(type, listener),
    removeEventListener: (type, listener) => emitter.removeEventListener(type, listener),

    async wipe() {
      closer.abort(new DOMException('The outbox was wiped.', 'AbortError'));
      closer = new AbortController();
      await running?.catch(() => undefined);
      await (await storeReady).wipe();
      changed();
    },

    close() {
      closer.abort(new DOMException('The outbox was closed.', 'AbortError'));
      clearTimeout(serverRetryTimer);
      stopListening();
      if (ownsReachability) reachability.close();
    },
  };
}
