import { ShifoError } from '../errors/shifo-error.js';
import type { FetchLike } from '../transport/attempt.js';
import { randomToken, s256Challenge } from './pkce-challenge.js';
import { requestToken } from './token-endpoint.js';
import { createTokenSource, type RenewingAuthProvider } from './token-source.js';

/** The part of `Storage` the sign-in round trip needs. */
export type RedirectStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface PkceOptions {
  /** The authorization endpoint (mock: `${baseUrl}/oauth/authorize`; on DHP, its SSO's). */
  authorizeUrl: string;
  tokenUrl: string;
  /** A public client (no secret), e.g. `shifo-web`. */
  clientId: string;
  /** Where the server sends the browser back with `code` and `state`; registered for the client. */
  redirectUri: string;
  /** Space-separated scopes, e.g. `openid fhirUser user/*.rs queue`. */
  scope?: string;
  /** Holds the verifier and state during the redirect, and only then (default: `sessionStorage`). */
  storage?: RedirectStorage;
  /** Sends the browser to the sign-in page (default: `location.assign`). */
  navigate?: (url: string) => void;
  fetch?: FetchLike;
  /** Share tokens and renewals with the other tabs of this origin (default true). */
  shareAcrossTabs?: boolean;
}

export interface PkceAuth extends RenewingAuthProvider {
  /** Prepares a sign-in (new verifier and state, kept in `storage`) and returns the authorization URL. */
  authorizationUrl(options?: { loginHint?: string }): Promise<string>;
  /** Prepares a sign-in and sends the browser to the sign-in page. */
  signIn(options?: { loginHint?: string }): Promise<void>;
  /**
   * Completes a sign-in on the redirect page: checks `state`, exchanges the code (with the verifier) for
   * tokens, and forgets verifier and state whatever the result. Refuses with an `auth` ShifoError when the
   * state does not match (a forged or replayed callback) or the server reported an error. Remove `code` and
   * `state` from the address bar afterwards (`history.replaceState`).
   */
  handleCallback(url?: string): Promise<void>;
  readonly signedIn: boolean;
}

interface PendingSignIn {
  state: string;
  verifier: string;
}

function pendingFrom(stored: string | null): Partial<PendingSignIn> | undefined {
  try {
    return stored ? (JSON.parse(stored) as Partial<PendingSignIn>) : undefined;
  } catch {
    return undefined;
  }
}

function refuse(message: string): ShifoError {
  return new ShifoError(message, { kind: 'auth' });
}

/**
 * Sign-in for people in a browser: OAuth 2.0 authorization code with PKCE (`S256`, mandatory on DHP), for a
 * public client. Access and refresh tokens live in memory only, are renewed (single-flight) before they expire,
 * and are shared with the other tabs of the origin, so a new tab does not sign in again.
 */
export function pkce(options: PkceOptions): PkceAuth {
  const storageKey = `shifo.pkce.${options.clientId}`;
  const storage = () => options.storage ?? globalThis.sessionStorage;
  const source = createTokenSource({
    shareAs: options.shareAcrossTabs === false ? undefined : `shifo.auth ${options.tokenUrl} ${options.clientId}`,
    obtain: async (current) =>
      current?.refreshToken
        ? requestToken({
            tokenUrl: options.tokenUrl,
            fetch: options.fetch,
            form: { grant_type: 'refresh_token', refresh_token: current.refreshToken, client_id: options.clientId },
          })
        : undefined,
  });

  async function authorizationUrl(hints?: { loginHint?: string }): Promise<string> {
    const pending: PendingSignIn = { state: randomToken(16), verifier: randomToken(32) };
    storage().setItem(storageKey, JSON.stringify(pending));
    const url = new URL(options.authorizeUrl);
    const query = {
      response_type: 'code',
      client_id: options.clientId,
      redirect_uri: options.redirectUri,
      scope: options.scope,
      state: pending.state,
      code_challenge: await s256Challenge(pending.verifier),
      code_challenge_method: 'S256',
      login_hint: hints?.loginHint,
    };
    for (const [name, value] of Object.entries(query)) if (value) url.searchParams.set(name, value);
    return url.href;
  }

  return {
    getAccessToken: source.getAccessToken,
    invalidate: source.invalidate,
    signOut: source.signOut,
    get signedIn() {
      return source.signedIn;
    },
    authorizationUrl,
    async signIn(hints) {
      const url = await authorizationUrl(hints);
      (options.navigate ?? ((target: string) => globalThis.location.assign(target)))(url);
    },
    async handleCallback(url = globalThis.location.href) {
      const params = new URL(url).searchParams;
      const stored = storage().getItem(storageKey);
      // One round trip, one use: whatever happens next, the verifier and state are gone.
      storage().removeItem(storageKey);
      const pending = pendingFrom(stored);
      if (!pending?.state || !pending.verifier || params.get('state') !== pending.state) {
        throw refuse('Sign-in refused: the callback does not belong to a sign-in started here (state mismatch).');
      }
      const error = params.get('error');
      if (error) throw refuse(`Sign-in failed: ${params.get('error_description') ?? error}`);
      const code = params.get('code');
      if (!code) throw refuse('Sign-in failed: the callback carries no code.');
      source.accept(
        await requestToken({
          tokenUrl: options.tokenUrl,
          fetch: options.fetch,
          form: {
            grant_type: 'authorization_code',
            code,
            redirect_uri: options.redirectUri,
            code_verifier: pending.verifier,
            client_id: options.clientId,
          },
        }),
      );
    },
  };
}
