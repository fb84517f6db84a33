import type { AuthProvider } from './auth-provider.js';
import { tabSync } from './tab-sync.js';
import type { TokenSet } from './token-set.js';

export interface TokenSourceOptions {
  /**
   * Gets a new token set: with a refresh token where `current` has one, otherwise by the provider's own grant.
   * `undefined` means "not signed in".
   */
  obtain(current: TokenSet | undefined): Promise<TokenSet | undefined>;
  /** Share tokens and renewals with the other tabs of this origin under this name. */
  shareAs?: string;
}

/** A provider that obtains and renews its own tokens (`clientCredentials()`, `pkce()`). */
export interface RenewingAuthProvider extends Required<AuthProvider> {
  getAccessToken(): Promise<string | undefined>;
  /** Forgets the tokens, here and in the other tabs. */
  signOut(): void;
}

/** A renewing provider plus what the sign-in flows need. */
export interface TokenSource extends RenewingAuthProvider {
  /** Stores a token set just granted (sign-in) and tells the other tabs. */
  accept(tokens: TokenSet): void;
  readonly signedIn: boolean;
}

/**
 * Keeps one token set in memory and renews it shortly before it expires. Renewal is single-flight: however
 * many requests need a token at once, one renewal runs and all of them wait for it; across tabs, one tab
 * renews and the others receive the result.
 */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  let tokens: TokenSet | undefined;
  let renewal: Promise<TokenSet | undefined> | undefined;
  let askedOtherTabs = false;
  // Bumped by signOut(), so a renewal that was under way when the user signed out is thrown away.
  let session = 0;
  const fresh = (set: TokenSet | undefined): boolean => !!set && Date.now() < set.renewAt;

  const sync = options.shareAs
    ? tabSync(
        options.shareAs,
        () => tokens,
        (received) => {
          // A sign-out elsewhere signs this tab out too. Of two token sets keep the newer, and never take back
          // the token this tab holds (perhaps refused already) from a late reply.
          if (!received) {
            session++;
            tokens = undefined;
            return;
          }
          if (received.accessToken === tokens?.accessToken) return;
          if (!tokens || received.expiresAt >= tokens.expiresAt) tokens = received;
        },
      )
    : undefined;

  async function renew(): Promise<TokenSet | undefined> {
    if (!tokens && sync && !askedOtherTabs) {
      askedOtherTabs = true;
      await sync.ask(200);
      if (fresh(tokens)) return tokens;
    }
    const run = async (contended: boolean) => {
      // Another tab held the lock: it has probably renewed; its broadcast may still be on the way, so ask.
      if (contended && sync && !fresh(tokens)) await sync.ask(250);
      if (fresh(tokens)) return tokens;
      const started = session;
      const renewed = await options.obtain(tokens);
      if (started !== session) return undefined;
      tokens = renewed;
      // Only news travels: a tab that got nothing (not signed in here, or the signed-in tab answered late) must not
      // tell the others "signed out".
      if (renewed) sync?.publish(renewed);
      return renewed;
    };
    return sync ? sync.exclusive(run) : run(false);
  }

  return {
    async getAccessToken() {
      if (fresh(tokens)) return tokens?.accessToken;
      renewal ??= renew().finally(() => (renewal = undefined));
      try {
        return (await renewal)?.accessToken;
      } catch (failure) {
        // Renewal failed (network, endpoint down) but the token has not expired yet: keep using it.
        if (tokens && Date.now() < tokens.expiresAt) return tokens.accessToken;
        throw failure;
      }
    },
    invalidate(rejectedToken) {
      // Keep the refresh token; only force the next getAccessToken() to renew.
      if (tokens?.accessToken === rejectedToken) tokens = { ...tokens, renewAt: 0, expiresAt: 0 };
    },
    accept(granted) {
      tokens = granted;
      sync?.publish(granted);
    },
    signOut() {
      session++;
      tokens = undefined;
      sync?.publish(undefined);
    },
    get signedIn() {
      return tokens !== undefined;
    },
  };
}
