import { randomBytes } from 'node:crypto';
import { AuthorizationCodes } from './authorization-codes.js';
import type { Principal } from './principal.js';

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  principal: Principal;
  /** Only for grants that may be refreshed (authorization code, refresh). */
  refreshToken?: string;
}

export interface IssueOptions {
  ttlSeconds?: number;
  /** Issue a refresh token bound to this OAuth client. */
  refreshFor?: string;
  /** The grant chain (authorization code → refresh → refresh …) this token belongs to, for revocation. */
  family?: string;
}

export type RefreshOutcome =
  | { ok: true; issued: IssuedToken }
  | { ok: false; reason: 'unknown' | 'reused' | 'expired' | 'other-client' | 'scope' };

interface AccessEntry {
  principal: Principal;
  expiresAt: number;
  family: string | undefined;
}

interface RefreshEntry {
  principal: Principal;
  clientId: string;
  expiresAt: number;
  family: string;
}

/** Refresh tokens outlive access tokens by far: a working day's sign-in, whatever `--token-ttl` says. */
const REFRESH_TTL_SECONDS = 24 * 3600;

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Opaque bearer and refresh tokens held in memory. Opaque on purpose: a mock should not tempt clients into reading
 * claims out of tokens; the real DHP issues JWTs, and clients must treat those as opaque too.
 *
 * Refresh tokens rotate: each use answers a new pair and retires the old refresh token. Presenting a retired one
 * again means it leaked (RFC 9700 §4.14.2), so the whole chain it belongs to is revoked.
 */
export class TokenStore {
  private readonly tokens = new Map<string, AccessEntry>();
  private readonly refreshTokens = new Map<string, RefreshEntry>();
  /** Retired refresh tokens → their chain, to recognise a replay. */
  private readonly retired = new Map<string, string>();
  private issuedSinceSweep = 0;
  /** Codes between the sign-in page and the token endpoint. */
  readonly codes: AuthorizationCodes;

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.codes = new AuthorizationCodes(now);
  }

  /** The server's access-token lifetime (`--token-ttl`). */
  get defaultTtlSeconds(): number {
    return this.ttlSeconds;
  }

  issue(principal: Principal, options: IssueOptions | number = {}): IssuedToken {
    const {
      ttlSeconds = this.ttlSeconds,
      refreshFor,
      family,
    } = typeof options === 'number' ? { ttlSeconds: options } : options;
    this.sweepNow();
    const accessToken = newToken();
    const chain = refreshFor ? (family ?? newToken()) : family;
    this.tokens.set(accessToken, { principal, expiresAt: this.now() + ttlSeconds * 1000, family: chain });
    const issued: IssuedToken = { accessToken, expiresIn: ttlSeconds, principal };
    if (refreshFor && chain) {
      const refreshToken = newToken();
      this.refreshTokens.set(refreshToken, {
        principal,
        clientId: refreshFor,
        expiresAt: this.now() + REFRESH_TTL_SECONDS * 1000,
        family: chain,
      });
      issued.refreshToken = refreshToken;
    }
    return issued;
  }

  /** The principal behind a token, or `undefined` when it is unknown, revoked or expired. */
  verify(accessToken: string): Principal | undefined {
    const entry = this.tokens.get(accessToken);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.tokens.delete(accessToken);
      return undefined;
    }
    return entry.principal;
  }

  /**
   * Trades a refresh token for a new access and refresh token (single use). `narrow` may reduce the principal's
   * scopes (the `scope` parameter of a refresh request); when it returns `undefined` (nothing left) the refresh
   * token stays unspent.
   */
  refresh(
    refreshToken: string,
    clientId: string,
    narrow: (principal: Principal) => Principal | undefined = (principal) => principal,
  ): RefreshOutcome {
    const entry = this.refreshTokens.get(refreshToken);
    if (!entry) {
      const family = this.retired.get(refreshToken);
      if (family === undefined) return { ok: false, reason: 'unknown' };
      this.revokeFamily(family);
      return { ok: false, reason: 'reused' };
    }
    if (entry.clientId !== clientId) return { ok: false, reason: 'other-client' };
    if (entry.expiresAt <= this.now()) {
      this.refreshTokens.delete(refreshToken);
      return { ok: false, reason: 'expired' };
    }
    const principal = narrow(entry.principal);
    if (!principal) return { ok: false, reason: 'scope' };
    this.refreshTokens.delete(refreshToken);
    this.retired.set(refreshToken, entry.family);
    return { ok: true, issued: this.issue(principal, { refreshFor: clientId, family: entry.family }) };
  }

  /** Revokes every access and refresh token of one grant chain (a replayed code or refresh token). */
  revokeFamily(family: string): void {
    for (const [token, entry] of this.tokens) if (entry.family === family) this.tokens.delete(token);
    for (const [token, entry] of this.refreshTokens) if (entry.family === family) this.refreshTokens.delete(token);
  }

  clear(): void {
    this.codes.clear();
    this.tokens.clear();
    this.refreshTokens.clear();
    this.retired.clear();
  }

  /** Forgets expired tokens now and then, so a long-running server does not grow without bound. */
  private sweepNow(): void {
    if (++this.issuedSinceSweep < 1000) return;
    this.issuedSinceSweep = 0;
    const now = this.now();
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
    for (const [token, entry] of this.refreshTokens) if (entry.expiresAt <= now) this.refreshTokens.delete(token);
    // Retired tokens are kept as long as a refresh token lives, so a late replay is still recognised.
    if (this.retired.size > 100_000) this.retired.clear();
  }
}
