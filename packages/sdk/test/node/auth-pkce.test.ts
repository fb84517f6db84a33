import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { pkce, type PkceAuth, type RedirectStorage } from '../../src/index.js';
import type { LockManagerLike } from '../../src/auth/tab-sync.js';
import { delay, startHostileServer, type HostileServer } from './support/hostile-server.js';
import { createTokenServer, type TokenServer } from './support/token-server.js';
import { refusal } from './support/refusal.js';

/** sessionStorage stand-in that shows what was written. */
function memoryStorage(): RedirectStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** The Web Locks API as a browser gives it, reduced to what the SDK uses. */
function fakeLocks(): LockManagerLike & { requests: number } {
  const queues = new Map<string, (() => void)[]>();
  const held = new Set<string>();
  const manager = {
    requests: 0,
    async request<T>(
      name: string,
      optionsOrCallback: { ifAvailable: true } | ((lock: unknown) => Promise<T>),
      maybeCallback?: (lock: unknown) => Promise<T>,
    ): Promise<T> {
      manager.requests++;
      const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback!;
      if (held.has(name)) {
        if (typeof optionsOrCallback === 'object') return callback(null);
        await new Promise<void>((resolve) => {
          const queue = queues.get(name) ?? [];
          queue.push(resolve);
          queues.set(name, queue);
        });
      }
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        const next = queues.get(name)?.shift();
        if (next) next();
        else held.delete(name);
      }
    },
  };
  return manager as LockManagerLike & { requests: number };
}

describe('auth: pkce()', () => {
  let server: HostileServer;
  let tokens: TokenServer;
  let clientNumber = 0;
  const providers: PkceAuth[] = [];

  before(async () => {
    tokens = createTokenServer();
    server = await startHostileServer({ '/oauth/token': (context) => tokens.tokenRoute(context) });
  });
  afterEach(() => {
    for (const provider of providers.splice(0)) provider.signOut();
  });
  after(() => server.close());

  /** Providers made with the same `clientId` behave like tabs of one origin. */
  function tab(clientId: string, storage = memoryStorage()) {
    const provider = pkce({
      authorizeUrl: `${server.url}/oauth/authorize`,
      tokenUrl: `${server.url}/oauth/token`,
      clientId,
      redirectUri: 'http://localhost:5173/callback',
      scope: 'openid fhirUser user/*.rs',
      storage,
    });
    providers.push(provider);
    return { provider, storage };
  }

  /** Plays the authorization server: reads the authorization URL and sends the browser back with a code. */
  async function authorize(provider: PkceAuth): Promise<string> {
    const url = new URL(await provider.authorizationUrl());
    const code = `code-${tokens.challenges.size + 1}`;
    tokens.challenges.set(code, url.searchParams.get('code_challenge')!);
    return `http://localhost:5173/callback?code=${code}&state=${url.searchParams.get('state')}`;
  }

  it('builds an S256 authorization request and keeps verifier and state only for the round trip', async () => {
    const { provider, storage } = tab(`web-${++clientNumber}`);
    const url = new URL(await provider.authorizationUrl({ loginHint: 'doctor' }));
    assert.equal(url.origin + url.pathname, `${server.url}/oauth/authorize`);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('redirect_uri'), 'http://localhost:5173/callback');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('login_hint'), 'doctor');
    assert.match(url.searchParams.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(url.searchParams.get('state')!.length >= 16);
    const [stored] = [...storage.items.values()];
    const pending = JSON.parse(stored!) as { state: string; verifier: string };
    assert.equal(pending.state, url.searchParams.get('state'));
    assert.match(pending.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(
      createHash('sha256').update(pending.verifier).digest('base64url'),
      url.searchParams.get('code_challenge'),
    );
    // Two sign-ins never share a state or verifier.
    const again = new URL(await provider.authorizationUrl());
    assert.notEqual(again.searchParams.get('state'), url.searchParams.get('state'));
  });

  it('signIn() navigates to the authorization URL', async () => {
    const visited: string[] = [];
    const provider = pkce({
      authorizeUrl: `${server.url}/oauth/authorize`,
      tokenUrl: `${server.url}/oauth/token`,
      clientId: `web-${++clientNumber}`,
      redirectUri: 'http://localhost:5173/callback',
      storage: memoryStorage(),
      navigate: (url) => visited.push(url),
      shareAcrossTabs: false,
    });
    await provider.signIn();
    assert.equal(visited.length, 1);
    assert.match(visited[0]!, /code_challenge_method=S256/);
  });

  it('handleCallback exchanges the code with the verifier, keeps tokens in memory and clears storage', async () => {
    const { provider, storage } = tab(`web-${++clientNumber}`);
    const start = tokens.grants.length;
    assert.equal(provider.signedIn, false);
    await provider.handleCallback(await authorize(provider));
    assert.equal(provider.signedIn, true);
    const grant = tokens.grants[start]!;
    assert.equal(grant.form.get('grant_type'), 'authorization_code');
    assert.equal(grant.form.get('redirect_uri'), 'http://localhost:5173/callback');
    assert.match(grant.form.get('code_verifier')!, /^[A-Za-z0-9_-]{43}$/);
    const token = await provider.getAccessToken();
    assert.match(token!, /^token-\d+$/);
    assert.equal(storage.items.size, 0, 'nothing left in storage: no verifier, no state, no token');
  });

  it('refuses a callback whose state does not match, without asking for tokens, and forgets the attempt', async () => {
    const { provider, storage } = tab(`web-${++clientNumber}`);
    const callback = new URL(await authorize(provider));
    callback.searchParams.set('state', 'forged-state-value');
    const start = tokens.grants.length;
    const error = await refusal(provider.handleCallback(callback.href));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /state/);
    assert.equal(tokens.grants.length, start);
    assert.equal(storage.items.size, 0);
    assert.equal(provider.signedIn, false);
    // A replay of a genuine callback after the round trip is over is refused too.
    const genuine = await authorize(provider);
    await provider.handleCallback(genuine);
    await refusal(provider.handleCallback(genuine));
  });

  it('reports an error the authorization server sent back', async () => {
    const { provider } = tab(`web-${++clientNumber}`);
    const state = new URL(await provider.authorizationUrl()).searchParams.get('state');
    const error = await refusal(
      provider.handleCallback(`http://localhost:5173/callback?error=access_denied&state=${state}`),
    );
    assert.match(error.message, /access_denied/);
  });

  it('renews with the refresh token after a 401 (invalidate), and signOut forgets everything', async () => {
    const { provider } = tab(`web-${++clientNumber}`);
    await provider.handleCallback(await authorize(provider));
    const first = await provider.getAccessToken();
    await provider.invalidate(first!);
    const second = await provider.getAccessToken();
    assert.notEqual(second, first);
    assert.equal(tokens.grants.at(-1)!.form.get('grant_type'), 'refresh_token');
    provider.signOut();
    assert.equal(provider.signedIn, false);
    assert.equal(await provider.getAccessToken(), undefined);
  });

  describe('across tabs', () => {
    it('a new tab gets the signed-in tab’s token without signing in or asking the server', async () => {
      const clientId = `web-${++clientNumber}`;
      const first = tab(clientId).provider;
      await first.handleCallback(await authorize(first));
      const grants = tokens.grants.length;
      const second = tab(clientId).provider;
      assert.equal(await second.getAccessToken(), await first.getAccessToken());
      assert.equal(tokens.grants.length, grants);
    });

    it('a renewal in one tab reaches the others; a sign-out signs every tab out', async () => {
      const clientId = `web-${++clientNumber}`;
      const first = tab(clientId).provider;
      const second = tab(clientId).provider;
      await first.handleCallback(await authorize(first));
      const old = await second.getAccessToken();
      await first.invalidate(old!);
      const renewed = await first.getAccessToken();
      assert.notEqual(renewed, old);
      while ((await second.getAccessToken()) === old) await delay(5);
      assert.equal(await second.getAccessToken(), renewed);
      first.signOut();
      while (second.signedIn) await delay(5);
      assert.equal(await second.getAccessToken(), undefined);
    });

    it('with Web Locks, two tabs needing a renewal at once cause one token request', async () => {
      const locks = fakeLocks();
      Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true });
      try {
        const clientId = `web-${++clientNumber}`;
        const first = tab(clientId).provider;
        const second = tab(clientId).provider;
        await first.handleCallback(await authorize(first));
        const old = await second.getAccessToken();
        // Both tabs see the token refused at the same moment.
        await first.invalidate(old!);
        await second.invalidate(old!);
        tokens.latencyMs = 100;
        const grants = tokens.grants.length;
        const [a, b] = await Promise.all([first.getAccessToken(), second.getAccessToken()]);
        assert.equal(tokens.grants.length - grants, 1);
        assert.equal(a, b);
        assert.notEqual(a, old);
        assert.ok(locks.requests >= 2, 'both tabs went through the lock');
      } finally {
        tokens.latencyMs = 0;
        Reflect.deleteProperty(globalThis, 'navigator');
      }
    });
  });
});
