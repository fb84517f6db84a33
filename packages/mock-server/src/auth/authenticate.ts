import type { IncomingMessage } from 'node:http';
import type { Operation } from '../contract/operations.js';
import { HttpError } from '../http/http-error.js';
import { codedIssue, errorIssue } from '../http/outcome.js';
import type { TokenStore } from './token-store.js';
import type { Principal } from './principal.js';

const challenge = { 'WWW-Authenticate': 'Bearer realm="shifo"' };

/** Operations open to everyone: OAuth endpoints, discovery, feedback links (authorised by the link itself). */
export function isOpen(operation: Operation): boolean {
  return operation.roles.includes('public') || operation.roles.includes('dev');
}

/** The caller of a protected operation, or a 401/403 refusal. Roles come from the contract's `x-shifo-roles`. */
export function authenticate(req: IncomingMessage, operation: Operation, tokens: TokenStore): Principal {
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
  return principal;
}
