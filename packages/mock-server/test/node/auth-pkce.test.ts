import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './harness.js';

const CLIENT = 'shifo-web';
const REDIRECT = 'http://localhost:5173/callback';

interface TokenBody {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  role?: string;
  fhirUser?: string;
  patient?: string;
  error?: string;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** What a browser would do with the sign-in page: the form, its hidden fields and the buttons. */
function parseSignInPage(html: string) {
  const form = /<form method="get" action="([^"]*)">/.exec(html);
  assert.ok(form, 'the page has a GET form');
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
    (m) => [decodeEntities(m[1]!), decodeEntities(m[2]!)] as [string, string],
  );
  const buttons = [...html.matchAll(/<button type="submit" name="login_hint" value="([^"]*)"/g)].map((m) =>
    decodeEntities(m[1]!),
  );
  const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => decodeEntities(m[1]!));
  return { action: decodeEntities(form[1]!), hidden, buttons, links };
}

function pkcePair() {
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

describe('authorization code + PKCE through the sign-in page', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  function authorizeUrl(extra: Record<string, string> = {}, challenge = pkcePair().challenge): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      state: 'state-1234567',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
    return `${h.url}/oauth/authorize?${query.toString()}`;
  }

  /** Opens the page, presses the button of `user`, follows nothing: returns the redirect. */
  async function signInAs(user: string, challenge: string, extra: Record<string, string> = {}) {
    const page = await fetch(authorizeUrl(extra, challenge), { headers: { Accept: 'text/html' } });
    assert.equal(page.status, 200);
    const { action, hidden, buttons } = parseSignInPage(await page.text());
    assert.ok(buttons.includes(user), `the page offers ${user}`);
    const query = new URLSearchParams([...hidden, ['login_hint', user]]);
    const chosen = await fetch(`${new URL(action, h.url).href}?${query.toString()}`, { redirect: 'manual' });
    assert.equal(chosen.status, 302);
    return new URL(chosen.headers.get('location') ?? '');
  }

  async function exchange(form: Record<string, string>) {
    const response = await fetch(`${h.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    const body = (await response.json()) as TokenBody;
    h.assertMatchesContract('requestToken', response, body);
    return { response, body };
  }

  const codeForm = (code: string, verifier: string) => ({
    grant_type: 'authorization_code',
    client_id: CLIENT,
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });

  it('serves an accessible Uzbek sign-in page listing demo users, with no patient identifiers', async () => {
    const response = await fetch(authorizeUrl(), { headers: { Accept: 'text/html' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(response.headers.get('content-language'), 'uz');
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const html = await response.text();
    assert.match(html, /<html lang="uz">/);
    assert.match(html, /<h1>Demo foydalanuvchi sifatida kirish<\/h1>/);
    const { buttons, hidden } = parseSignInPage(html);
    for (const user of ['doctor', 'nurse', 'registrar', 'pharmacist', 'patient', 'admin', 'display', 'doctor2']) {
      assert.ok(buttons.includes(user), `${user} is listed`);
    }
    assert.ok(html.includes('Shifokor'), 'roles are named in Uzbek');
    assert.deepEqual(new Map(hidden).get('state'), 'state-1234567', 'the request travels through the form');
    assert.doesNotMatch(html, /\d{14}/, 'no PINFL on a public page');
    assert.doesNotMatch(html, /Yusupova/, 'no patient names either');
  });

  it('speaks Russian by Accept-Language and English by ui_locales', async () => {
    const ru = await fetch(authorizeUrl(), { headers: { Accept: 'text/html', 'Accept-Language': 'ru-RU,ru;q=0.9' } });
    const ruHtml = await ru.text();
    assert.match(ruHtml, /<html lang="ru">/);
    assert.match(ruHtml, /Вход под демо-пользователем/);

    const en = await fetch(authorizeUrl({ ui_locales: 'en' }), {
      headers: { Accept: 'text/html', 'Accept-Language': 'ru' },
    });
    const enHtml = await en.text();
    assert.match(enHtml, /<html lang="en">/);
    assert.match(enHtml, /Sign in as a demo user/);
  });

  it('signs a doctor in: code and state back to the redirect URI, then a token with a refresh token', async () => {
    const { verifier, challenge } = pkcePair();
    const location = await signInAs('doctor', challenge);
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'state-1234567');
    const code = location.searchParams.get('code');
    assert.ok(code);

    const { response, body } = await exchange(codeForm(code, verifier));
    assert.equal(response.status, 200);
    assert.equal(body.role, 'doctor');
    assert.equal(body.fhirUser, 'PractitionerRole/prole-f1-gp1');
    assert.ok(body.refresh_token);
    assert.equal(body.scope, 'user/*.cruds queue feedback', 'no scope asked for: the role defaults');

    const read = await fetch(`${h.url}/fhir/Patient/pt-dilnoza-yusupova`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    assert.equal(read.status, 200);
  });

  it('grants a patient the SMART launch context', async () => {
    const { verifier, challenge } = pkcePair();
    const location = await signInAs('patient', challenge, { scope: 'openid launch/patient patient/*.rs user/*.rs' });
    const { body } = await exchange(codeForm(location.searchParams.get('code')!, verifier));
    assert.equal(body.role, 'patient');
    assert.equal(body.patient, 'pt-dilnoza-yusupova');
    assert.equal(body.scope, 'openid launch/patient patient/*.rs', 'user/ scopes are not for patients');
  });

  it('refuses a wrong code_verifier, and the code is spent by that attempt', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await signInAs('nurse', challenge)).searchParams.get('code')!;
    const wrong = await exchange(codeForm(code, pkcePair().verifier));
    assert.equal(wrong.response.status, 400);
    assert.equal(wrong.body.error, 'invalid_grant');

    const retry = await exchange(codeForm(code, verifier));
    assert.equal(retry.response.status, 400, 'a code is single-use even after a failed attempt');
    assert.equal(retry.body.error, 'invalid_grant');
  });

  it('refuses a reused code and revokes the tokens it gave', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await signInAs('registrar', challenge)).searchParams.get('code')!;
    const first = await exchange(codeForm(code, verifier));
    assert.equal(first.response.status, 200);

    const second = await exchange(codeForm(code, verifier));
    assert.equal(second.response.status, 400);
    assert.equal(second.body.error, 'invalid_grant');

    const read = await fetch(`${h.url}/fhir/Patient/pt-dilnoza-yusupova`, {
      headers: { Authorization: `Bearer ${first.body.access_token}` },
    });
    assert.equal(read.status, 401, 'the access token from the replayed code is revoked');
  });

  it('refuses a code redeemed with another redirect_uri', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await signInAs('doctor', challenge)).searchParams.get('code')!;
    const { response, body } = await exchange({
      ...codeForm(code, verifier),
      redirect_uri: 'http://127.0.0.1:5173/callback',
    });
    assert.equal(response.status, 400);
    assert.equal(body.error, 'invalid_grant');
  });

  it('rotates refresh tokens and refuses a reused one, revoking the sign-in', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await signInAs('pharmacist', challenge)).searchParams.get('code')!;
    const first = await exchange(codeForm(code, verifier));
    const refresh = (token: string, extra: Record<string, string> = {}) =>
      exchange({ grant_type: 'refresh_token', refresh_token: token, client_id: CLIENT, ...extra });

    const second = await refresh(first.body.refresh_token!);
    assert.equal(second.response.status, 200);
    assert.ok(second.body.refresh_token);
    assert.notEqual(second.body.refresh_token, first.body.refresh_token, 'a new refresh token each time');
    assert.notEqual(second.body.access_token, first.body.access_token);
    assert.equal(second.body.role, 'pharmacist');

    const reused = await refresh(first.body.refresh_token!);
    assert.equal(reused.response.status, 400);
    assert.equal(reused.body.error, 'invalid_grant');

    const read = await fetch(`${h.url}/fhir/Medication?_count=1`, {
      headers: { Authorization: `Bearer ${second.body.access_token}` },
    });
    assert.equal(read.status, 401, 'replaying a spent refresh token revokes the whole chain');
    const third = await refresh(second.body.refresh_token!);
    assert.equal(third.response.status, 400, 'the newest refresh token of the chain is revoked too');
  });

  it('narrows scopes on refresh but never widens them', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await signInAs('doctor', challenge, { scope: 'user/Patient.rs queue' })).searchParams.get('code')!;
    const first = await exchange(codeForm(code, verifier));
    assert.equal(first.body.scope, 'user/Patient.rs queue');

    const widen = await exchange({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
      client_id: CLIENT,
      scope: 'user/Observation.rs',
    });
    assert.equal(widen.response.status, 400);
    assert.equal(widen.body.error, 'invalid_scope');

    const narrow = await exchange({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token!,
      client_id: CLIENT,
      scope: 'user/Patient.r',
    });
    assert.equal(narrow.response.status, 200, 'the refused widening did not spend the refresh token');
    assert.equal(narrow.body.scope, 'user/Patient.r');
  });

  it('offers a cancel link that tells the client access_denied', async () => {
    const page = await fetch(authorizeUrl(), { headers: { Accept: 'text/html' } });
    const cancel = parseSignInPage(await page.text())
      .links.map((link) => new URL(link, h.url))
      .find((url) => url.href.startsWith(REDIRECT));
    assert.ok(cancel);
    assert.equal(cancel.searchParams.get('error'), 'access_denied');
    assert.equal(cancel.searchParams.get('state'), 'state-1234567');
  });

  it('shows an error page, never a redirect, for an unknown client or an unregistered redirect URI', async () => {
    const cases: Record<string, string>[] = [
      { client_id: 'evil-app' },
      { redirect_uri: 'https://evil.example/callback' },
      { client_id: CLIENT, redirect_uri: 'http://localhost:5173/callback/' },
    ];
    for (const extra of cases) {
      const page = await fetch(authorizeUrl({ ...extra, login_hint: 'doctor' }), {
        headers: { Accept: 'text/html' },
        redirect: 'manual',
      });
      assert.equal(page.status, 400, JSON.stringify(extra));
      assert.equal(page.headers.get('location'), null);
      assert.match(await page.text(), /<h1>Kirish imkonsiz<\/h1>/);

      const api = await fetch(authorizeUrl(extra), { redirect: 'manual' });
      assert.equal(api.status, 400);
      const body = (await api.json()) as { error: string };
      h.assertMatchesContract('authorize', api, body);
      assert.ok(['invalid_client', 'invalid_request'].includes(body.error));
    }
  });

  it('refuses a request without PKCE or with the plain method', async () => {
    const noPkce = new URL(authorizeUrl());
    noPkce.searchParams.delete('code_challenge');
    const response = await fetch(noPkce, { redirect: 'manual' });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: string; error_description: string };
    assert.equal(body.error, 'invalid_request');
    assert.match(body.error_description, /code_challenge/);

    const plain = await fetch(authorizeUrl({ code_challenge_method: 'plain' }), { redirect: 'manual' });
    assert.equal(plain.status, 400);
  });

  it('refuses the browser sign-in to a back-end client', async () => {
    const response = await fetch(authorizeUrl({ client_id: 'his-yunusobod' }), { redirect: 'manual' });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: string }).error, 'unauthorized_client');
  });

  it('reports an impossible scope to the client by redirect', async () => {
    const location = await signInAs('display', pkcePair().challenge, { scope: 'system/*.cruds' });
    assert.equal(location.searchParams.get('error'), 'invalid_scope');
    assert.equal(location.searchParams.get('state'), 'state-1234567');
    assert.equal(location.searchParams.get('code'), null);
  });
});

describe('authorization codes are short-lived', () => {
  let h: Harness;
  let offsetMs = 0;
  before(async () => {
    h = await startHarness({ seed: 'minimal', now: () => new Date(Date.now() + offsetMs) });
  });
  after(() => h.close());

  it('refuses a code redeemed after a minute', async () => {
    const { verifier, challenge } = pkcePair();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      state: 'state-7654321',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: 'doctor',
    });
    const signedIn = await fetch(`${h.url}/oauth/authorize?${query.toString()}`, { redirect: 'manual' });
    assert.equal(signedIn.status, 302, 'login_hint signs in without the page');
    const code = new URL(signedIn.headers.get('location') ?? '').searchParams.get('code')!;

    offsetMs += 61_000;
    const response = await fetch(`${h.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: CLIENT,
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as TokenBody).error, 'invalid_grant');
  });
});
