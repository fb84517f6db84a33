/** A reference to a `urn:uuid:`/`urn:oid:` that names no entry of the Bundle. */
export interface UnresolvedReference {
  expression: string;
  reference: string;
}

const URN = /^urn:(uuid|oid):/;

/**
 * Rewrites, in place, every `reference` (at any depth: `subject`, `encounter`, `extension[3].valueReference`,
 * `reason[0].reference`, …) that is the `fullUrl` of another entry into that entry's `Type/id`. What stays a
 * bare `urn:` afterwards could never resolve on read, so it is reported rather than stored.
 */
export function resolveReferences(
  node: unknown,
  path: string,
  targets: ReadonlyMap<string, string>,
  unresolved: UnresolvedReference[] = [],
): UnresolvedReference[] {
  if (Array.isArray(node)) {
    node.forEach((item, index) => resolveReferences(item, `${path}[${index}]`, targets, unresolved));
  } else if (node !== null && typeof node === 'object') {
    const object = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(object)) {
      if (key === 'reference' && typeof value === 'string') {
        const target = targets.get(value);
        if (target !== undefined) object[key] = target;
        else if (URN.test(value)) unresolved.push({ expression: `${path}.reference`, reference: value });
      } else if (value !== null && typeof value === 'object') {
        resolveReferences(value, `${path}.${key}`, targets, unresolved);
      }
    }
  }
  return unresolved;
}

/** The `urn:` references of a resource (its dependencies on other entries of the same Bundle). */
export function urnReferencesOf(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) urnReferencesOf(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'reference' && typeof value === 'string' && URN.test(value)) found.add(value);
      else if (value !== null && typeof value === 'object') urnReferencesOf(value, found);
    }
  }
  return found;
}
