import { clientPrincipal } from '../auth/client-principal.js';
import type { Principal } from '../auth/principal.js';
import { canonicalScopes, splitScopes } from '../auth/scopes.js';
import { fhirUserOf } from '../auth/token-response.js';
import type { Handler } from '../handler.js';
import { HttpError } from '../http/http-error.js';
import type { ServerState } from '../state.js';

/** A demo user by username (`doctor`) or user id (`user-doctor`), or a HIS back end by client id. */
export function devPrincipal(state: ServerState, name: string): Principal | undefined {
  const user = state.users.get(name) ?? state.users.get(state.seed.users.find((u) => u.id === name)?.username ?? '');
  if (user) return user;
  const client = state.seed.clients.find((c) => c.clientId === name && c.type === 'confidential');
  return client?.type === 'confidential' ? clientPrincipal(client, canonicalScopes(client.scopes)) : undefined;
}

/**
 * `POST /__admin/tokens`: a token for any demo user (or HIS back end), so tests and demos skip the sign-in page. It
 * carries the role's full default scopes (a back end's registered ones) unless `scope` replaces them, e.g. to test
 * a narrow token. It lives `expiresIn` seconds, by default as long as the server's `--token-ttl`.
 */
export const createDevToken: Handler = (context) => {
  const { user, scope, expiresIn } = (context.body ?? {}) as { user: string; scope?: string; expiresIn?: number };
  const principal = devPrincipal(context.state, user);
  if (!principal)
    throw HttpError.of(404, 'not-found', `No demo user "${user.slice(0, 80)}". See GET /__admin/users.`, 'user');
  const scopes = scope === undefined ? principal.scopes : splitScopes(scope);
  if (!scopes) throw HttpError.of(400, 'value', 'scope has characters RFC 6749 does not allow.', 'scope');
  const issued = context.state.tokens.issue(
    { ...principal, scopes },
    expiresIn ?? context.state.tokens.defaultTtlSeconds,
  );
  const fhirUser = fhirUserOf(issued.principal);
  return {
    status: 200,
    body: {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      role: issued.principal.role,
      user,
      scope: issued.principal.scopes.join(' '),
      ...(fhirUser ? { fhirUser } : {}),
      ...(issued.principal.patientId ? { patient: issued.principal.patientId } : {}),
    },
  };
};
