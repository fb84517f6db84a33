import type { OpenApiDocument } from '../contract/load-contract.js';

/**
 * Each operation's `security`, as alternatives of scope lists: `[['user/Patient.r'], ['system/Patient.r']]`.
 * An empty alternative (`[[]]`, transactions) asks only for a valid token; an operation without `security`
 * inherits the document's, and with none at all asks for no scope.
 */
export type ScopeRequirements = ReadonlyMap<string, readonly (readonly string[])[]>;

type SecurityRequirement = Record<string, string[] | undefined>;

export function scopeRequirements(doc: OpenApiDocument): ScopeRequirements {
  const rootSecurity = doc.security as SecurityRequirement[] | undefined;
  const requirements = new Map<string, string[][]>();
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item)) {
      const { operationId, security } = (operation ?? {}) as { operationId?: unknown; security?: unknown };
      if (typeof operationId !== 'string') continue;
      const alternatives = (security as SecurityRequirement[] | undefined) ?? rootSecurity;
      if (!alternatives || alternatives.length === 0) continue;
      requirements.set(
        operationId,
        alternatives.map((alternative) => Object.values(alternative).flatMap((scopes) => scopes ?? [])),
      );
    }
  }
  return requirements;
}
