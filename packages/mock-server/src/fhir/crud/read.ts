import { caller, type Handler } from '../../handler.js';
import { HttpError } from '../../http/http-error.js';
import { accessFor } from '../access/access-guard.js';
import { versionHeaders } from '../version-headers.js';
import { auditAccess } from './audit-access.js';
import { resourceOperation } from './resource-operations.js';

/** `GET /fhir/{Type}/{id}`: the current version with `ETag` and `Last-Modified`, if the caller may see it. */
export const readResource: Handler = (context) => {
  const { type } = resourceOperation(context.operationId);
  const id = String(context.params.id);
  const stored = context.state.store.read(type, id);
  if (!stored) {
    auditAccess(context, { interaction: 'read', type, resource: { resourceType: type, id }, outcome: 'error' });
    throw HttpError.of(404, 'not-found', `${type}/${id} is not known.`);
  }
  const guard = accessFor(context.state, caller(context));
  const refusal = guard.readRefusal(stored);
  auditAccess(context, { interaction: 'read', type, resource: stored, outcome: refusal ? 'error' : 'success' });
  if (refusal) throw refusal;
  return { status: 200, body: guard.view(stored), headers: versionHeaders(stored) };
};
