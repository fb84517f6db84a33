import type { Principal } from '../../../auth/principal.js';
import { caller, type HandlerContext } from '../../../handler.js';
import { HttpError } from '../../../http/http-error.js';
import { codedIssue } from '../../../http/outcome.js';

/**
 * The caller, refused unless its role may do `action`. The router already enforces the operation's
 * `x-shifo-roles`; this repeats the domain rule for writes that reach the rules another way (transaction entries).
 */
export function callerWithRole(
  context: HandlerContext,
  roles: readonly Principal['role'][],
  action: string,
): Principal {
  const principal = caller(context);
  if (!roles.includes(principal.role)) {
    throw new HttpError(403, [
      codedIssue('forbidden', 'role-forbidden', `The ${principal.role} role may not ${action}.`),
    ]);
  }
  return principal;
}
