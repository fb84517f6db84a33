/** What a token endpoint granted, with the times the SDK needs (epoch milliseconds). */
export interface TokenSet {
  accessToken: string;
  /** After this the server refuses the token. */
  expiresAt: number;
  /** From this on the token is renewed before use: 60 s before expiry, or half-way for short-lived tokens. */
  renewAt: number;
  refreshToken?: string;
}

/** How early a token is renewed before it expires. */
const renewAheadMs = 60_000;

export function tokenSet(
  granted: { access_token: string; expires_in?: number; refresh_token?: string },
  now: number,
): TokenSet {
  // A grant without `expires_in` lasts until the server refuses it (then a 401 renews it).
  const lifetime = typeof granted.expires_in === 'number' ? granted.expires_in * 1000 : Infinity;
  return {
    accessToken: granted.access_token,
    expiresAt: now + lifetime,
    renewAt: now + lifetime - Math.min(renewAheadMs, lifetime / 2),
    ...(granted.refresh_token ? { refreshToken: granted.refresh_token } : {}),
  };
}

export function isTokenSet(value: unknown): value is TokenSet {
  const candidate = value as Partial<TokenSet> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.accessToken === 'string' &&
    typeof candidate.expiresAt === 'number' &&
    typeof candidate.renewAt === 'number'
  );
}
