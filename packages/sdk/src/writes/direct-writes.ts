import { isUnreachable } from '../offline/reachability.js';
import { prepareIntent } from '../offline/prepare-intent.js';
import type { IntentSender } from '../offline/send-intent.js';
import type { WriteChannel } from './write-channel.js';

export interface DirectWritesOptions {
  /** Sends of one write in all while the server cannot be reached (default 3). */
  attempts?: number;
  /** First wait between sends (default 500 ms), doubled each time, with full jitter. */
  baseDelayMs?: number;
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

/**
 * Writes sent at once (no outbox). A write whose answer was lost is sent again with the same identity: a FHIR
 * create with its request id (conditional create, or a search for it first where the server has none), a queue or
 * feedback write with its `Idempotency-Key`, so a retry never makes a second prescription or ticket.
 */
export function createDirectWrites(sender: IntentSender, options: DirectWritesOptions = {}): WriteChannel {
  const attempts = options.attempts ?? 3;
  const baseDelay = options.baseDelayMs ?? 500;
  return {
    async write<T>(input: Parameters<WriteChannel['write']>[0], writeOptions?: Parameters<WriteChannel['write']>[1]) {
      const intent = prepareIntent(input);
      const signal = writeOptions?.signal ?? new AbortController().signal;
      for (let attempt = 1; ; attempt += 1) {
        try {
          const sent = await sender.send({ ...intent, attempts: attempt }, signal);
          return { status: 'sent' as const, resource: sent.body as T, replayed: sent.replayed, intentId: intent.id };
        } catch (failure) {
          if (!isUnreachable(failure) || attempt >= attempts || signal.aborted) throw failure;
          await wait(Math.random() * baseDelay * 2 ** (attempt - 1), writeOptions?.signal);
        }
      }
    },
  };
}
