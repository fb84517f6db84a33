import { adminHandlers } from './admin/handlers.js';
import { authHandlers } from './auth/handlers.js';
import { feedbackHandlers } from './feedback/handlers.js';
import { fhirHandlers } from './fhir/handlers.js';
import { fhirOperationHandlers } from './fhir/operations/handlers.js';
import type { Handler } from './handler.js';
import { queueHandlers } from './queue/handlers.js';

/** Implementations by the contract's operationId. An operation without one answers 501 `not-supported`. */
export const handlers: Record<string, Handler> = {
  ...authHandlers,
  ...fhirHandlers,
  ...fhirOperationHandlers,
  ...queueHandlers,
  ...feedbackHandlers,
  ...adminHandlers,
};
