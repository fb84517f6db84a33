import { caller, type Handler, type HandlerContext } from '../../handler.js';
import { HttpError } from '../../http/http-error.js';
import { errorIssue, type IssueCode } from '../../http/outcome.js';
import type { NewResource, StoredResource } from '../../store/resource-store.js';
import { accessFor } from '../access/access-guard.js';
import { writeRules } from '../rules/index.js';
import { findMatches } from '../search/run-search.js';
import { versionHeaders } from '../version-headers.js';
import { auditAccess } from './audit-access.js';
import { resourceOperation } from './resource-operations.js';

export interface CreateOptions {
  /** `If-None-Exist`: a search query (`identifier=urn:shifo:request-id|…`); a match makes the create a replay. */
  ifNoneExist?: string | undefined;
}

export interface CreateResult {
  /** The new resource, or the one `If-None-Exist` matched. */
  stored: StoredResource;
  /** False when `If-None-Exist` matched an existing resource and nothing was written. */
  created: boolean;
}

function criteriaOfQuery(query: string): Map<string, string[]> {
  const criteria = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (name === '_count' || name === '_page' || name === '_sort' || name === '_include') {
      throw HttpError.of(400, 'value', `If-None-Exist takes search criteria only, not "${name}".`, 'If-None-Exist');
    }
    criteria.set(name, [...(criteria.get(name) ?? []), value]);
  }
  if (criteria.size === 0) throw HttpError.of(400, 'value', 'If-None-Exist names no criteria.', 'If-None-Exist');
  return criteria;
}

/** FHIR's issue type for "conditional create matched several"; missing from the server's IssueCode list. */
const MULTIPLE_MATCHES = 'multiple-matches' as string as IssueCode;

/**
 * Creates a resource as the caller: role and access policy, conditional create (`If-None-Exist`: no match →
 * create; one → that one, `created: false`; several → 412), then the type's write rules around the store write,
 * then the AuditEvent. Runs synchronously from check to write, so concurrent requests cannot interleave.
 *
 * The server assigns the id and `meta.versionId`/`meta.lastUpdated`; everything else is stored as sent.
 * Used by `POST /fhir/{Type}` and by transaction Bundles (each entry is checked as its own create).
 */
export function createResource(
  context: HandlerContext,
  resource: NewResource,
  options: CreateOptions = {},
): CreateResult {
  const type = resource.resourceType;
  const guard = accessFor(context.state, caller(context));
  try {
    guard.assertMayWrite('create', resource);
    if (options.ifNoneExist !== undefined) {
      const matches = findMatches(context.state, type, criteriaOfQuery(options.ifNoneExist), 'If-None-Exist');
      if (matches.length > 1) {
        throw new HttpError(412, [
          errorIssue(
            MULTIPLE_MATCHES,
            `If-None-Exist matches ${matches.length} ${type} resources: make the criteria identify one.`,
            'If-None-Exist',
          ),
        ]);
      }
      const [existing] = matches;
      if (existing) {
        guard.assertMayRead(existing);
        auditAccess(context, { interaction: 'read', type, resource: existing, outcome: 'success' });
        return { stored: structuredClone(existing) as StoredResource, created: false };
      }
    }
    const draft = structuredClone(resource);
    delete draft.id;
    writeRules[type]?.beforeCreate?.(context, draft);
    const stored = context.state.store.put(draft);
    writeRules[type]?.afterWrite?.(context, stored);
    auditAccess(context, { interaction: 'create', type, resource: stored, outcome: 'success' });
    return { stored, created: true };
  } catch (failure) {
    if (failure instanceof HttpError) {
      // The id a client put in its body was never assigned: leave it out of the trail.
      auditAccess(context, { interaction: 'create', type, resource: { ...resource, id: undefined }, outcome: 'error' });
    }
    throw failure;
  }
}

/** `POST /fhir/{Type}`: 201 with `Location` (versioned) and `ETag`, or 200 with the match of `If-None-Exist`. */
export const createHandler: Handler = (context) => {
  const { type } = resourceOperation(context.operationId);
  const resource = context.body as NewResource;
  if (resource?.resourceType !== type) {
    throw HttpError.of(400, 'invalid', `This endpoint creates ${type} resources.`, 'resourceType');
  }
  const ifNoneExist = context.params['If-None-Exist'];
  const { stored, created } = createResource(context, resource, {
    ifNoneExist: typeof ifNoneExist === 'string' ? ifNoneExist : undefined,
  });
  const headers = versionHeaders(stored);
  if (!created) return { status: 200, body: stored, headers };
  const location = `${context.origin}/fhir/${type}/${stored.id}/_history/${stored.meta?.versionId ?? '1'}`;
  return { status: 201, body: stored, headers: { ...headers, Location: location } };
};
