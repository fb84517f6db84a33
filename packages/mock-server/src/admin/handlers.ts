import type { Handler } from '../handler.js';
import { HttpError } from '../http/http-error.js';
import { loadSeed } from '../seed-state.js';
import type { SeedKind } from '../seed/index.js';

/** `POST /__admin/tokens`: a token for any demo user, so tests and demos skip the sign-in page. */
export const mintToken: Handler = (context) => {
  const { user } = (context.body ?? {}) as { user?: string };
  const principal = context.state.users.get(String(user));
  if (!principal)
    throw HttpError.of(404, 'not-found', `No demo user "${String(user)}". See GET /__admin/users.`, 'user');
  const issued = context.state.tokens.issue(principal);
  return {
    status: 200,
    body: {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      role: principal.role,
      user: user,
    },
  };
};

/** `GET /__admin/users`: who can sign in to this server. */
export const listUsers: Handler = (context) => ({
  status: 200,
  body: context.state.seed.users.map(({ username, role, displayName, facilityId }) => ({
    username,
    role,
    displayName,
    facilityId,
  })),
});

/** `POST /__admin/reset`: back to a freshly seeded store; every token is revoked. */
export const resetServer: Handler = (context) => {
  const kind = ((context.body as { seed?: SeedKind } | undefined)?.seed ?? context.state.seedKind) as SeedKind;
  const { state } = context;
  state.store.clear();
  state.tokens.clear();
  const loaded = loadSeed(state.store, kind, state.now());
  Object.assign(state, {
    seed: loaded.seed,
    users: loaded.users,
    deniedPatients: loaded.deniedPatients,
    seedKind: kind,
  });
  return { status: 200, body: { seed: kind, resources: state.store.size } };
};

/** `GET /__admin/requests`: what the server was asked, by operation, without ids or personal data. */
export const requestLog: Handler = (context) => ({ status: 200, body: context.state.requestLog });

/** The dev-only admin API by operationId. */
export const adminHandlers: Record<string, Handler> = {
  createDevToken: mintToken,
  listDemoUsers: listUsers,
  resetStore: resetServer,
  listRequests: requestLog,
};
