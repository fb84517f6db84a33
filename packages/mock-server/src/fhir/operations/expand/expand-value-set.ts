import type { Handler } from '../../../handler.js';
import { HttpError } from '../../../http/http-error.js';
import { LANGUAGES, negotiateLanguage, textIn, type Language } from '../../../http/language.js';
import { searchConcepts } from './concept-search.js';
import { valueSetFor } from './value-sets.js';

const DEFAULT_COUNT = 20;

/**
 * `GET /fhir/ValueSet/$expand`: terminology search for pickers (ICD-10 diagnoses above all). `display` is in
 * `displayLanguage` (else `Accept-Language`), the other languages come as `designation`s.
 */
export const expandValueSet: Handler = (context) => {
  const { params, state, origin } = context;
  const url = String(params.url);
  const valueSet = valueSetFor(url);
  if (!valueSet) {
    throw HttpError.of(404, 'not-found', 'This server does not know that value set.', 'url');
  }
  const filter = typeof params.filter === 'string' ? params.filter : undefined;
  const count = typeof params.count === 'number' ? params.count : DEFAULT_COUNT;
  const offset = typeof params.offset === 'number' ? params.offset : 0;
  const language: Language =
    typeof params.displayLanguage === 'string' && (LANGUAGES as readonly string[]).includes(params.displayLanguage)
      ? (params.displayLanguage as Language)
      : negotiateLanguage(params['Accept-Language']);

  const matches = searchConcepts(state.seed, valueSet, filter);
  const page = matches.slice(offset, offset + count);
  const parameter: Record<string, unknown>[] = [];
  if (filter !== undefined) parameter.push({ name: 'filter', valueString: filter });
  parameter.push({ name: 'displayLanguage', valueCode: language }, { name: 'count', valueInteger: count });
  if (offset > 0) parameter.push({ name: 'offset', valueInteger: offset });

  const expansion: Record<string, unknown> = {
    timestamp: state.now().toISOString(),
    total: matches.length,
    offset,
    parameter,
    contains: page.map((concept) => ({
      system: concept.system,
      code: concept.code,
      display: textIn(concept.display, language),
      designation: LANGUAGES.filter((other) => other !== language).map((other) => ({
        language: other,
        value: textIn(concept.display, other),
      })),
    })),
  };
  if (offset + count < matches.length) {
    const next = new URLSearchParams({ url: valueSet.url, count: String(count), offset: String(offset + count) });
    if (filter !== undefined) next.set('filter', filter);
    next.set('displayLanguage', language);
    expansion.next = `${origin}/fhir/ValueSet/$expand?${next.toString()}`;
  }
  return {
    status: 200,
    headers: { 'Content-Language': language },
    body: {
      resourceType: 'ValueSet',
      url: valueSet.url,
      name: valueSet.name,
      title: valueSet.title,
      status: 'active',
      expansion,
    },
  };
};
