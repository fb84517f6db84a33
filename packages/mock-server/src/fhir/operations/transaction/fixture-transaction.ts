import { HttpError } from '../../../http/http-error.js';
import type { ResourceStore, StoredResource } from '../../../store/resource-store.js';
import { hasResourceSchema } from './entry-schema.js';
import { processBundle } from './process-bundle.js';
import { trustedWriter } from './trusted-writer.js';

/** The resources as one `transaction` Bundle of PUTs: each keeps its id, as published. */
export function fixtureTransaction(resources: readonly StoredResource[]): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    })),
  };
}

/**
 * Loads the UZ Core examples the way a client would send them — one atomic transaction of PUTs — but as the
 * server's own data: no caller, no business rules, so they read back exactly as published. A Bundle that does
 * not go through stops the server from starting.
 */
export function loadThroughTransaction(
  store: ResourceStore,
  resources: readonly StoredResource[],
  now: () => Date,
): void {
  try {
    processBundle(
      {
        store,
        now,
        origin: 'http://localhost',
        writer: trustedWriter,
        writable: hasResourceSchema,
        // The examples are validated against the contract by the test suite; compiling every schema here would
        // cost half a second of start-up.
        validateSchemas: false,
        returnRepresentation: false,
      },
      fixtureTransaction(resources),
    );
  } catch (failure) {
    if (!(failure instanceof HttpError)) throw failure;
    const problems = failure.outcome.issue.map(
      (issue) => `${issue.expression?.join(', ') ?? ''}: ${issue.diagnostics}`,
    );
    throw new Error(`The UZ Core examples do not load through a transaction:\n${problems.join('\n')}`);
  }
}
