/**
 * The codes a token search on `identifier` compares in a resource: each Identifier's `value` (and, for the odd
 * resource whose `identifier` is coded differently, whatever code `matchesToken` would read there). The store
 * indexes them so conditional create (`If-None-Exist: identifier=system|value`) need not scan a whole type; the
 * search still checks the system, so this only has to be a superset of what can match.
 */
export function identifierCodes(resource: Readonly<Record<string, unknown>>): Set<string> {
  const codes = new Set<string>();
  const visit = (element: unknown): void => {
    if (typeof element === 'string' || typeof element === 'number' || typeof element === 'boolean') {
      codes.add(String(element));
      return;
    }
    if (!element || typeof element !== 'object') return;
    const record = element as Record<string, unknown>;
    // The same precedence as matchesToken: coding, then concept, then code, then value.
    if (Array.isArray(record.coding)) for (const coding of record.coding) visit(coding);
    else if (record.concept !== undefined) visit(record.concept);
    else if (record.code !== undefined) visitPrimitive(record.code);
    else if (record.value !== undefined) visitPrimitive(record.value);
  };
  const visitPrimitive = (value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') codes.add(String(value));
  };
  const { identifier } = resource;
  if (Array.isArray(identifier)) for (const element of identifier) visit(element);
  else if (identifier !== undefined && identifier !== null) visit(identifier);
  return codes;
}
