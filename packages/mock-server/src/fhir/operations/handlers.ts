import type { Handler } from '../../handler.js';

/** FHIR operations (`$summary`, `$reveal-identifier`, `$expand`), transactions and capabilities by operationId. */
export const fhirOperationHandlers: Record<string, Handler> = {};
