import type { Handler, HandlerContext, HandlerResult } from '../handler.js';
import type { DemoClient } from '../seed/types.js';
import { authenticateClient } from './client-authentication.js';
import { clientPrincipal } from './client-principal.js';
import { OAuthError } from './oauth-error.js';
import { verifierMatches } from './pkce.js';
import { grantScopes, requestedScopes } from './scope-grant.js';
import { canonicalScopes, intersectScopes } from './scopes.js';
import type { IssuedToken } from './token-store.js';
import { tokenResponse } from './token-response.js';

type TokenForm = Record<string, string | undefined>;

/** RFC 6749 §5.1: token responses are never cached. */
const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function answer(issued: IssuedToken): HandlerResult {
  return { status: 200, body: tokenResponse(issued), headers: noStore };
}

function clientCredentials(client: DemoClient, form: TokenForm, context: HandlerContext): HandlerResult {
  if (client.type !== 'confidential') {
    throw new OAuthError(400, 'unauthorized_client', 'client_credentials is for confidential back-end clients.');
  }
  const allowed = canonicalScopes(client.scopes);
  const scopes = grantScopes(requestedScopes(form.scope), allowed, allowed);
  // No refresh token: a back end holds its secret and simply asks again (RFC 6749 §4.4.3).
  return answer(context.state.tokens.issue(clientPrincipal(client, scopes)));
}

function authorizationCode(client: DemoClient, form: TokenForm, context: HandlerContext): HandlerResult {
  const { tokens } = context.state;
  const redemption = tokens.codes.redeem(form.code ?? '');
  if (!redemption.ok) {
    if (redemption.reason === 'reused') {
      if (redemption.family) tokens.revokeFamily(redemption.family);
      throw new OAuthError(400, 'invalid_grant', 'The authorization code was already used; its tokens are revoked.');
    }
    throw new OAuthError(400, 'invalid_grant', 'The authorization code is unknown or has expired.');
  }
  const { authorization, family } = redemption;
  if (authorization.clientId !== client.clientId) {
    throw new OAuthError(400, 'invalid_grant', 'The authorization code was issued to another client.');
  }
  if (authorization.redirectUri !== form.redirect_uri) {
    throw new OAuthError(400, 'invalid_grant', 'redirect_uri differs from the one used to authorize.');
  }
  if (!verifierMatches(form.code_verifier ?? '', authorization.codeChallenge)) {
    throw new OAuthError(400, 'invalid_grant', 'code_verifier does not match code_challenge.');
  }
  return answer(tokens.issue(authorization.principal, { refreshFor: client.clientId, family }));
}

function refreshToken(client: DemoClient, form: TokenForm, context: HandlerContext): HandlerResult {
  const requested = requestedScopes(form.scope);
  const outcome = context.state.tokens.refresh(form.refresh_token ?? '', client.clientId, (principal) => {
    if (!requested) return principal;
    const scopes = intersectScopes(requested, principal.scopes);
    return scopes.length ? { ...principal, scopes } : undefined;
  });
  if (outcome.ok) return answer(outcome.issued);
  switch (outcome.reason) {
    case 'scope':
      throw new OAuthError(400, 'invalid_scope', 'A refresh may narrow the original scopes, never widen them.');
    case 'reused':
      throw new OAuthError(400, 'invalid_grant', 'The refresh token was already used; the sign-in is revoked.');
    case 'other-client':
      throw new OAuthError(400, 'invalid_grant', 'The refresh token was issued to another client.');
    default:
      throw new OAuthError(400, 'invalid_grant', 'The refresh token is unknown or has expired.');
  }
}

/** `POST /oauth/token`: client credentials, authorization code + PKCE, refresh (docs/contract.md §7). */
export const requestToken: Handler = (context) => {
  const form = (context.body ?? {}) as TokenForm;
  const { client } = authenticateClient(context.req, form, context.state.seed.clients);
  switch (form.grant_type) {
    case 'client_credentials':
      return clientCredentials(client, form, context);
    case 'authorization_code':
      return authorizationCode(client, form, context);
    case 'refresh_token':
      return refreshToken(client, form, context);
    default:
      throw new OAuthError(400, 'unsupported_grant_type', 'grant_type is not supported.');
  }
};
