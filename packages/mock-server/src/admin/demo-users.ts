import { canonicalScopes } from '../auth/scopes.js';
import { defaultScopes } from '../auth/role-scopes.js';
import { fhirUserOf } from '../auth/token-response.js';
import type { Handler } from '../handler.js';

/**
 * `GET /__admin/users`: who can be given a token — the demo users, then the HIS back ends (role `system`). `id` is
 * what `POST /__admin/tokens` and the sign-in page's `login_hint` take.
 */
export const listDemoUsers: Handler = (context) => {
  const { seed, users } = context.state;
  const people = seed.users.map((user) => {
    const principal = users.get(user.username);
    const fhirUser = principal && fhirUserOf(principal);
    return {
      id: user.username,
      role: user.role,
      name: user.displayName,
      scope: defaultScopes(user.role).join(' '),
      ...(fhirUser ? { fhirUser } : {}),
      ...(user.patientId ? { patient: user.patientId } : {}),
      organizationId: user.organizationId ?? user.facilityId,
      facilityId: user.facilityId,
      ...(user.locationId ? { locationId: user.locationId } : {}),
    };
  });
  const backEnds = seed.clients.flatMap((client) =>
    client.type === 'confidential'
      ? [
          {
            id: client.clientId,
            role: 'system',
            name: client.name,
            scope: canonicalScopes(client.scopes).join(' '),
            organizationId: client.facilityId,
            facilityId: client.facilityId,
          },
        ]
      : [],
  );
  return { status: 200, body: { users: [...people, ...backEnds] } };
};
