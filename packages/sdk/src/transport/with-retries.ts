import { errorFromFailure } from '../errors/from-response.js';
import { ShifoError } from '../errors/shifo-error.js';
import { sleep } from './abortable.js';
import { attempt, type FetchLike } from './attempt.js';
import type { Outgoing } from './outgoing.js';
import { backoffMs, isRetryableStatus, isSafeToRetry, retryAfterMs, type RetryPolicy } from './retry-policy.js';

export type Send = (outgoing: Outgoing, signal: AbortSignal) => Promise<Response>;

/**
 * Sends a request within `timeoutMs` (for all attempts and waits together; 0 for none), retrying a request
 * that is safe to repeat after a network failure or a 408/429/502/503/504, with full-jitter backoff or the
 * server's `Retry-After`. When the budget runs out, the last answer (or failure) is what the caller gets.
 */
export function withRetries(fetch: FetchLike, policy: RetryPolicy, timeoutMs: number): Send {
  return async (outgoing, signal) => {
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
    const safe = isSafeToRetry(outgoing.template);
    for (let tries = 1; ; tries++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await attempt(fetch, outgoing, signal, deadline);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        failure = errorFromFailure(error);
        // The deadline has passed: there is no time left for another attempt.
        if (failure instanceof ShifoError && failure.kind === 'timeout') throw failure;
      }
      const again = safe && tries < policy.attempts && (response ? isRetryableStatus(response.status) : true);
      const asked = response && retryAfterMs(response);
      const wait = asked ?? backoffMs(tries, policy);
      if (!again || wait > policy.capMs || Date.now() + wait >= deadline) {
        if (response) return response;
        throw failure;
      }
      await sleep(wait, signal);
    }
  };
}
