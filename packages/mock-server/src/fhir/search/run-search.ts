import { HttpError } from '../../http/http-error.js';
import type { ServerState } from '../../state.js';
import type { StoredResource } from '../../store/resource-store.js';
import type { AccessGuard } from '../access/access-guard.js';
import { patientIdsOf } from '../access/patient-links.js';
import type { Page } from '../search-bundle.js';
import { alternatives, compileCriteria, type Criteria, type CriteriaSource, type Predicate } from './criteria.js';
import { identifierCandidates } from './identifier-candidates.js';
import { referencedResource } from './reference.js';
import { parameterValues, searchParameter } from './search-parameters.js';
import { parseSort, sortResources } from './sort.js';
import { matchesToken, parseToken } from './token.js';

export interface SearchRequest {
  type: string;
  criteria: Criteria;
  /** `_sort`, e.g. `-date`. */
  sort?: string | undefined;
  page: Page;
  /** `_include` values, e.g. `MedicationRequest:medication`. */
  includes?: readonly string[];
}

export interface SearchResult {
  /** Matches the caller may see, over all pages. */
  total: number;
  /** This page's matches, as the caller may see them. */
  matches: Readonly<StoredResource>[];
  included: Readonly<StoredResource>[];
  /** The patients whose data this page shows (for the AuditEvent). */
  patientIds: Set<string>;
}

/** Records FHIR says a search skips unless asked for explicitly (docs: `entered-in-error` conditions). */
const HIDDEN_UNLESS_ASKED: Readonly<Record<string, { parameter: string; hidden: Predicate }>> = {
  Condition: {
    parameter: 'verification-status',
    hidden: (condition) => matchesToken(condition.verificationStatus, { system: undefined, code: 'entered-in-error' }),
  },
};

function hiddenFilter(type: string, criteria: Criteria): Predicate | undefined {
  const rule = HIDDEN_UNLESS_ASKED[type];
  return rule && !criteria.has(rule.parameter) ? rule.hidden : undefined;
}

/**
 * The resources a search walks: with an `identifier` criterion (conditional create, `POST _search identifier=`) only
 * those the store's identifier index names for it, else every current resource of the type. Either way in the
 * store's order, and still checked against every predicate.
 */
function candidates(state: ServerState, type: string, criteria: Criteria): Iterable<Readonly<StoredResource>> {
  const [identifier] = criteria.get('identifier') ?? [];
  if (identifier === undefined) return state.store.all(type);
  return identifierCandidates(state, type, alternatives(identifier).map(parseToken));
}

/**
 * Every current resource of a type that meets the criteria, regardless of who asks (conditional create, chained
 * parameters). The store's objects are not copied: read them, never change them.
 */
export function findMatches(
  state: ServerState,
  type: string,
  criteria: Criteria,
  source: CriteriaSource,
): Readonly<StoredResource>[] {
  const predicates = compileCriteria(state, type, criteria, source);
  const matches: Readonly<StoredResource>[] = [];
  for (const resource of candidates(state, type, criteria)) {
    if (predicates.every((predicate) => predicate(resource))) matches.push(resource);
  }
  return matches;
}

function includedResources(
  state: ServerState,
  guard: AccessGuard,
  type: string,
  includes: readonly string[],
  matches: readonly Readonly<StoredResource>[],
): Readonly<StoredResource>[] {
  const seen = new Set(matches.map((resource) => `${resource.resourceType}/${resource.id}`));
  const included: Readonly<StoredResource>[] = [];
  for (const include of includes) {
    const [source, name = ''] = include.split(':');
    const parameter = searchParameter(type, name);
    if (source !== type || parameter?.type !== 'reference') {
      throw HttpError.of(400, 'value', `"${include.slice(0, 80)}" cannot be included in a ${type} search.`, '_include');
    }
    for (const match of matches) {
      for (const element of parameterValues(parameter, match, state)) {
        const target = referencedResource(element, parameter.targets);
        if (!target?.type || seen.has(`${target.type}/${target.id}`)) continue;
        seen.add(`${target.type}/${target.id}`);
        const resource = state.store.read(target.type, target.id);
        // Included resources obey the same policy as matches; what the caller may not see is silently left out.
        if (resource && guard.mayRead(resource)) included.push(guard.view(resource));
      }
    }
  }
  return included;
}

/**
 * A FHIR search as the caller sees it: the criteria, then the access policy (what they may not see is left out
 * silently, and not counted), then `_sort`, then one page. Walks the type's current versions once, without copying.
 */
export function runSearch(state: ServerState, guard: AccessGuard, request: SearchRequest): SearchResult {
  const { type, criteria, page } = request;
  const sortFields = parseSort(state, type, request.sort);
  const predicates = compileCriteria(state, type, criteria, 'search');
  const hidden = hiddenFilter(type, criteria);
  const visible: Readonly<StoredResource>[] = [];
  for (const resource of candidates(state, type, criteria)) {
    if (hidden?.(resource)) continue;
    if (!predicates.every((predicate) => predicate(resource))) continue;
    if (guard.mayRead(resource)) visible.push(resource);
  }
  sortResources(visible, sortFields);
  const start = (page.page - 1) * page.count;
  const matches = visible.slice(start, start + page.count).map((resource) => guard.view(resource));
  const patientIds = new Set(matches.flatMap((resource) => patientIdsOf(resource)));
  return {
    total: visible.length,
    matches,
    included: includedResources(state, guard, type, request.includes ?? [], matches),
    patientIds,
  };
}
