import { OAuthError } from './oauth-error.js';
import { canonicalScopes, intersectScopes, splitScopes } from './scopes.js';

/** The `scope` parameter as a list; `undefined` when absent or blank (the caller's defaults apply). */
export function requestedScopes(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const scopes = splitScopes(value);
  if (!scopes) throw new OAuthError(400, 'invalid_scope', 'scope has characters RFC 6749 does not allow.');
  return scopes;
}

/** What to grant: the defaults when nothing was asked for, else what was asked for and may be had. */
export function grantScopes(requested: string[] | undefined, allowed: string[], defaults: string[]): string[] {
  if (!requested) return canonicalScopes(defaults);
  const granted = intersectScopes(requested, allowed);
  if (granted.length === 0) {
    throw new OAuthError(400, 'invalid_scope', 'None of the requested scopes may be granted to this client or user.');
  }
  return granted;
}
