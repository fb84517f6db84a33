import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './harness.js';

interface TokenBody {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  refresh_token?: string;
  role?: string;
  error?: string;
  error_description?: string;
}

const CLIENT = 'his-yunusobod';
const SECRET = 'his-yunusobod-secret';

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

describe('POST /oauth/token', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ seed: 'minimal', tokenTtlSeconds: 900 });
  });
  after(() => h.close());

  async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(`${h.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    const body = (await response.json()) as TokenBody;
    h.assertMatchesContract('requestToken', response, body);
    return { response, body };
  }

  it('grants client_credentials with client_secret_post: role system, the client scopes, no refresh token', async () => {
    const { response, body } = await token({
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: SECRET,
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 900, 'lifetime from tokenTtlSeconds');
    assert.equal(body.role, 'system');
    assert.equal(body.refresh_token, undefined);
    assert.deepEqual(body.scope?.split(' ').sort(), ['feedback', 'queue', 'system/*.cruds']);

    const read = await fetch(`${h.url}/fhir/Patient/example-nodira`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    assert.equal(read.status, 200, 'the back-end token reads FHIR');
  });

  it('grants client_credentials with client_secret_basic', async () => {
    const { response, body } = await token(
      { grant_type: 'client_credentials' },
      { Authorization: basic(CLIENT, SECRET) },
    );
    assert.equal(response.status, 200);
    assert.equal(body.role, 'system');
    assert.ok(body.access_token);
  });

  it('narrows the scopes to what was asked for, and refuses a scope the client may not have', async () => {
    const narrow = await token({
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: SECRET,
      scope: 'system/Patient.rs system/Patient.c user/*.cruds',
    });
    assert.equal(narrow.response.status, 200);
    assert.equal(narrow.body.scope, 'system/Patient.crs');

    const search = await fetch(`${h.url}/fhir/Observation?patient=example-nodira`, {
      headers: { Authorization: `Bearer ${narrow.body.access_token}` },
    });
    assert.equal(search.status, 403, 'system/Patient.crs does not cover Observation');
    const outcome = (await search.json()) as { issue: { details?: { coding?: { code: string }[] } }[] };
    assert.equal(outcome.issue[0]?.details?.coding?.[0]?.code, 'scope-missing');

    const refused = await token({
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: SECRET,
      scope: 'user/*.cruds',
    });
    assert.equal(refused.response.status, 400);
    assert.equal(refused.body.error, 'invalid_scope');
  });

  it('refuses a wrong secret with 401 invalid_client (with a Basic challenge when Basic was used)', async () => {
    const post = await token({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: 'wrong' });
    assert.equal(post.response.status, 401);
    assert.equal(post.body.error, 'invalid_client');
    assert.equal(post.response.headers.get('www-authenticate'), null);

    const viaBasic = await token({ grant_type: 'client_credentials' }, { Authorization: basic(CLIENT, 'wrong') });
    assert.equal(viaBasic.response.status, 401);
    assert.equal(viaBasic.body.error, 'invalid_client');
    assert.match(viaBasic.response.headers.get('www-authenticate') ?? '', /^Basic /);
  });

  it('refuses an unknown client and a request without any client', async () => {
    const unknown = await token({ grant_type: 'client_credentials', client_id: 'his-nowhere', client_secret: 'x' });
    assert.equal(unknown.response.status, 401);
    assert.equal(unknown.body.error, 'invalid_client');

    const anonymous = await token({ grant_type: 'client_credentials' });
    assert.equal(anonymous.response.status, 401);
    assert.equal(anonymous.body.error, 'invalid_client');
  });

  it('refuses two authentication methods at once', async () => {
    const both = await token(
      { grant_type: 'client_credentials', client_secret: SECRET },
      { Authorization: basic(CLIENT, SECRET) },
    );
    assert.equal(both.response.status, 400);
    assert.equal(both.body.error, 'invalid_request');
  });

  it('refuses client_credentials to the public browser client', async () => {
    const { response, body } = await token({ grant_type: 'client_credentials', client_id: 'shifo-web' });
    assert.equal(response.status, 400);
    assert.equal(body.error, 'unauthorized_client');
  });

  it('answers OAuth errors, not OperationOutcomes, for malformed requests', async () => {
    const unsupported = await token({ grant_type: 'password', username: 'doctor', password: 'demo' });
    assert.equal(unsupported.response.status, 400);
    assert.equal(unsupported.body.error, 'unsupported_grant_type');

    const noGrant = await token({ client_id: CLIENT });
    assert.equal(noGrant.response.status, 400);
    assert.equal(noGrant.body.error, 'invalid_request');
    assert.match(noGrant.body.error_description ?? '', /grant_type/);

    const noVerifier = await token({
      grant_type: 'authorization_code',
      client_id: 'shifo-web',
      code: 'abc',
      redirect_uri: 'http://localhost:5173/callback',
    });
    assert.equal(noVerifier.response.status, 400);
    assert.equal(noVerifier.body.error, 'invalid_request');
    assert.match(noVerifier.body.error_description ?? '', /code_verifier/);

    const json = await fetch(`${h.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: SECRET }),
    });
    assert.equal(json.status, 400);
    assert.equal(((await json.json()) as TokenBody).error, 'invalid_request');
  });

  it('refuses an unknown refresh token and an unknown code with invalid_grant', async () => {
    const refresh = await token({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: 'shifo-web' });
    assert.equal(refresh.response.status, 400);
    assert.equal(refresh.body.error, 'invalid_grant');

    const code = await token({
      grant_type: 'authorization_code',
      client_id: 'shifo-web',
      code: 'nope',
      redirect_uri: 'http://localhost:5173/callback',
      code_verifier: 'a'.repeat(43),
    });
    assert.equal(code.response.status, 400);
    assert.equal(code.body.error, 'invalid_grant');
  });
});

describe('GET /.well-known/smart-configuration', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ seed: 'none' });
  });
  after(() => h.close());

  it('describes this server: endpoints on the host used, grants, PKCE S256, client authentication methods', async () => {
    const response = await fetch(`${h.url}/.well-known/smart-configuration`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    h.assertMatchesContract('getSmartConfiguration', response, body);
    assert.equal(body.token_endpoint, `${h.url}/oauth/token`);
    assert.equal(body.authorization_endpoint, `${h.url}/oauth/authorize`);
    assert.deepEqual(body.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(body.token_endpoint_auth_methods_supported, ['client_secret_post', 'client_secret_basic', 'none']);
    assert.ok((body.capabilities as string[]).includes('permission-v2'));
  });
});
