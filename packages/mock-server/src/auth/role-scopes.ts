import type { Principal } from './principal.js';

type Role = Principal['role'];

/**
 * The scopes a token of each role carries when none are asked for: everything the role's row of the access table
 * (docs/contract.md §7) needs, so scopes never refuse what the role allows. A test checks this against every
 * operation of the contract.
 */
const ROLE_SCOPES: Record<Role, readonly string[]> = {
  doctor: ['user/*.cruds', 'queue', 'feedback'],
  nurse: ['user/*.cruds', 'queue', 'feedback'],
  registrar: ['user/*.cruds', 'queue', 'feedback'],
  pharmacist: ['user/*.cruds'],
  admin: ['user/*.cruds', 'queue', 'feedback', 'admin'],
  // A waiting-room screen: boards and events, and the names of the rooms and the facility it shows.
  display: ['user/Organization.rs', 'user/Location.rs', 'queue'],
  patient: ['patient/*.rs', 'patient/Appointment.cu', 'patient/QuestionnaireResponse.cu', 'queue'],
  system: ['system/*.cruds', 'queue', 'feedback'],
};

/** OpenID Connect and SMART launch scopes: accepted when a person asks for them, never granted unasked. */
const IDENTITY_SCOPES: Record<Role, readonly string[]> = {
  doctor: ['openid', 'fhirUser', 'offline_access'],
  nurse: ['openid', 'fhirUser', 'offline_access'],
  registrar: ['openid', 'fhirUser', 'offline_access'],
  pharmacist: ['openid', 'fhirUser', 'offline_access'],
  admin: ['openid', 'fhirUser', 'offline_access'],
  display: ['openid', 'offline_access'],
  patient: ['openid', 'fhirUser', 'launch/patient', 'offline_access'],
  system: [],
};

/** Default scopes of a role's tokens (`/__admin/tokens`, or a sign-in that asks for no scope). */
export function defaultScopes(role: Role): string[] {
  return [...ROLE_SCOPES[role]];
}

/** Everything a person of this role may be granted when they ask for it. */
export function grantableScopes(role: Role): string[] {
  return [...IDENTITY_SCOPES[role], ...ROLE_SCOPES[role]];
}
