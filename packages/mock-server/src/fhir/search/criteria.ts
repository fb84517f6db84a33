import { uzbekSearchKey } from '@shifo/sdk';
import { HttpError } from '../../http/http-error.js';
import type { ServerState } from '../../state.js';
import type { StoredResource } from '../../store/resource-store.js';
import { compareRange, parseDateQuery, rangeOfElement } from './date-range.js';
import {
  matchesReference,
  parseReference,
  referencedResource,
  referenceOf,
  type ParsedReference,
} from './reference.js';
import { parameterValues, searchParameter, type SearchParameter } from './search-parameters.js';
import { identifierCandidates } from './identifier-candidates.js';
import { matchesToken, parseToken } from './token.js';

/** Search criteria: parameter name (with modifier) → its values; every value must match (AND). */
export type Criteria = ReadonlyMap<string, readonly string[]>;

export type Predicate = (resource: Readonly<StoredResource>) => boolean;

/** Where criteria came from, for the `expression` of a refusal. */
export type CriteriaSource = 'search' | 'If-None-Exist';

function refuse(source: CriteriaSource, name: string, text: string): HttpError {
  return HttpError.of(400, 'value', text, source === 'search' ? name : 'If-None-Exist');
}

/** Comma means OR inside one value (`status=active,on-hold`); `\,` is a literal comma. */
export function alternatives(value: string): string[] {
  return value.split(/(?<!\\),/).map((part) => part.replace(/\\,/g, ','));
}

function words(key: string): string[] {
  return key.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}

/**
 * FHIR string search, the Uzbek way: every word of the query starts some word of the value, compared by
 * `uzbekSearchKey` (case, script and apostrophe variants folded), as `matchesUzbek` does — with the query folded
 * once rather than per resource.
 */
function stringPredicate(
  values: (resource: Readonly<StoredResource>) => readonly unknown[],
  queries: string[],
): Predicate {
  const wanted = queries.map((query) => words(uzbekSearchKey(query)));
  return (resource) => {
    const strings = values(resource).filter((value): value is string => typeof value === 'string');
    if (strings.length === 0) return false;
    const have = words(uzbekSearchKey(strings.join(' ')));
    return wanted.some((query) => query.every((word) => have.some((candidate) => candidate.startsWith(word))));
  };
}

function uriMatches(element: unknown, query: string): boolean {
  return typeof element === 'string' && (element === query || element.split('|')[0] === query);
}

/** Ids of the resources of `type` whose identifier matches one of the tokens (for `patient:identifier`). */
function idsByIdentifier(state: ServerState, type: string, tokens: string[]): Set<string> {
  const queries = tokens.map(parseToken);
  const ids = new Set<string>();
  for (const resource of identifierCandidates(state, type, queries)) {
    const identifiers = (resource.identifier as unknown[] | undefined) ?? [];
    if (identifiers.some((identifier) => queries.some((query) => matchesToken(identifier, query)))) {
      ids.add(resource.id);
    }
  }
  return ids;
}

function compileOne(state: ServerState, type: string, name: string, value: string, source: CriteriaSource): Predicate {
  const [base = name, modifier] = name.split(':', 2);
  const parameter: SearchParameter | undefined = searchParameter(type, base);
  if (!parameter) throw refuse(source, name, `${type} has no search parameter "${base}".`);
  const values = (resource: Readonly<StoredResource>) => parameterValues(parameter, resource, state);
  const options = alternatives(value);

  if (modifier !== undefined) {
    const target = parameter.targets?.[0];
    if (modifier !== 'identifier' || parameter.type !== 'reference' || !target) {
      throw refuse(source, name, `The modifier ":${modifier}" is not supported on "${base}".`);
    }
    const ids = idsByIdentifier(state, target, options);
    return (resource) =>
      values(resource).some((element) => {
        const referenced = referencedResource(element, [target]);
        return referenced !== undefined && ids.has(referenced.id);
      });
  }

  switch (parameter.type) {
    case 'string':
      return stringPredicate(values, options);
    case 'token': {
      const queries = options.map(parseToken);
      return (resource) => values(resource).some((element) => queries.some((query) => matchesToken(element, query)));
    }
    case 'uri':
      return (resource) => values(resource).some((element) => options.some((query) => uriMatches(element, query)));
    case 'date': {
      const queries = options.map((option) => {
        const parsed = parseDateQuery(option);
        if (!parsed) throw refuse(source, name, `"${option.slice(0, 40)}" is not a FHIR date search value.`);
        return parsed;
      });
      return (resource) =>
        values(resource).some((element) => {
          const range = rangeOfElement(element);
          return range !== undefined && queries.some((query) => compareRange(query.prefix, range, query.range));
        });
    }
    case 'reference': {
      const queries = options.map((option) => {
        const parsed = parseReference(option);
        if (!parsed) throw refuse(source, name, `"${option.slice(0, 80)}" is not a reference.`);
        return parsed;
      });
      const targets = parameter.targets;
      // Nearly every stored reference is relative (`Patient/pt-1`): compare those as text, parse only the rest.
      const exact = new Set(
        queries.flatMap((query) =>
          query.type ? [`${query.type}/${query.id}`] : (targets ?? []).map((target) => `${target}/${query.id}`),
        ),
      );
      const textOnly = targets !== undefined || queries.every((query) => query.type !== undefined);
      return (resource) =>
        values(resource).some((element) => {
          const text = referenceOf(element);
          if (text === undefined) return false;
          if (exact.has(text)) return true;
          if (textOnly && !text.includes('/_history') && !text.includes('://')) return false;
          return queries.some((query: ParsedReference) => matchesReference(element, query, targets));
        });
    }
  }
}

/** Compiles criteria into predicates; an unknown parameter or malformed value is a 400. */
export function compileCriteria(
  state: ServerState,
  type: string,
  criteria: Criteria,
  source: CriteriaSource,
): Predicate[] {
  const predicates: Predicate[] = [];
  for (const [name, values] of criteria) {
    for (const value of values) predicates.push(compileOne(state, type, name, value, source));
  }
  return predicates;
}
