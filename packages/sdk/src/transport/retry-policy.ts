import { retryableStatuses } from '../errors/from-response.js';

export interface RetryOptions {
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** Backoff base: the n-th retry waits a random time up to `baseMs * 2^(n-1)` (default 250). */
  baseMs?: number;
  /**
   * Upper bound of one wait (default 10,000). A server asking for a longer wait (`Retry-After`) gets no retry:
   * its answer is returned as it is.
   */
  capMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { attempts: 1, baseMs: 0, capMs: 0 };
  return { attempts: options?.attempts ?? 4, baseMs: options?.baseMs ?? 250, capMs: options?.capMs ?? 10_000 };
}

/**
 * Whether sending this request twice has the same effect as sending it once: reads, FHIR searches by POST,
 * updates guarded by `If-Match` (a repeat is refused as stale, never applied twice), conditional creates
 * (`If-None-Exist`, e.g. on Shifo's `urn:shifo:request-id` identifier) and writes carrying an `Idempotency-Key`.
 * A plain create is never repeated automatically: the server may already have made it.
 */
export function isSafeToRetry(request: Request): boolean {
  const { method, headers } = request;
  if (method === 'GET' || method === 'HEAD' || headers.has('Idempotency-Key')) return true;
  if (method === 'PUT') return headers.has('If-Match');
  if (method === 'POST') return new URL(request.url).pathname.endsWith('/_search') || headers.has('If-None-Exist');
  return false;
}

export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status);
}

/** "Full jitter": a uniformly random wait up to the exponential bound, so many clients do not retry in step. */
export function backoffMs(retry: number, policy: RetryPolicy): number {
  return Math.random() * Math.min(policy.capMs, policy.baseMs * 2 ** (retry - 1));
}

/** The wait a 429/503 asks for (`Retry-After` in seconds or as an HTTP date), or `undefined`. */
export function retryAfterMs(response: Response, now = Date.now()): number | undefined {
  const value = response.headers.get('Retry-After')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
