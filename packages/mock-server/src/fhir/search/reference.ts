/** A parsed FHIR reference: `Patient/pt-1`, `http://host/fhir/Patient/pt-1/_history/2` → type Patient, id pt-1. */
export interface ParsedReference {
  type: string | undefined;
  id: string;
}

/** Parsed references by text: searches parse the same few thousand references over and over. */
const parsedByText = new Map<string, ParsedReference | undefined>();
const MAX_CACHED = 50_000;

/** Parses a literal reference or a search value (`pt-1`, `Patient/pt-1`, an absolute URL). */
export function parseReference(value: string): ParsedReference | undefined {
  if (parsedByText.has(value)) return parsedByText.get(value);
  if (parsedByText.size >= MAX_CACHED) parsedByText.clear();
  const parsed = parse(value);
  parsedByText.set(value, parsed);
  return parsed;
}

function parse(value: string): ParsedReference | undefined {
  if (value === '' || value.startsWith('#') || value.startsWith('urn:')) return undefined;
  const parts = value.split('?')[0]!.split('/');
  const history = parts.lastIndexOf('_history');
  const segments = history >= 0 ? parts.slice(0, history) : parts;
  const id = segments.at(-1);
  if (!id) return undefined;
  const type = segments.at(-2);
  return Object.freeze({ type: type && /^[A-Z][A-Za-z]+$/.test(type) ? type : undefined, id });
}

/** The reference string of an element: a Reference, a CodeableReference's reference, or a canonical string. */
export function referenceOf(element: unknown): string | undefined {
  if (typeof element === 'string') return element;
  if (!element || typeof element !== 'object') return undefined;
  const record = element as { reference?: unknown };
  if (typeof record.reference === 'string') return record.reference;
  if (record.reference && typeof record.reference === 'object') return referenceOf(record.reference);
  return undefined;
}

/** The referenced resource of an element, if it is a literal reference to one of `targets` (any type if omitted). */
export function referencedResource(element: unknown, targets?: readonly string[]): ParsedReference | undefined {
  const reference = referenceOf(element);
  const parsed = reference === undefined ? undefined : parseReference(reference);
  if (!parsed?.type) return undefined;
  if (targets && !targets.includes(parsed.type)) return undefined;
  return parsed;
}

/**
 * Does an element refer to what a reference search value names? `pt-1` matches `Patient/pt-1` (when Patient is a
 * target of the parameter); `Patient/pt-1` must match type and id.
 */
export function matchesReference(element: unknown, query: ParsedReference, targets?: readonly string[]): boolean {
  const target = referencedResource(element, targets);
  if (!target || target.id !== query.id) return false;
  return query.type === undefined || query.type === target.type;
}
