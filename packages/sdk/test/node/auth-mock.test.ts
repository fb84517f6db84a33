import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clientCredentials, createShifoClient, pkce, type PkceAuth } from '../../src/index.js';
import { refusal } from './support/refusal.js';

const redirectUri = 'http://localhost:5173/callback';

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Plays the browser on the mock's sign-in page: loads the authorization URL, picks `username` in the user
 * picker (a GET form whose buttons carry `login_hint`), and returns where the server redirects to.
 */
async function signInAs(authorizationUrl: string, username: string): Promise<string> {
  const page = await fetch(authorizationUrl, { redirect: 'manual' });
  assert.equal(page.status, 200);
  const html = await page.text();
  const action = /<form method="get" action="([^"]*)">/.exec(html)?.[1];
  assert.ok(action, 'the sign-in page has a form');
  const chosen = new URL(unescapeHtml(action), authorizationUrl);
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    chosen.searchParams.set(unescapeHtml(name!), unescapeHtml(value!));
  }
  assert.match(html, new RegExp(`name="login_hint" value="${username}"`), `${username} is on the picker`);
  chosen.searchParams.set('login_hint', username);
  const redirect = await fetch(chosen, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  return redirect.headers.get('Location')!;
}

describe('auth providers against the mock server', () => {
  let server: RunningMockServer;
  before(async () => {
    server = await startMockServer({ port: 0 });
  });
  after(() => server.close());

  for (const method of ['post', 'basic'] as const) {
    it(`clientCredentials (${method}) gets a system token the server accepts`, async () => {
      const auth = clientCredentials({
        tokenUrl: `${server.url}/oauth/token`,
        clientId: 'his-yunusobod',
        clientSecret: 'his-yunusobod-secret',
        method,
      });
      const shifo = createShifoClient({ baseUrl: server.url, auth });
      const patient = await shifo.patients.get('example-salim');
      assert.equal(patient.id, 'example-salim');
      const token = await auth.getAccessToken();
      assert.equal(await auth.getAccessToken(), token, 'cached, not fetched again');
    });
  }

  it('clientCredentials with a wrong secret is an auth ShifoError', async () => {
    const auth = clientCredentials({
      tokenUrl: `${server.url}/oauth/token`,
      clientId: 'his-yunusobod',
      clientSecret: 'not-the-secret',
      method: 'basic',
    });
    const error = await refusal(auth.getAccessToken());
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.match(error.message, /invalid_client/);
  });

  describe('pkce, with the redirect played in Node', () => {
    let auth: PkceAuth;
    const storage = new Map<string, string>();
    before(() => {
      auth = pkce({
        authorizeUrl: `${server.url}/oauth/authorize`,
        tokenUrl: `${server.url}/oauth/token`,
        clientId: 'shifo-web',
        redirectUri,
        scope: 'openid fhirUser user/*.rs offline_access',
        storage: {
          getItem: (key) => storage.get(key) ?? null,
          setItem: (key, value) => void storage.set(key, value),
          removeItem: (key) => void storage.delete(key),
        },
        shareAcrossTabs: false,
      });
    });
    after(() => auth.signOut());

    it('refuses a callback with a forged state', async () => {
      const callback = new URL(await signInAs(await auth.authorizationUrl(), 'doctor'));
      callback.searchParams.set('state', 'forged-state-0000');
      const error = await refusal(auth.handleCallback(callback.href));
      assert.equal(error.kind, 'auth');
      assert.equal(auth.signedIn, false);
      assert.equal(storage.size, 0);
    });

    it('signs a doctor in: the code exchanged with the verifier gives a token the server accepts', async () => {
      const callback = await signInAs(await auth.authorizationUrl(), 'doctor');
      assert.ok(callback.startsWith(redirectUri));
      await auth.handleCallback(callback);
      assert.equal(storage.size, 0, 'verifier and state are gone after the round trip');
      const shifo = createShifoClient({ baseUrl: server.url, auth });
      const patient = await shifo.patients.get('example-nodira');
      assert.equal(patient.id, 'example-nodira');
    });

    it('renews through the refresh_token grant once the token is refused, and the new token works', async () => {
      const shifo = createShifoClient({ baseUrl: server.url, auth });
      const first = await auth.getAccessToken();
      await auth.invalidate(first!);
      const patient = await shifo.patients.get('example-david');
      assert.equal(patient.id, 'example-david');
      const second = await auth.getAccessToken();
      assert.ok(second && second !== first);
    });

    it('signOut forgets the tokens: calls go out anonymous and are refused', async () => {
      auth.signOut();
      assert.equal(await auth.getAccessToken(), undefined);
      const shifo = createShifoClient({ baseUrl: server.url, auth });
      const error = await refusal(shifo.patients.get('example-david'));
      assert.equal(error.kind, 'auth');
    });
  });
});
