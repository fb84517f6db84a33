import type { Handler } from '../../handler.js';
import { expandValueSet } from './expand/expand-value-set.js';
import { revealPatientIdentifier } from './reveal-identifier.js';
import { getPatientSummary } from './summary/patient-summary.js';
import { processTransaction } from './transaction/transaction-handler.js';

/** FHIR operations (`$summary`, `$reveal-identifier`, `$expand`), transactions and capabilities by operationId. */
export const fhirOperationHandlers: Record<string, Handler> = {
  getPatientSummary,
  revealPatientIdentifier,
  expandValueSet,
  processTransaction,
};
