import { listUsers, mintToken, requestLog, resetServer } from './admin/admin-handlers.js';
import { readPatient, searchPatients } from './fhir/patient-handlers.js';
import type { Handler } from './handler.js';

/** Implementations by the contract's operationId. An operation without one answers 501 `not-supported`. */
export const handlers: Record<string, Handler> = {
  readPatient,
  searchPatients,
  createDevToken: mintToken,
  listDemoUsers: listUsers,
  resetStore: resetServer,
  listRequests: requestLog,
};
