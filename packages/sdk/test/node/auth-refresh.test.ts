import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { clientCredentials, createShifoClient } from '../../src/index.js';
import { tokenSet } from '../../src/auth/token-set.js';
import { delay, outcome, startHostileServer, type HostileServer } from './support/hostile-server.js';
import { createTokenServer, type TokenServer } from './support/token-server.js';
import { refusal } from './support/refusal.js';

describe('auth: token renewal', () => {
  let server: HostileServer;
  let tokens: TokenServer;

  before(async () => {
    tokens = createTokenServer();
    server = await startHostileServer({
      '/oauth/token': (context) => tokens.tokenRoute(context),
      '/fhir/Patient/always-401': ({ res }) => outcome(res, 401, 'login', 'No.'),
      '*': (context) => tokens.resourceRoute(context),
    });
  });
  after(() => server.close());
  beforeEach(() => {
    tokens.grants.length = 0;
    tokens.expiresIn = 3600;
    tokens.failWith = undefined;
    tokens.latencyMs = 0;
  });

  const backEnd = () =>
    clientCredentials({ tokenUrl: `${server.url}/oauth/token`, clientId: 'his', clientSecret: 'his-secret' });
  const apiHits = (start: number) => server.hits.slice(start).filter((hit) => hit.path.startsWith('/fhir/'));

  it('is single-flight: ten concurrent callers cause one token request', async () => {
    tokens.latencyMs = 100;
    const auth = backEnd();
    const issued = await Promise.all(Array.from({ length: 10 }, () => auth.getAccessToken()));
    assert.equal(tokens.grants.length, 1);
    assert.equal(new Set(issued).size, 1);
    assert.match(issued[0]!, /^token-\d+$/);
    // Cached afterwards.
    assert.equal(await auth.getAccessToken(), issued[0]);
    assert.equal(tokens.grants.length, 1);
  });

  it('renews 60 s before expiry (half-way for tokens shorter than two minutes)', async () => {
    const hour = tokenSet({ access_token: 'a', expires_in: 3600 }, 0);
    assert.equal(hour.expiresAt, 3_600_000);
    assert.equal(hour.renewAt, 3_540_000);
    const short = tokenSet({ access_token: 'a', expires_in: 2 }, 0);
    assert.equal(short.renewAt, 1_000);

    tokens.expiresIn = 1;
    const auth = backEnd();
    const first = await auth.getAccessToken();
    assert.equal(await auth.getAccessToken(), first);
    await delay(600);
    const second = await auth.getAccessToken();
    assert.notEqual(second, first);
    assert.equal(tokens.grants.length, 2);
  });

  it('keeps a token that is still valid when its early renewal fails, and fails once it has expired', async () => {
    tokens.expiresIn = 2;
    const auth = backEnd();
    const first = await auth.getAccessToken();
    tokens.failWith = 503;
    await delay(1_100);
    assert.equal(await auth.getAccessToken(), first);
    await delay(1_000);
    const error = await refusal(auth.getAccessToken());
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 503);
  });

  it('a token expiring mid-flight: one 401, one renewal, one retry, and the caller sees success', async () => {
    const shifo = createShifoClient({ baseUrl: server.url, auth: backEnd() });
    const start = server.hits.length;
    await shifo.patients.get('p1');
    assert.equal(tokens.grants.length, 1);
    const firstToken = apiHits(start)[0]!.headers.authorization!.slice('Bearer '.length);
    tokens.revoke(firstToken);
    const patient = await shifo.patients.get('p2');
    assert.equal(patient.id, 'p2');
    const hits = apiHits(start);
    assert.deepEqual(
      hits.map((hit) => hit.path),
      ['/fhir/Patient/p1', '/fhir/Patient/p2', '/fhir/Patient/p2'],
    );
    assert.equal(hits[1]!.headers.authorization, `Bearer ${firstToken}`);
    assert.notEqual(hits[2]!.headers.authorization, `Bearer ${firstToken}`);
    assert.equal(tokens.grants.length, 2);
  });

  it('a 401 that persists is answered once: exactly one renewal and one retry, no loop', async () => {
    const shifo = createShifoClient({ baseUrl: server.url, auth: backEnd() });
    const start = server.hits.length;
    const error = await refusal(shifo.patients.get('always-401'));
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.equal(apiHits(start).length, 2);
    assert.equal(tokens.grants.length, 2);
  });

  it('ten requests hit by the same expiry share one renewal; each is retried once', async () => {
    tokens.latencyMs = 50;
    const auth = backEnd();
    const shifo = createShifoClient({ baseUrl: server.url, auth });
    const token = await auth.getAccessToken();
    tokens.revoke(token!);
    const start = server.hits.length;
    const ids = Array.from({ length: 10 }, (_, index) => `c${index}`);
    const patients = await Promise.all(ids.map((id) => shifo.patients.get(id)));
    assert.deepEqual(
      patients.map((patient) => patient.id),
      ids,
    );
    assert.equal(tokens.grants.length, 2);
    assert.equal(apiHits(start).length, 20);
  });

  it('a host-page token function without renewal gets no pointless retry', async () => {
    const shifo = createShifoClient({ baseUrl: server.url, auth: () => 'stale-token' });
    const start = server.hits.length;
    const error = await refusal(shifo.patients.get('p1'));
    assert.equal(error.kind, 'auth');
    assert.equal(apiHits(start).length, 1);
  });

  it('a host-page token function that has a newer token by then is retried with it', async () => {
    const auth = backEnd();
    const good = await auth.getAccessToken();
    let calls = 0;
    const shifo = createShifoClient({ baseUrl: server.url, auth: () => (++calls === 1 ? 'stale-token' : good) });
    const patient = await shifo.patients.get('p3');
    assert.equal(patient.id, 'p3');
    assert.equal(calls, 2);
  });

  it('signOut drops the token: the next call asks for a new one', async () => {
    const auth = backEnd();
    const first = await auth.getAccessToken();
    auth.signOut();
    const second = await auth.getAccessToken();
    assert.notEqual(second, first);
    assert.equal(tokens.grants.length, 2);
  });
});

describe('auth: clientCredentials', () => {
  let server: HostileServer;
  let tokens: TokenServer;
  before(async () => {
    tokens = createTokenServer();
    server = await startHostileServer({ '/oauth/token': (context) => tokens.tokenRoute(context) });
  });
  after(() => server.close());

  it("method 'post' puts id and secret in the form; 'basic' sends them as HTTP Basic only", async () => {
    const options = {
      tokenUrl: `${server.url}/oauth/token`,
      clientId: 'his-yunusobod',
      clientSecret: 'his yunusobod:secret',
      scope: 'system/*.rs queue',
    };
    await clientCredentials({ ...options, method: 'post' }).getAccessToken();
    await clientCredentials({ ...options, method: 'basic' }).getAccessToken();
    const [post, basic] = tokens.grants;
    assert.equal(post!.form.get('grant_type'), 'client_credentials');
    assert.equal(post!.form.get('client_id'), 'his-yunusobod');
    assert.equal(post!.form.get('client_secret'), 'his yunusobod:secret');
    assert.equal(post!.form.get('scope'), 'system/*.rs queue');
    assert.equal(post!.headers.authorization, undefined);
    assert.equal(basic!.form.get('client_secret'), null);
    assert.equal(basic!.form.get('client_id'), null);
    assert.equal(basic!.form.get('scope'), 'system/*.rs queue');
    // RFC 6749 §2.3.1: form-urlencode each part, then base64.
    const decoded = Buffer.from(basic!.headers.authorization!.replace(/^Basic /, ''), 'base64').toString();
    assert.equal(decoded, 'his-yunusobod:his+yunusobod%3Asecret');
    assert.equal(post!.headers['content-type'], 'application/x-www-form-urlencoded');
  });

  it('refuses to run in a browser, so a secret never ships to one', () => {
    const scope = globalThis as { window?: unknown };
    scope.window = {};
    try {
      assert.throws(
        () => clientCredentials({ tokenUrl: `${server.url}/oauth/token`, clientId: 'a', clientSecret: 'b' }),
        /only on a server/,
      );
    } finally {
      delete scope.window;
    }
  });

  it('a refused grant is an auth ShifoError naming the OAuth error', async () => {
    const refusing = await startHostileServer({
      '/oauth/token': ({ res }) => {
        res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="shifo"' });
        res.end(JSON.stringify({ error: 'invalid_client', error_description: 'Invalid client credentials' }));
      },
    });
    try {
      const auth = clientCredentials({ tokenUrl: `${refusing.url}/oauth/token`, clientId: 'a', clientSecret: 'b' });
      const error = await refusal(auth.getAccessToken());
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, 401);
      assert.match(error.message, /invalid_client: Invalid client credentials/);
    } finally {
      await refusing.close();
    }
  });
});
