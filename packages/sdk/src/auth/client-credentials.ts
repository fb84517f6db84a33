import type { FetchLike } from '../transport/attempt.js';
import { requestToken } from './token-endpoint.js';
import { createTokenSource, type RenewingAuthProvider } from './token-source.js';

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /**
   * How the client authenticates: `'post'` puts id and secret in the form (`client_secret_post`, as DHP's IG
   * shows; the default), `'basic'` sends HTTP Basic (`client_secret_basic`, as a DHP-connected client does).
   */
  method?: 'basic' | 'post';
  /** Space-separated scopes, e.g. `system/*.rs system/MedicationRequest.c queue`. */
  scope?: string;
  fetch?: FetchLike;
}

function isBrowser(): boolean {
  return typeof window !== 'undefined' || typeof document !== 'undefined' || 'WorkerGlobalScope' in globalThis;
}

/** RFC 6749 §2.3.1: each part form-urlencoded, then `id:secret` in base64. */
function basicCredentials(clientId: string, clientSecret: string): string {
  const encode = (part: string) => encodeURIComponent(part).replace(/%20/g, '+');
  return `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
}

/**
 * Tokens for a hospital back end (OAuth 2.0 `client_credentials`). Node only: a client secret must never be
 * shipped to a browser, so this refuses to run where `window` or `document` exist. Tokens are kept in memory
 * and fetched again (single-flight) shortly before they expire; there is no refresh token in this grant.
 */
export function clientCredentials(options: ClientCredentialsOptions): RenewingAuthProvider {
  if (isBrowser()) {
    throw new Error(
      'clientCredentials() runs only on a server: a client secret must never reach a browser. ' +
        'In a browser use pkce() or a token supplied by the host page.',
    );
  }
  const basic = options.method === 'basic';
  const { getAccessToken, invalidate, signOut } = createTokenSource({
    obtain: () =>
      requestToken({
        tokenUrl: options.tokenUrl,
        fetch: options.fetch,
        form: {
          grant_type: 'client_credentials',
          scope: options.scope,
          client_id: basic ? undefined : options.clientId,
          client_secret: basic ? undefined : options.clientSecret,
        },
        headers: basic ? { Authorization: basicCredentials(options.clientId, options.clientSecret) } : undefined,
      }),
  });
  return { getAccessToken, invalidate, signOut };
}
