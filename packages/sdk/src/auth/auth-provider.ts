/**
 * Where the SDK gets a bearer token. Tokens stay in memory: the SDK never writes one to storage.
 *
 * The simplest provider is a function supplied by the host page, which already has a session:
 * `createShifoClient({ baseUrl, auth: () => myHis.currentToken() })`.
 */
export interface AuthProvider {
  /** A valid access token, or `undefined` for anonymous calls. */
  getAccessToken(): string | undefined | Promise<string | undefined>;
  /** Called once after the server answered 401, before the single retry; drop any cached token here. */
  invalidate?(): void | Promise<void>;
}

export type AuthOption = AuthProvider | (() => string | undefined | Promise<string | undefined>);

export function toAuthProvider(auth: AuthOption | undefined): AuthProvider {
  if (!auth) return { getAccessToken: () => undefined };
  return typeof auth === 'function' ? { getAccessToken: auth } : auth;
}
