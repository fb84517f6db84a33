import type { Handler } from '../handler.js';
import { getCapabilityStatement } from './crud/capability-statement.js';
import { createHandler } from './crud/create.js';
import { readResource } from './crud/read.js';
import { resourceOperations, type Interaction } from './crud/resource-operations.js';
import { searchByGet, searchByPost } from './crud/search-handlers.js';
import { updateHandler } from './crud/update.js';

/** One generic handler per interaction; the operation tells it the resource type. */
const byInteraction: Record<Interaction, Handler> = {
  read: readResource,
  'search-get': searchByGet,
  'search-post': searchByPost,
  create: createHandler,
  update: updateHandler,
};

/**
 * FHIR REST interactions (read, search, create, update) for every resource type the contract serves, by
 * operationId — `readPatient`, `listConditions`, `searchObservations`, `createMedicationRequest`, … — plus
 * `GET /fhir/metadata`. Derived from the contract, so a type added there is served here.
 */
export const fhirHandlers: Record<string, Handler> = {
  ...Object.fromEntries(
    [...resourceOperations.values()].map((operation) => [operation.operationId, byInteraction[operation.interaction]]),
  ),
  getCapabilityStatement,
};
