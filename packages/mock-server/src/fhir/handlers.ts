import type { Handler } from '../handler.js';
import { readPatient, searchPatients } from './patient-handlers.js';

/** FHIR REST interactions (read, search, create, update) by operationId. */
export const fhirHandlers: Record<string, Handler> = { readPatient, searchPatients };
