import { HttpError } from '../../../http/http-error.js';
import { codedIssue } from '../../../http/outcome.js';
import type { EntryWriter } from './entry-writer.js';

/**
 * The server loading its own data (the UZ Core examples at start-up): no caller, so no access policy, and no
 * business rules — an example must read back exactly as published. Versioning and `If-Match` still apply.
 */
export const trustedWriter: EntryWriter = {
  write(plan, store) {
    if (plan.method === 'POST') return { stored: store.put(plan.resource), created: true };
    const current = store.read(plan.type, plan.id!);
    if (current && plan.ifMatch !== undefined && plan.ifMatch.replace(/^W\//, '') !== `"${current.meta?.versionId}"`) {
      throw new HttpError(412, [codedIssue('conflict', 'version-mismatch', 'Version is mismatch', 'If-Match')]);
    }
    return { stored: store.put({ ...plan.resource, id: plan.id! }), created: current === undefined };
  },
};
