import type { Principal } from './principal.js';
import type { IssuedToken } from './token-store.js';

/** SMART's `fhirUser`: the PractitionerRole a staff member acts as, or the Patient a citizen is. */
export function fhirUserOf(principal: Principal): string | undefined {
  if (principal.role === 'patient' && principal.patientId) return `Patient/${principal.patientId}`;
  if (principal.practitionerRoleId) return `PractitionerRole/${principal.practitionerRoleId}`;
  return undefined;
}

/** The contract's `TokenResponse`: the token, its scopes, Shifo's `role` and the SMART launch context. */
export function tokenResponse(issued: IssuedToken): Record<string, unknown> {
  const { principal } = issued;
  const fhirUser = fhirUserOf(principal);
  return {
    access_token: issued.accessToken,
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    scope: principal.scopes.join(' '),
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    role: principal.role,
    ...(principal.role === 'patient' && principal.patientId ? { patient: principal.patientId } : {}),
    ...(fhirUser ? { fhirUser } : {}),
  };
}
