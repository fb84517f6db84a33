import { HttpError } from '../../../http/http-error.js';
import { errorIssue, type OutcomeIssue } from '../../../http/outcome.js';
import type { NewResource } from '../../../store/resource-store.js';
import { entryIssues } from './entry-outcome.js';
import { hasResourceSchema, resourceSchemaIssues } from './entry-schema.js';
import { urnReferencesOf } from './references.js';

/** One entry of a transaction or batch, checked and ready to write. */
export interface EntryPlan {
  index: number;
  method: 'POST' | 'PUT';
  type: string;
  /** PUT: the id from `request.url`. */
  id?: string;
  fullUrl?: string;
  /** A copy of the entry's resource: reference resolution rewrites it. */
  resource: NewResource;
  ifMatch?: string;
  ifNoneExist?: string;
  /** `urn:` references of the resource: entries that must be written first. */
  dependsOn: Set<string>;
}

export interface RawEntry {
  fullUrl?: unknown;
  resource?: { resourceType?: unknown; id?: unknown; [key: string]: unknown };
  request?: { method?: unknown; url?: unknown; ifMatch?: unknown; ifNoneExist?: unknown };
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

function refuse(status: number, issues: OutcomeIssue[]): never {
  throw new HttpError(status, issues);
}

/** What a Bundle may contain and how strictly its resources are checked. */
export interface EntryRules {
  /** Which resource types the Bundle may write. */
  writable(type: string): boolean;
  /** Validate each resource against its contract schema (off only for the server's own, pre-validated data). */
  validateSchemas: boolean;
}

/**
 * Checks one entry's shape (method, url, resource) and its resource against the contract, before anything is
 * written.
 */
export function planEntry(raw: RawEntry, index: number, rules: EntryRules): EntryPlan {
  const at = `Bundle.entry[${index}]`;
  const request = raw.request;
  if (!request) refuse(400, [errorIssue('required', 'Each entry needs a request (method and url).', `${at}.request`)]);
  const method = request.method;
  if (method !== 'POST' && method !== 'PUT') {
    refuse(400, [
      errorIssue(
        'not-supported',
        'Entries may only create (POST) or update (PUT): records are retired by status, never deleted.',
        `${at}.request.method`,
      ),
    ]);
  }
  const resource = raw.resource;
  if (!resource || typeof resource.resourceType !== 'string') {
    refuse(400, [errorIssue('required', `A ${method} entry carries the resource.`, `${at}.resource`)]);
  }
  const type = resource.resourceType as string;
  if (!hasResourceSchema(type) || !rules.writable(type)) {
    refuse(400, [
      errorIssue('not-supported', `${type} cannot be written through a Bundle.`, `${at}.resource.resourceType`),
    ]);
  }
  const url = typeof request.url === 'string' ? request.url.split('?')[0]! : '';
  const segments = url.replace(/^\/+/, '').split('/');
  let id: string | undefined;
  if (method === 'POST') {
    if (segments.length !== 1 || segments[0] !== type || String(request.url).includes('?')) {
      refuse(400, [errorIssue('value', `A POST entry's url is the resource type: "${type}".`, `${at}.request.url`)]);
    }
  } else {
    id = segments[1];
    if (segments.length !== 2 || segments[0] !== type || !id || !ID.test(id) || String(request.url).includes('?')) {
      refuse(400, [
        errorIssue(
          'value',
          `A PUT entry's url is "${type}/<id>" (conditional updates are not supported).`,
          `${at}.request.url`,
        ),
      ]);
    }
    if (resource.id !== undefined && resource.id !== id) {
      refuse(400, [
        errorIssue('invariant', 'The resource id differs from the id in request.url.', `${at}.resource.id`),
      ]);
    }
  }
  const schemaIssues = rules.validateSchemas ? resourceSchemaIssues(resource as { resourceType: string }) : [];
  if (schemaIssues.length) refuse(400, entryIssues(schemaIssues, index, type));

  const copy = structuredClone(resource) as NewResource;
  if (method === 'POST') delete copy.id;
  else copy.id = id;
  const plan: EntryPlan = { index, method, type, resource: copy, dependsOn: urnReferencesOf(copy) };
  if (id !== undefined) plan.id = id;
  if (typeof raw.fullUrl === 'string') plan.fullUrl = raw.fullUrl;
  if (typeof request.ifMatch === 'string') plan.ifMatch = request.ifMatch;
  if (typeof request.ifNoneExist === 'string') plan.ifNoneExist = request.ifNoneExist;
  return plan;
}
