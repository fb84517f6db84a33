import { randomBytes } from 'node:crypto';
import type { Principal } from './principal.js';

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  principal: Principal;
}

/**
 * Opaque bearer tokens held in memory. Opaque on purpose: a mock should not tempt clients into reading
 * claims out of tokens; the real DHP issues JWTs, and clients must treat those as opaque too.
 */
export class TokenStore {
  private readonly tokens = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(principal: Principal, ttlSeconds = this.ttlSeconds): IssuedToken {
    const accessToken = randomBytes(32).toString('base64url');
    this.tokens.set(accessToken, { principal, expiresAt: this.now() + ttlSeconds * 1000 });
    return { accessToken, expiresIn: ttlSeconds, principal };
  }

  /** The principal behind a token, or `undefined` when it is unknown or expired. */
  verify(accessToken: string): Principal | undefined {
    const entry = this.tokens.get(accessToken);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.tokens.delete(accessToken);
      return undefined;
    }
    return entry.principal;
  }

  clear(): void {
    this.tokens.clear();
  }
}
