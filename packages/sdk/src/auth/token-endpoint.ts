import { errorFromFailure } from '../errors/from-response.js';
import { ShifoError } from '../errors/shifo-error.js';
import type { FetchLike } from '../transport/attempt.js';
import { tokenSet, type TokenSet } from './token-set.js';

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
  refresh_token?: unknown;
  error?: unknown;
  error_description?: unknown;
}

export interface TokenRequest {
  tokenUrl: string;
  form: Record<string, string | undefined>;
  headers?: Record<string, string>;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/**
 * POSTs a grant to an OAuth token endpoint. A refusal (RFC 6749 error JSON, not an OperationOutcome) becomes
 * an `auth` ShifoError carrying the endpoint's `error_description`; a failure to reach it `network`/`timeout`.
 */
export async function requestToken(request: TokenRequest): Promise<TokenSet> {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(request.form)) if (value !== undefined) form.set(name, value);
  const fetch = request.fetch ?? ((outgoing: Request) => globalThis.fetch(outgoing));
  let response: Response;
  let granted: TokenResponse | undefined;
  try {
    response = await fetch(
      new Request(request.tokenUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          ...request.headers,
        },
        body: form.toString(),
        cache: 'no-store',
        signal: AbortSignal.timeout(request.timeoutMs ?? 15_000),
      }),
    );
    granted = (await response.json().catch(() => undefined)) as TokenResponse | undefined;
  } catch (failure) {
    throw errorFromFailure(failure);
  }
  if (response.ok && typeof granted?.access_token === 'string') {
    return tokenSet(
      {
        access_token: granted.access_token,
        expires_in: typeof granted.expires_in === 'number' ? granted.expires_in : undefined,
        refresh_token: typeof granted.refresh_token === 'string' ? granted.refresh_token : undefined,
      },
      Date.now(),
    );
  }
  const status = response.status;
  const transient = status >= 500 || status === 429;
  const reason = [granted?.error, granted?.error_description].filter((part) => typeof part === 'string').join(': ');
  throw new ShifoError(`The token endpoint refused: ${reason || status}`, {
    kind: transient ? 'server' : 'auth',
    status,
    retryable: transient,
  });
}
