import type { Handler } from '../handler.js';
import { listDemoUsers } from './demo-users.js';
import { createDevToken } from './dev-tokens.js';
import { clearFaults, getFaults, setFaults } from './faults.js';
import { listRequests } from './request-log.js';
import { resetStore } from './reset-store.js';

/** The dev-only admin API (`/__admin`, off with `--no-admin`) by operationId. */
export const adminHandlers: Record<string, Handler> = {
  createDevToken,
  listDemoUsers,
  resetStore,
  getFaults,
  setFaults,
  clearFaults,
  listRequests,
};
