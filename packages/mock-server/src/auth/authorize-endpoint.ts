import type { Handler, HandlerContext, HandlerResult } from '../handler.js';
import type { PublicClient } from '../seed/types.js';
import type { ServerState } from '../state.js';
import { OAuthError } from './oauth-error.js';
import type { Principal } from './principal.js';
import { grantableScopes, defaultScopes } from './role-scopes.js';
import { HTML_TYPE, pageHeaders, renderSignInPage } from './sign-in-page.js';
import { negotiateSignInLocale, SIGN_IN_LOCALES, SIGN_IN_TEXTS, type SignInLocale } from './sign-in-texts.js';
import { grantScopes, requestedScopes } from './scope-grant.js';

interface AuthorizeParams {
  client_id: string;
  redirect_uri: string;
  state: string;
  code_challenge: string;
  scope?: string;
  login_hint?: string;
}

function redirect(redirectUri: string, params: Record<string, string>): HandlerResult {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return { status: 302, headers: { Location: target.href, 'Cache-Control': 'no-store' } };
}

/** A demo user by username (`doctor`) or by user id (`user-doctor`). */
function findUser(state: ServerState, hint: string): Principal | undefined {
  const byName = state.users.get(hint);
  if (byName) return byName;
  const byId = state.seed.users.find((user) => user.id === hint);
  return byId && state.users.get(byId.username);
}

/** The client and redirect URI, checked before anything is sent back to that URI (RFC 6749 §4.1.2.1). */
function trustedClient(state: ServerState, params: AuthorizeParams): PublicClient {
  const client = state.seed.clients.find((candidate) => candidate.clientId === params.client_id);
  if (!client) throw new OAuthError(400, 'invalid_client', 'Unknown client_id.');
  if (client.type !== 'public') {
    throw new OAuthError(
      400,
      'unauthorized_client',
      'A back-end client uses client_credentials, not the browser sign-in.',
    );
  }
  if (!client.redirectUris.includes(params.redirect_uri)) {
    throw new OAuthError(400, 'invalid_request', 'redirect_uri is not registered for this client (exact match).');
  }
  return client;
}

/**
 * Signs the user in: the code goes back to the client with the state. A public client may be granted whatever its
 * user's role allows; the scopes it asks for narrow that.
 */
function signIn(
  context: HandlerContext,
  client: PublicClient,
  params: AuthorizeParams,
  user: Principal,
): HandlerResult {
  try {
    const scopes = grantScopes(requestedScopes(params.scope), grantableScopes(user.role), defaultScopes(user.role));
    const code = context.state.tokens.codes.create({
      clientId: client.clientId,
      redirectUri: params.redirect_uri,
      codeChallenge: params.code_challenge,
      principal: { ...user, scopes },
    });
    return redirect(params.redirect_uri, { code, state: params.state });
  } catch (failure) {
    if (!(failure instanceof OAuthError)) throw failure;
    // The redirect URI is trusted by now: report to the client, as RFC 6749 §4.1.2.1 asks.
    return redirect(params.redirect_uri, {
      error: failure.error,
      error_description: failure.description,
      state: params.state,
    });
  }
}

function signInPage(
  context: HandlerContext,
  client: PublicClient,
  params: AuthorizeParams,
  url: URL,
  locale: SignInLocale,
  notice?: string,
): HandlerResult {
  const { seed } = context.state;
  const facilityName = (id: string) => seed.facilities.find((f) => f.id === id)?.name[locale] ?? id;
  const request = [...url.searchParams].filter(([name]) => name !== 'login_hint');
  const withLocale = (target: SignInLocale) => {
    const query = new URLSearchParams(request.filter(([name]) => name !== 'ui_locales'));
    query.set('ui_locales', target);
    return `/oauth/authorize?${query.toString()}`;
  };
  const cancel = new URL(params.redirect_uri);
  cancel.searchParams.set('error', 'access_denied');
  cancel.searchParams.set('state', params.state);
  const html = renderSignInPage({
    locale,
    clientName: client.name,
    // Usernames, roles and facilities only: the page is public, so no names or identifiers of patients.
    users: seed.users.map((user) => ({
      username: user.username,
      role: user.role,
      facilityName: facilityName(user.facilityId),
    })),
    hiddenFields: request,
    action: '/oauth/authorize',
    cancelUrl: cancel.href,
    languageLinks: SIGN_IN_LOCALES.map((target) => ({ locale: target, href: withLocale(target) })),
    ...(notice ? { notice } : {}),
  });
  return {
    status: 200,
    body: html,
    contentType: HTML_TYPE,
    headers: pageHeaders(locale, new URL(params.redirect_uri).origin),
  };
}

/** `GET /oauth/authorize`: the demo-user picker, or with `login_hint` a direct sign-in (docs/contract.md §7). */
export const authorize: Handler = (context) => {
  const params = context.params as unknown as AuthorizeParams;
  const client = trustedClient(context.state, params);
  const url = new URL(context.req.url ?? '/', 'http://mock.invalid');
  const locale = negotiateSignInLocale(
    url.searchParams.get('ui_locales') ?? undefined,
    context.req.headers['accept-language'],
  );
  if (params.login_hint) {
    const user = findUser(context.state, params.login_hint);
    if (user) return signIn(context, client, params, user);
    return signInPage(context, client, params, url, locale, SIGN_IN_TEXTS[locale].unknownUser(params.login_hint));
  }
  return signInPage(context, client, params, url, locale);
};
