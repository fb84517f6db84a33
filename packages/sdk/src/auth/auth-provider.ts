/**
 * Where the SDK gets a bearer token. Tokens stay in memory: the SDK never writes one to storage.
 *
 * The simplest provider is a function supplied by the host page, which already has a session:
 * `createShifoClient({ baseUrl, auth: () => myHis.currentToken() })`. `clientCredentials()` (Node) and
 * `pkce()` (browsers) are providers that obtain and renew tokens themselves.
 */
export interface AuthProvider {
  /** A valid access token, or `undefined` for anonymous calls. */
  getAccessToken(): string | undefined | Promise<string | undefined>;
  /**
   * Called after the server answered 401 to `rejectedToken`, before the single retry: stop handing out that
   * token. A provider ignores a token it has already replaced, so concurrent 401s cause one renewal.
   */
  invalidate?(rejectedToken: string): void | Promise<void>;
  /** Forgets every token. */
  signOut?(): void | Promise<void>;
}

export type AuthOption = AuthProvider | (() => string | undefined | Promise<string | undefined>);

export function toAuthProvider(auth: AuthOption | undefined): AuthProvider {
  if (!auth) return { getAccessToken: () => undefined };
  return typeof auth === 'function' ? { getAccessToken: auth } : auth;
}
