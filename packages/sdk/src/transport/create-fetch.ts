import type { AuthProvider } from '../auth/auth-provider.js';
import type { FetchLike } from './attempt.js';
import { outgoingFrom } from './outgoing.js';
import { refreshOn401 } from './refresh-on-401.js';
import { retryPolicy, type RetryOptions } from './retry-policy.js';
import { shareIdenticalGets } from './share-identical.js';
import { withRetries } from './with-retries.js';

export type { FetchLike } from './attempt.js';

export interface TransportOptions {
  /** The fetch that does the sending (default: the global one). */
  fetch?: FetchLike;
  /** Renews the token after a 401 (see `AuthProvider.invalidate`). */
  auth?: AuthProvider;
  /** Retries of requests that are safe to repeat; `false` for none. */
  retry?: RetryOptions | false;
  /** Time allowed for an answer, retries and waits included; 0 for no limit (default 15,000). */
  timeoutMs?: number;
  /** Let identical concurrent GETs share one request (default true). */
  dedupe?: boolean;
}

/**
 * The fetch beneath openapi-fetch: identical GETs shared, a 401 answered by one token renewal and one retry,
 * safe requests retried with backoff, one deadline per request. Every failure to get an answer at all is a
 * ShifoError (`network` / `timeout`), so callers can tell "could not ask" from "was refused"; the caller's own
 * abort rejects with the caller's reason.
 */
export function createTransport(options: TransportOptions = {}): FetchLike {
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  let send = withRetries(fetch, retryPolicy(options.retry), options.timeoutMs ?? 15_000);
  if (options.auth) send = refreshOn401(send, options.auth);
  if (options.dedupe !== false) send = shareIdenticalGets(send);
  return async (request) => send(await outgoingFrom(request), request.signal);
}
