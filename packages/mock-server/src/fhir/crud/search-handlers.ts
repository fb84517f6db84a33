import { caller, type Handler, type HandlerContext, type HandlerResult } from '../../handler.js';
import { HttpError } from '../../http/http-error.js';
import { accessFor } from '../access/access-guard.js';
import { refusals } from '../access/refusals.js';
import { pageOf, searchBundle, type Page } from '../search-bundle.js';
import type { Criteria } from '../search/criteria.js';
import { runSearch } from '../search/run-search.js';
import { refuseIdentifyingParameters, refuseUnknownParameters } from '../search/url-parameters.js';
import { auditAccess } from './audit-access.js';
import { resourceOperation, type ResourceOperation } from './resource-operations.js';

/** Parameters that shape the result rather than select resources. */
const RESULT_PARAMETERS = new Set(['_count', '_page', '_sort', '_include', '_format', '_pretty']);

/** Types whose search must name at least one criterion: nobody pages through the national patient register. */
const CRITERION_REQUIRED = new Set(['Patient']);

function asStrings(value: unknown): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values
    .filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map((v) => String(v))
    .filter((v) => v !== '');
}

/** Selection criteria from validated parameters: only names the operation declares, results shaping aside. */
function criteriaOf(values: Record<string, unknown>, operation: ResourceOperation): Criteria {
  const criteria = new Map<string, string[]>();
  for (const name of operation.searchParameters) {
    if (RESULT_PARAMETERS.has(name) || values[name] === undefined) continue;
    const strings = asStrings(values[name]);
    if (strings.length > 0) criteria.set(name, strings);
  }
  return criteria;
}

interface SearchInput {
  operation: ResourceOperation;
  criteria: Criteria;
  sort: string | undefined;
  includes: string[];
  page: Page;
  linkFor(page: number, count: number): string;
}

/**
 * Whether a patient's search names someone else (`patient=` / `subject=`): the contract answers that with 403
 * rather than an empty page, so a patient app can tell "not yours" from "nothing recorded".
 */
function namesAnotherPatient(criteria: Criteria, ownId: string | undefined): boolean {
  return ['patient', 'subject'].some((name) =>
    (criteria.get(name) ?? []).some((value) =>
      value.split(',').some((reference) => {
        const id = /(?:^|\/)([A-Za-z0-9\-.]{1,64})$/.exec(reference.trim())?.[1];
        return id !== undefined && id !== ownId;
      }),
    ),
  );
}

function search(context: HandlerContext, input: SearchInput): HandlerResult {
  const { operation, criteria, page } = input;
  const { type } = operation;
  try {
    if (CRITERION_REQUIRED.has(type) && criteria.size === 0) {
      throw HttpError.of(
        400,
        'required',
        `Give at least one search parameter: ${operation.searchParameters.filter((name) => !RESULT_PARAMETERS.has(name)).join(', ')}.`,
      );
    }
    const principal = caller(context);
    if (principal.role === 'patient' && namesAnotherPatient(criteria, principal.patientId)) {
      throw refusals.notOwnRecord();
    }
    const guard = accessFor(context.state, principal);
    const result = runSearch(context.state, guard, {
      type,
      criteria,
      sort: input.sort,
      page,
      includes: input.includes,
    });
    const [onlyPatient] = result.patientIds.size === 1 ? result.patientIds : [];
    auditAccess(context, { interaction: 'search-type', type, patientId: onlyPatient, outcome: 'success' });
    return {
      status: 200,
      body: searchBundle({
        origin: context.origin,
        matches: result.matches,
        included: result.included,
        total: result.total,
        page,
        linkFor: (n) => input.linkFor(n, page.count),
      }),
    };
  } catch (failure) {
    if (failure instanceof HttpError) auditAccess(context, { interaction: 'search-type', type, outcome: 'error' });
    throw failure;
  }
}

function requestQuery(context: HandlerContext): URLSearchParams {
  return new URL(context.req.url ?? '/', 'http://mock.invalid').searchParams;
}

/** `GET /fhir/{Type}?…`: non-identifying parameters only; paging links repeat the query with another `_page`. */
export const searchByGet: Handler = (context) => {
  const operation = resourceOperation(context.operationId);
  const query = requestQuery(context);
  refuseIdentifyingParameters(query, operation.searchParameters);
  refuseUnknownParameters(query, operation.type, operation.searchParameters);
  return search(context, {
    operation,
    criteria: criteriaOf(context.params, operation),
    sort: typeof context.params._sort === 'string' ? context.params._sort : undefined,
    includes: asStrings(context.params._include),
    page: pageOf(context.params),
    linkFor: (page, count) => {
      const next = new URLSearchParams(query);
      next.set('_page', String(page));
      next.set('_count', String(count));
      return `${context.origin}/fhir/${operation.type}?${next.toString()}`;
    },
  });
};

/**
 * `POST /fhir/{Type}/_search` with a form body, where identifiers may travel. Paging links carry only `_page` and
 * `_count` (docs/contract.md §3): the client re-POSTs its form to them, and those two URL values win over the form's.
 */
export const searchByPost: Handler = (context) => {
  const operation = resourceOperation(context.operationId);
  const form = (context.body ?? {}) as Record<string, unknown>;
  const query = requestQuery(context);
  refuseIdentifyingParameters(query, []);
  refuseUnknownParameters(query, operation.type, ['_page', '_count']);
  const fromUrl = Object.fromEntries(query);
  return search(context, {
    operation,
    criteria: criteriaOf(form, operation),
    sort: typeof form._sort === 'string' ? form._sort : undefined,
    includes: asStrings(form._include),
    page: pageOf({ ...form, ...fromUrl }),
    linkFor: (page, count) => `${context.origin}/fhir/${operation.type}/_search?_page=${page}&_count=${count}`,
  });
};
