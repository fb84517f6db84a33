import { randomBytes } from 'node:crypto';
import type { Principal } from './principal.js';

export interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  /** The signed-in user, with the scopes granted to this client. */
  principal: Principal;
  expiresAt: number;
}

export type CodeRedemption =
  | { ok: true; authorization: PendingAuthorization; family: string }
  | { ok: false; reason: 'unknown' | 'expired'; family?: undefined }
  | { ok: false; reason: 'reused'; family: string | undefined };

/** Authorization codes live one minute (RFC 6749 §4.1.2 recommends at most ten). */
const CODE_TTL_SECONDS = 60;

/**
 * Authorization codes between the sign-in page and the token endpoint: short-lived and single-use. A code is spent
 * on its first redemption, even a failed one (a wrong verifier must not be retried against it); a second
 * redemption reports `reused` with the grant chain it started, so the tokens issued from it can be revoked
 * (RFC 6749 §4.1.2).
 */
export class AuthorizationCodes {
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly spent = new Map<string, string | undefined>();

  constructor(private readonly now: () => number = Date.now) {}

  create(authorization: Omit<PendingAuthorization, 'expiresAt'>): string {
    const code = randomBytes(24).toString('base64url');
    this.pending.set(code, { ...authorization, expiresAt: this.now() + CODE_TTL_SECONDS * 1000 });
    this.forgetExpired();
    return code;
  }

  /** Spends a code. `family` names the grant chain its tokens will belong to. */
  redeem(code: string): CodeRedemption {
    const authorization = this.pending.get(code);
    if (!authorization) {
      return this.spent.has(code)
        ? { ok: false, reason: 'reused', family: this.spent.get(code) }
        : { ok: false, reason: 'unknown' };
    }
    this.pending.delete(code);
    const family = randomBytes(16).toString('base64url');
    this.spent.set(code, family);
    if (authorization.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, authorization, family };
  }

  clear(): void {
    this.pending.clear();
    this.spent.clear();
  }

  private forgetExpired(): void {
    if (this.pending.size < 1000) return;
    const now = this.now();
    for (const [code, authorization] of this.pending) if (authorization.expiresAt <= now) this.pending.delete(code);
    if (this.spent.size > 100_000) this.spent.clear();
  }
}
