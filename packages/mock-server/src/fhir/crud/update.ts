import { caller, type Handler, type HandlerContext } from '../../handler.js';
import { HttpError } from '../../http/http-error.js';
import type { NewResource, StoredResource } from '../../store/resource-store.js';
import { accessFor } from '../access/access-guard.js';
import { writeRules } from '../rules/index.js';
import { versionHeaders } from '../version-headers.js';
import { auditAccess } from './audit-access.js';
import { assertIfMatch } from './if-match.js';
import { resourceOperation } from './resource-operations.js';

/**
 * Replaces `type/id` as the caller: the body must be that resource (`resourceType`, `id`), the resource must exist
 * (no update-as-create), the caller may see and change it, `If-Match` must name the current version; then the
 * type's write rules run around the store write, which assigns the next `versionId`. Synchronous from check to
 * write. Used by `PUT /fhir/{Type}/{id}` and by transaction Bundles.
 */
export function updateResource(
  context: HandlerContext,
  type: string,
  id: string,
  resource: NewResource,
  ifMatch: string | undefined,
): StoredResource {
  const audit = (outcome: 'success' | 'error', touched: NewResource) =>
    auditAccess(context, { interaction: 'update', type, resource: { ...touched, id }, outcome });
  let current: StoredResource | undefined;
  try {
    if (resource.resourceType !== type) {
      throw HttpError.of(400, 'invalid', `The body must be a ${type}.`, 'resourceType');
    }
    if (resource.id !== id) {
      throw HttpError.of(400, 'invalid', `The body's id must be "${id}", the id in the URL.`, `${type}.id`);
    }
    current = context.state.store.read(type, id);
    if (!current) throw HttpError.of(404, 'not-found', `${type}/${id} is not known; create it with POST.`);
    accessFor(context.state, caller(context)).assertMayWrite('update', resource, current);
    assertIfMatch(ifMatch, current.meta?.versionId, `${type}/${id}`);
    const next = structuredClone(resource);
    writeRules[type]?.beforeUpdate?.(context, current, next);
    const stored = context.state.store.put(next);
    writeRules[type]?.afterWrite?.(context, stored);
    audit('success', stored);
    return stored;
  } catch (failure) {
    if (failure instanceof HttpError) audit('error', current ?? resource);
    throw failure;
  }
}

/** `PUT /fhir/{Type}/{id}`: 200 with the new version and its `ETag`. */
export const updateHandler: Handler = (context) => {
  const { type } = resourceOperation(context.operationId);
  const ifMatch = context.req.headers['if-match'];
  const stored = updateResource(
    context,
    type,
    String(context.params.id),
    context.body as NewResource,
    typeof ifMatch === 'string' ? ifMatch : undefined,
  );
  return { status: 200, body: stored, headers: versionHeaders(stored) };
};
