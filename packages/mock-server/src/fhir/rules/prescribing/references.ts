import { asObject, asString } from './json.js';

/**
 * The id a reference points at when it names a resource of `type`: `Type/id`, `Type/id/_history/n` or an
 * absolute URL ending in either. Contained (`#id`) and logical references give undefined.
 */
export function referencedId(reference: unknown, type: string): string | undefined {
  const text = asString(asObject(reference)?.reference);
  if (text === undefined) return undefined;
  return patternFor(type).exec(text)?.[1];
}

// Rules test references on every write: compile each type's pattern once.
const patterns = new Map<string, RegExp>();

function patternFor(type: string): RegExp {
  let pattern = patterns.get(type);
  if (!pattern) {
    pattern = new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-.]{1,64})(?:/_history/[^/]+)?$`);
    patterns.set(type, pattern);
  }
  return pattern;
}

/** `Type/id` as FHIR references write it. */
export function referenceTo(type: string, id: string, display?: string): { reference: string; display?: string } {
  return display === undefined ? { reference: `${type}/${id}` } : { reference: `${type}/${id}`, display };
}

/** Whether a reference names `type/id`. Cheap for the common miss: rules test it on every stored record. */
export function pointsAt(reference: unknown, type: string, id: string): boolean {
  const text = asString(asObject(reference)?.reference);
  return text !== undefined && text.includes(id) && referencedId(reference, type) === id;
}
