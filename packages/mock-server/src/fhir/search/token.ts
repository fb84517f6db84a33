/** A token search value: `system|code`, `|code` (no system), `system|` (any code of the system) or `code`. */
export interface TokenQuery {
  /** Undefined: any system; '': no system. */
  system: string | undefined;
  /** '': any code. */
  code: string;
}

export function parseToken(value: string): TokenQuery {
  const bar = value.indexOf('|');
  return bar < 0 ? { system: undefined, code: value } : { system: value.slice(0, bar), code: value.slice(bar + 1) };
}

function matchesPair(system: unknown, code: unknown, query: TokenQuery): boolean {
  if (typeof code !== 'string' && typeof code !== 'number' && typeof code !== 'boolean') return false;
  if (query.code !== '' && String(code) !== query.code) return false;
  if (query.system === undefined) return true;
  return query.system === '' ? system === undefined || system === '' : system === query.system;
}

/**
 * Does a coded element match? Handles what FHIR token parameters point at: `code`/`boolean`/`string` primitives,
 * Coding, CodeableConcept, CodeableReference (its concept) and Identifier.
 */
export function matchesToken(element: unknown, query: TokenQuery): boolean {
  if (typeof element === 'string' || typeof element === 'number' || typeof element === 'boolean') {
    // A primitive code has no system of its own; a system in the query cannot contradict it.
    return query.code === '' || String(element) === query.code;
  }
  if (!element || typeof element !== 'object') return false;
  const record = element as Record<string, unknown>;
  if (Array.isArray(record.coding)) return record.coding.some((coding) => matchesToken(coding, query));
  if (record.concept !== undefined) return matchesToken(record.concept, query);
  if (record.code !== undefined) return matchesPair(record.system, record.code, query);
  if (record.value !== undefined) return matchesPair(record.system, record.value, query);
  return false;
}

/** A sortable text for a coded element: its first code. */
export function tokenSortKey(element: unknown): string | undefined {
  if (typeof element === 'string' || typeof element === 'number' || typeof element === 'boolean') {
    return String(element);
  }
  if (!element || typeof element !== 'object') return undefined;
  const record = element as Record<string, unknown>;
  if (Array.isArray(record.coding)) return tokenSortKey(record.coding[0]);
  if (record.concept !== undefined) return tokenSortKey(record.concept);
  const code = record.code ?? record.value;
  return code === undefined ? undefined : String(code);
}
