import type { AuthProvider } from '../auth/auth-provider.js';
import { bearerTokenOf, withHeader } from './outgoing.js';
import type { Send } from './with-retries.js';

/**
 * A 401 to a request that carried a token (it expired mid-flight, or was revoked) renews the token once and
 * sends the request once more; a second 401 is the caller's answer. Concurrent 401s share one renewal
 * because the provider renews single-flight and ignores `invalidate` for a token it has already replaced.
 */
export function refreshOn401(send: Send, auth: AuthProvider): Send {
  return async (outgoing, signal) => {
    const response = await send(outgoing, signal);
    const rejected = bearerTokenOf(outgoing.template);
    if (response.status !== 401 || !rejected) return response;
    await auth.invalidate?.(rejected);
    const renewed = await auth.getAccessToken();
    if (!renewed || renewed === rejected) return response;
    return send(withHeader(outgoing, 'Authorization', `Bearer ${renewed}`), signal);
  };
}
