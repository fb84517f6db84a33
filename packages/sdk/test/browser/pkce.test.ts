// pkce() in Chromium against the mock server: the authorization request, the mock's real sign-in page, callbacks
// (cancelled, forged, with a code the server refuses), and tokens shared with other tabs over BroadcastChannel.
// The last leg of a real sign-in (the 302 to the redirect URI with the code) cannot be read by a page script:
// the node test auth-mock.test.ts covers the code exchange end to end.
import { expect } from '@open-wc/testing';
import { createShifoClient, pkce, ShifoError, type PkceAuth } from '../../src/index.js';
import { baseUrl, tokenFor } from './offline-support.js';

const redirectUri = 'http://localhost:5173/callback';
const tokenUrl = `${baseUrl}/oauth/token`;

interface TokenRequestSeen {
  url: string;
  form: URLSearchParams;
}

/** The real network, with the token requests it carried written down. */
function watchedFetch(): { fetch: (request: Request) => Promise<Response>; tokenRequests: TokenRequestSeen[] } {
  const tokenRequests: TokenRequestSeen[] = [];
  return {
    tokenRequests,
    fetch: async (request) => {
      if (request.url === tokenUrl) {
        tokenRequests.push({ url: request.url, form: new URLSearchParams(await request.clone().text()) });
      }
      return fetch(request);
    },
  };
}

function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function refusalOf(promise: Promise<unknown>): Promise<ShifoError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(ShifoError);
    return error as ShifoError;
  }
  throw new Error('expected the call to be refused');
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function storageKeys(storage: Storage): string[] {
  return Array.from({ length: storage.length }, (_, index) => storage.key(index)!);
}

describe('pkce() in the browser against the mock server', function () {
  this.timeout(20_000);
  let clientNumber = 0;
  const providers: PkceAuth[] = [];

  afterEach(() => {
    for (const provider of providers.splice(0)) provider.signOut();
    sessionStorage.clear();
  });

  /** `clientId` defaults to the mock's public client; another id makes a separate "origin-wide" sign-in. */
  function provider(options: { clientId?: string; fetch?: (request: Request) => Promise<Response> } = {}) {
    const auth = pkce({
      authorizeUrl: `${baseUrl}/oauth/authorize`,
      tokenUrl,
      clientId: options.clientId ?? 'shifo-web',
      redirectUri,
      scope: 'openid fhirUser user/*.rs offline_access',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    providers.push(auth);
    return auth;
  }

  it('builds an S256 request carrying no personal data, and the mock’s sign-in page accepts it', async () => {
    const auth = provider();
    const url = new URL(await auth.authorizationUrl());
    expect(url.origin + url.pathname).to.equal(`${baseUrl}/oauth/authorize`);
    expect([...url.searchParams.keys()].sort()).to.deep.equal(
      ['client_id', 'code_challenge', 'code_challenge_method', 'redirect_uri', 'response_type', 'scope', 'state'],
      'nothing but the OAuth parameters (no PINFL, name or user id)',
    );
    expect(url.searchParams.get('response_type')).to.equal('code');
    expect(url.searchParams.get('code_challenge_method')).to.equal('S256');
    const state = url.searchParams.get('state')!;
    expect(state).to.match(/^[A-Za-z0-9_-]{22,}$/);

    // Verifier and state wait in sessionStorage (never localStorage) for the round trip; the challenge is
    // BASE64URL(SHA-256(verifier)), computed here with the browser's own WebCrypto.
    const keys = storageKeys(sessionStorage).filter((key) => key.startsWith('shifo.'));
    expect(keys).to.deep.equal(['shifo.pkce.shifo-web']);
    const pending = JSON.parse(sessionStorage.getItem(keys[0]!)!) as { state: string; verifier: string };
    expect(pending.state).to.equal(state);
    expect(pending.verifier).to.match(/^[A-Za-z0-9_-]{43}$/);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier));
    expect(base64url(digest)).to.equal(url.searchParams.get('code_challenge'));
    expect(storageKeys(localStorage).some((key) => key.startsWith('shifo'))).to.equal(false);

    const page = await fetch(url);
    expect(page.status).to.equal(200);
    expect(page.headers.get('Content-Type')).to.match(/text\/html/);
    const html = await page.text();
    expect(html).to.include(`name="state" value="${state}"`);
    expect(html).to.include(`value="${url.searchParams.get('code_challenge')}"`);
    expect(html).to.match(/name="login_hint" value="doctor"/);

    // A second sign-in starts afresh.
    const again = new URL(await auth.authorizationUrl({ loginHint: 'doctor' }));
    expect(again.searchParams.get('state')).not.to.equal(state);
    expect(again.searchParams.get('login_hint')).to.equal('doctor');
  });

  it('signIn() sends the browser to the authorization URL', async () => {
    const visited: string[] = [];
    const auth = pkce({
      authorizeUrl: `${baseUrl}/oauth/authorize`,
      tokenUrl,
      clientId: 'shifo-web',
      redirectUri,
      navigate: (url) => visited.push(url),
      shareAcrossTabs: false,
    });
    providers.push(auth);
    await auth.signIn();
    expect(visited).to.have.length(1);
    const url = new URL(visited[0]!);
    const pending = JSON.parse(sessionStorage.getItem('shifo.pkce.shifo-web')!) as { state: string };
    expect(url.searchParams.get('state')).to.equal(pending.state);
  });

  it('reports the cancel link of the mock’s sign-in page as an auth error, and forgets the attempt', async () => {
    const watched = watchedFetch();
    const auth = provider({ fetch: watched.fetch });
    const html = await (await fetch(await auth.authorizationUrl())).text();
    const cancel = /href="([^"]*error=access_denied[^"]*)"/.exec(html)?.[1];
    expect(cancel, 'the page offers a cancel link back to the client').to.be.a('string');
    const callback = unescapeHtml(cancel!);
    expect(callback.startsWith(redirectUri)).to.equal(true);
    const error = await refusalOf(auth.handleCallback(callback));
    expect(error.kind).to.equal('auth');
    expect(error.message).to.match(/access_denied/);
    expect(watched.tokenRequests, 'no token request for a cancelled sign-in').to.have.length(0);
    expect(sessionStorage.getItem('shifo.pkce.shifo-web')).to.equal(null);
    expect(auth.signedIn).to.equal(false);
  });

  it('refuses a callback with a forged state, or one replayed after the round trip, without asking for tokens', async () => {
    const watched = watchedFetch();
    const auth = provider({ fetch: watched.fetch });
    await auth.authorizationUrl();
    const forged = await refusalOf(auth.handleCallback(`${redirectUri}?code=stolen-code&state=forged-state-value`));
    expect(forged.kind).to.equal('auth');
    expect(forged.message).to.match(/state/);
    expect(sessionStorage.getItem('shifo.pkce.shifo-web'), 'the attempt is forgotten').to.equal(null);

    const state = new URL(await auth.authorizationUrl()).searchParams.get('state')!;
    const genuine = `${redirectUri}?code=not-issued&state=${state}`;
    await refusalOf(auth.handleCallback(genuine)); // refused by the token endpoint (next test)
    const replay = await refusalOf(auth.handleCallback(genuine));
    expect(replay.message).to.match(/state/);
    expect(watched.tokenRequests, 'only the genuine callback asked for tokens').to.have.length(1);
  });

  it('exchanges the code with the verifier at the real token endpoint, and reports its refusal', async () => {
    const watched = watchedFetch();
    const auth = provider({ fetch: watched.fetch });
    const url = new URL(await auth.authorizationUrl());
    const { verifier } = JSON.parse(sessionStorage.getItem('shifo.pkce.shifo-web')!) as { verifier: string };
    const error = await refusalOf(
      auth.handleCallback(`${redirectUri}?code=a-code-the-mock-never-issued&state=${url.searchParams.get('state')}`),
    );
    expect(error.kind).to.equal('auth');
    expect(error.status).to.equal(400);
    expect(error.message).to.match(/invalid_grant/);
    expect(watched.tokenRequests).to.have.length(1);
    const form = watched.tokenRequests[0]!.form;
    expect(Object.fromEntries(form)).to.deep.equal({
      grant_type: 'authorization_code',
      code: 'a-code-the-mock-never-issued',
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: 'shifo-web',
    });
    expect(auth.signedIn).to.equal(false);
    expect(sessionStorage.getItem('shifo.pkce.shifo-web')).to.equal(null);
  });

  it('takes the token of another signed-in tab, uses it against the server, and signs out with it', async () => {
    // Another tab of this origin, signed in as `doctor`, answering over the SDK's channel as a tab would.
    const clientId = `shifo-web-tab-${++clientNumber}`;
    const accessToken = await tokenFor('doctor');
    const otherTab = new BroadcastChannel(`shifo.auth ${tokenUrl} ${clientId}`);
    const heard: string[] = [];
    otherTab.onmessage = (event: MessageEvent<{ type: string }>) => {
      heard.push(event.data.type);
      if (event.data.type === 'ask') {
        const tokens = { accessToken, expiresAt: Date.now() + 600_000, renewAt: Date.now() + 540_000 };
        otherTab.postMessage({ type: 'tokens', tokens });
      }
    };
    try {
      const watched = watchedFetch();
      const auth = provider({ clientId, fetch: watched.fetch });
      expect(auth.signedIn).to.equal(false);
      const shifo = createShifoClient({ baseUrl, auth });
      const patient = await shifo.patients.get('example-nodira');
      expect(patient.id).to.equal('example-nodira');
      expect(heard).to.include('ask');
      expect(auth.signedIn).to.equal(true);
      expect(watched.tokenRequests, 'no sign-in and no token request of its own').to.have.length(0);
      // Nothing was written to storage on the way.
      const stored = [...storageKeys(sessionStorage), ...storageKeys(localStorage)]
        .map((key) => `${key}=${sessionStorage.getItem(key) ?? localStorage.getItem(key)}`)
        .join('\n');
      expect(stored.includes(accessToken)).to.equal(false);

      // A sign-out in the other tab signs this one out.
      otherTab.postMessage({ type: 'signed-out' });
      for (let wait = 0; auth.signedIn && wait < 100; wait += 1) await new Promise((r) => setTimeout(r, 10));
      expect(auth.signedIn).to.equal(false);
      expect(await auth.getAccessToken()).to.equal(undefined);

      // And this tab's sign-out is announced to the others.
      heard.length = 0;
      auth.signOut();
      for (let wait = 0; heard.length === 0 && wait < 100; wait += 1) await new Promise((r) => setTimeout(r, 10));
      expect(heard).to.include('signed-out');
      expect(heard.every((type) => type === 'signed-out')).to.equal(true);
    } finally {
      otherTab.close();
    }
  });

  it('a new tab that hears from the signed-in tab late does not sign that tab out', async () => {
    // Known bug (reported to the lead): when `ask` times out (200 ms; a busy or background tab answers later), the
    // new tab's renewal finds no refresh token, stores `undefined` and publishes it, which other tabs take as a
    // sign-out. Fix in token-source.ts: publish only a token set actually obtained (`if (renewed) publish`).
    const clientId = `shifo-web-tab-${++clientNumber}`;
    const accessToken = await tokenFor('doctor');
    const otherTab = new BroadcastChannel(`shifo.auth ${tokenUrl} ${clientId}`);
    const heard: string[] = [];
    otherTab.onmessage = (event: MessageEvent<{ type: string }>) => {
      heard.push(event.data.type);
      if (event.data.type !== 'ask') return;
      const tokens = { accessToken, expiresAt: Date.now() + 600_000, renewAt: Date.now() + 540_000 };
      setTimeout(() => otherTab.postMessage({ type: 'tokens', tokens }), 400);
    };
    try {
      const auth = provider({ clientId });
      expect(await auth.getAccessToken(), 'no answer in time: not signed in here').to.equal(undefined);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(heard, 'the signed-in tab was told to sign out').not.to.include('signed-out');
      expect(await auth.getAccessToken(), 'the late answer is taken').to.equal(accessToken);
    } finally {
      otherTab.close();
    }
  });

  it('a 401 to a token from another tab renews once; with no refresh token the call goes out refused', async () => {
    const clientId = `shifo-web-tab-${++clientNumber}`;
    const otherTab = new BroadcastChannel(`shifo.auth ${tokenUrl} ${clientId}`);
    const revoked = 'revoked-token-value';
    let asks = 0;
    otherTab.onmessage = (event: MessageEvent<{ type: string }>) => {
      if (event.data.type !== 'ask') return;
      asks += 1;
      // The other tab holds a token the server no longer accepts, without a refresh token.
      const tokens = { accessToken: revoked, expiresAt: Date.now() + 600_000, renewAt: Date.now() + 540_000 };
      otherTab.postMessage({ type: 'tokens', tokens });
    };
    try {
      const watched = watchedFetch();
      const auth = provider({ clientId, fetch: watched.fetch });
      const shifo = createShifoClient({ baseUrl, auth });
      const error = await refusalOf(shifo.patients.get('example-nodira'));
      expect(error.kind).to.equal('auth');
      expect(error.status).to.equal(401);
      expect(asks).to.equal(1);
      expect(watched.tokenRequests, 'nothing to refresh with').to.have.length(0);
    } finally {
      otherTab.close();
    }
  });
});
