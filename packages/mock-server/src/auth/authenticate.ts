import type { IncomingMessage } from 'node:http';
import type { Operation } from '../contract/operations.js';
import { HttpError } from '../http/http-error.js';
import { codedIssue, errorIssue } from '../http/outcome.js';
import type { Principal } from './principal.js';
import type { ScopeRequirements } from './scope-requirements.js';
import { satisfiesAll } from './scopes.js';
import type { TokenStore } from './token-store.js';

const challenge = { 'WWW-Authenticate': 'Bearer realm="shifo"' };

/** Operations open to everyone: OAuth endpoints, discovery, feedback links (authorised by the link itself). */
export function isOpen(operation: Operation): boolean {
  return operation.roles.includes('public') || operation.roles.includes('dev');
}

/** The scope context a role's tokens use (docs/contract.md §7). */
function contextOf(role: Principal['role']): string {
  return role === 'patient' ? 'patient/' : role === 'system' ? 'system/' : 'user/';
}

/**
 * The caller of a protected operation, or a 401/403 refusal. Both the role (`x-shifo-roles`) and the token's scopes
 * (the operation's `security`, SMART v2 rules) must allow the call.
 */
export function authenticate(
  req: IncomingMessage,
  operation: Operation,
  tokens: TokenStore,
  requirements: ScopeRequirements = new Map(),
): Principal {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new HttpError(401, [errorIssue('login', 'Sign in: a bearer token is required.')], challenge);
  }
  const principal = tokens.verify(match[1]!);
  if (!principal) {
    throw new HttpError(401, [codedIssue('login', 'token-expired', 'The access token is unknown or has expired.')], {
      'WWW-Authenticate': 'Bearer realm="shifo", error="invalid_token"',
    });
  }
  if (!operation.roles.includes(principal.role)) {
    throw new HttpError(403, [
      codedIssue('forbidden', 'role-forbidden', `The ${principal.role} role may not ${operation.operationId}.`),
    ]);
  }
  const alternatives = requirements.get(operation.operationId);
  if (alternatives && !alternatives.some((required) => satisfiesAll(principal.scopes, required))) {
    // Name the alternative meant for this kind of caller, so the message says which scope to ask for.
    const own = contextOf(principal.role);
    const wanted =
      alternatives.find((required) => required.some((scope) => scope.startsWith(own))) ?? alternatives[0] ?? [];
    throw new HttpError(
      403,
      [
        codedIssue(
          'forbidden',
          'scope-missing',
          `The token's scopes do not allow ${operation.operationId}: it needs ${wanted.join(' ')}.`,
        ),
      ],
      { 'WWW-Authenticate': `Bearer realm="shifo", error="insufficient_scope", scope="${wanted.join(' ')}"` },
    );
  }
  return principal;
}
