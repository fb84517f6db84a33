/**
 * SMART App Launch v2 scopes (`<context>/<Type|*>.<cruds>`) and the plain scopes of Shifo's own areas
 * (`queue`, `feedback`, `admin`, `openid`, …), as docs/contract.md §7 describes them.
 */

export type ScopeContext = 'patient' | 'user' | 'system';

export interface ResourceScope {
  context: ScopeContext;
  /** A FHIR resource type, or `*` for every type. */
  type: string;
  /** Permission letters in canonical order, a subset of `cruds`. */
  letters: string;
}

const LETTER_ORDER = 'cruds';
const SMART_SCOPE = /^(patient|user|system)\/([A-Z][A-Za-z]*|\*)\.([a-z*]+)$/;
/** RFC 6749 §3.3 scope-token characters. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** SMART v1 permission words, still sent by older clients, as v2 letters (v1 `write` had no search). */
const V1_PERMISSIONS: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

function canonicalLetters(letters: Iterable<string>): string {
  const set = new Set(letters);
  return [...LETTER_ORDER].filter((letter) => set.has(letter)).join('');
}

/** A resource scope, or `undefined` for a plain scope or a malformed one. v1 permissions are translated. */
export function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = SMART_SCOPE.exec(scope);
  if (!match) return undefined;
  const [, context, type, permission] = match as unknown as [string, ScopeContext, string, string];
  const letters = V1_PERMISSIONS[permission] ?? permission;
  // v2 letters must be in order and unique (`rs`, never `sr` or `rr`): anything else is not a scope.
  if (!/^c?r?u?d?s?$/.test(letters) || letters === '') return undefined;
  return { context, type, letters };
}

export function formatResourceScope(scope: ResourceScope): string {
  return `${scope.context}/${scope.type}.${scope.letters}`;
}

/** Splits a space-separated `scope` value; `undefined` when a token has characters RFC 6749 does not allow. */
export function splitScopes(value: string): string[] | undefined {
  const tokens = value.split(' ').filter(Boolean);
  return tokens.every((token) => SCOPE_TOKEN.test(token)) ? tokens : undefined;
}

/**
 * One canonical list, in the order given: v1 permissions in v2 letters, letters of the same context and type
 * merged, scopes that a wildcard of the same context already covers dropped, duplicates removed.
 */
export function canonicalScopes(scopes: readonly string[]): string[] {
  // Plain scopes by name, resource scopes by context and type; first appearance decides the position.
  const entries = new Map<string, string | ResourceScope>();
  for (const scope of scopes) {
    const parsed = parseResourceScope(scope);
    if (!parsed) {
      if (!entries.has(scope)) entries.set(scope, scope);
      continue;
    }
    const key = `${parsed.context}/${parsed.type}.`;
    const known = entries.get(key);
    entries.set(
      key,
      typeof known === 'object' ? { ...parsed, letters: canonicalLetters(known.letters + parsed.letters) } : parsed,
    );
  }
  const result: string[] = [];
  for (const entry of entries.values()) {
    if (typeof entry === 'string') {
      result.push(entry);
      continue;
    }
    const wildcard = entry.type === '*' ? undefined : entries.get(`${entry.context}/*.`);
    const covered =
      typeof wildcard === 'object' && [...entry.letters].every((letter) => wildcard.letters.includes(letter));
    if (!covered) result.push(formatResourceScope(entry));
  }
  return result;
}

/** Does one granted scope give what one required scope asks for? */
function grants(granted: string, required: string): boolean {
  const need = parseResourceScope(required);
  if (!need) return granted === required;
  const have = parseResourceScope(granted);
  return (
    have !== undefined &&
    have.context === need.context &&
    (have.type === '*' || have.type === need.type) &&
    [...need.letters].every((letter) => have.letters.includes(letter))
  );
}

/** Every required scope is given by some granted scope (`user/*.rs` gives `user/Patient.r`). */
export function satisfiesAll(granted: readonly string[], required: readonly string[]): boolean {
  return required.every((need) => granted.some((have) => grants(have, need)));
}

/**
 * What of `requested` may be granted when the caller may have at most `allowed`: plain scopes by name, resource
 * scopes narrowed type by type and letter by letter (`user/*.cruds` ∩ `user/Patient.rs` = `user/Patient.rs`).
 */
export function intersectScopes(requested: readonly string[], allowed: readonly string[]): string[] {
  const result: string[] = [];
  for (const scope of requested) {
    const want = parseResourceScope(scope);
    if (!want) {
      if (allowed.includes(scope)) result.push(scope);
      continue;
    }
    for (const may of allowed) {
      const have = parseResourceScope(may);
      if (!have || have.context !== want.context) continue;
      const type = want.type === '*' ? have.type : have.type === '*' || have.type === want.type ? want.type : '';
      const letters = canonicalLetters([...want.letters].filter((letter) => have.letters.includes(letter)));
      if (type && letters) result.push(formatResourceScope({ context: want.context, type, letters }));
    }
  }
  return canonicalScopes(result);
}
