import type { OutcomeIssue } from '../http/outcome.js';
import { OAuthError } from './oauth-error.js';

const GRANTS: Record<string, string[]> = {
  client_credentials: [],
  authorization_code: ['code', 'redirect_uri', 'code_verifier'],
  refresh_token: ['refresh_token'],
};

/** The parameter an issue is about (`code_challenge`, `body.code_verifier` → `code_verifier`). */
function parameterOf(issue: OutcomeIssue): string | undefined {
  return issue.expression?.[0]?.replace(/^body\./, '');
}

function tokenRequestError(form: Record<string, string> | undefined, issues: OutcomeIssue[]): OAuthError {
  if (!form) {
    return new OAuthError(400, 'invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
  }
  const grant = form.grant_type;
  if (!grant) return new OAuthError(400, 'invalid_request', 'Missing required parameter: grant_type.');
  const required = GRANTS[grant];
  if (!required)
    return new OAuthError(400, 'unsupported_grant_type', `grant_type "${grant.slice(0, 40)}" is not supported.`);
  const missing = required.find((name) => !form[name]);
  if (missing) return new OAuthError(400, 'invalid_request', `Missing required parameter: ${missing}.`);
  if (grant === 'authorization_code' && !/^[A-Za-z0-9\-._~]{43,128}$/.test(form.code_verifier ?? '')) {
    return new OAuthError(400, 'invalid_request', 'code_verifier must be 43–128 characters of A–Z a–z 0–9 - . _ ~.');
  }
  return new OAuthError(400, 'invalid_request', issues[0]?.diagnostics ?? 'The token request is malformed.');
}

function authorizeRequestError(issues: OutcomeIssue[]): OAuthError {
  const names = issues.map(parameterOf);
  if (names.includes('code_challenge') || names.includes('code_challenge_method')) {
    return new OAuthError(400, 'invalid_request', 'code_challenge (S256) is required.');
  }
  return new OAuthError(400, 'invalid_request', issues[0]?.diagnostics ?? 'The authorization request is malformed.');
}

/**
 * The OAuth answer to a request the contract refuses, for the two endpoints that speak RFC 6749 rather than
 * OperationOutcome: the most useful single error, as OAuth clients show `error_description` to developers.
 */
export function oauthRequestError(
  operationId: string,
  form: Record<string, string> | undefined,
  issues: OutcomeIssue[],
): OAuthError {
  return operationId === 'requestToken' ? tokenRequestError(form, issues) : authorizeRequestError(issues);
}

/** The operations that answer OAuth errors. */
export function speaksOAuth(operationId: string): boolean {
  return operationId === 'requestToken' || operationId === 'authorize';
}
