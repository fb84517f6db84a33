import { HttpError } from '../../http/http-error.js';
import { codedIssue, errorIssue } from '../../http/outcome.js';

/** Fourteen digits whose first is 1–6: what a PINFL looks like, wherever it appears in a value. */
const PINFL_SHAPED = /(^|[^0-9])[1-6][0-9]{13}($|[^0-9])/;

/** FHIR parameters any search may carry that change nothing in the result. */
const HARMLESS = new Set(['_format', '_pretty']);

function isIdentifyingName(name: string): boolean {
  return name === 'identifier' || name.endsWith(':identifier');
}

/**
 * Refuses personal identifiers in a URL (docs/contract.md §3): an `identifier` or `…:identifier` parameter the
 * operation does not declare as public (organisation and medicine registry numbers are), or any value shaped like a
 * PINFL. The answer names the parameter, never the value.
 */
export function refuseIdentifyingParameters(query: URLSearchParams, declared: readonly string[]): void {
  for (const [name, value] of query) {
    if ((isIdentifyingName(name) && !declared.includes(name)) || PINFL_SHAPED.test(value)) {
      throw new HttpError(400, [
        codedIssue(
          'invalid',
          'identifying-param-in-url',
          `"${name.slice(0, 64)}" carries a personal identifier: send it in the form body of POST …/_search, never in a URL.`,
          name.slice(0, 64),
        ),
      ]);
    }
  }
}

/** A GET search refuses parameters the contract does not declare, as the POST form does (a typo must not widen it). */
export function refuseUnknownParameters(query: URLSearchParams, type: string, allowed: readonly string[]): void {
  for (const name of new Set(query.keys())) {
    if (allowed.includes(name) || HARMLESS.has(name)) continue;
    throw new HttpError(400, [
      errorIssue(
        'not-supported',
        `${type} takes no URL parameter "${name.slice(0, 64)}" here. Allowed: ${allowed.join(', ')}.`,
        name.slice(0, 64),
      ),
    ]);
  }
}
