import type { Harness } from '../harness.js';

/** Every role of `x-shifo-roles` that a bearer token can carry (docs/contract.md §7). */
export const ROLES = ['doctor', 'nurse', 'registrar', 'pharmacist', 'patient', 'admin', 'display', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The confidential demo client whose back-end tokens carry the `system` role. */
export const SYSTEM_CLIENT = { id: 'his-yunusobod', secret: 'his-yunusobod-secret' } as const;

export interface RoleTokens {
  tokens: Record<Role, string>;
  /** How the `system` token was obtained, so a report can say which path the matrix exercised. */
  systemSource: 'oauth-client-credentials' | 'admin-tokens' | 'token-store';
}

async function clientCredentials(h: Harness): Promise<string | undefined> {
  const response = await fetch(`${h.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: SYSTEM_CLIENT.id,
      client_secret: SYSTEM_CLIENT.secret,
    }),
  });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { access_token?: unknown };
  return typeof body.access_token === 'string' ? body.access_token : undefined;
}

async function adminToken(h: Harness): Promise<string | undefined> {
  const response = await fetch(`${h.url}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: SYSTEM_CLIENT.id }),
  });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { access_token?: unknown; role?: unknown };
  return body.role === 'system' && typeof body.access_token === 'string' ? body.access_token : undefined;
}

/**
 * A token for each role: demo users named after their role (`doctor`, `nurse`, …) through `/__admin/tokens`,
 * and for `system` the real client_credentials grant of `his-yunusobod`. While the token endpoint is not
 * implemented, the admin API (if it knows the client) or, last, the server's own token store issues a token
 * for that client's `system` principal, so the matrix still checks what a back end may call.
 */
export async function roleTokens(h: Harness): Promise<RoleTokens> {
  const tokens: Partial<Record<Role, string>> = {};
  for (const role of ROLES) if (role !== 'system') tokens[role] = await h.tokenFor(role);
  let systemSource: RoleTokens['systemSource'] = 'oauth-client-credentials';
  let system = await clientCredentials(h);
  if (!system) {
    systemSource = 'admin-tokens';
    system = await adminToken(h);
  }
  if (!system) {
    systemSource = 'token-store';
    const client = h.server.state.seed.clients.find((c) => c.clientId === SYSTEM_CLIENT.id);
    system = h.server.state.tokens.issue({
      id: SYSTEM_CLIENT.id,
      role: 'system',
      displayName: client?.name ?? SYSTEM_CLIENT.id,
      scopes: client?.scopes ?? [],
      ...(client?.type === 'confidential' ? { facilityId: client.facilityId } : {}),
    }).accessToken;
  }
  return { tokens: { ...tokens, system } as Record<Role, string>, systemSource };
}
