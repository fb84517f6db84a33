import type { Handler } from '../handler.js';
import { authorize } from './authorize-endpoint.js';
import { getSmartConfiguration } from './smart-configuration.js';
import { requestToken } from './token-endpoint.js';

/** OAuth 2.0 and SMART discovery by operationId. */
export const authHandlers: Record<string, Handler> = {
  getSmartConfiguration,
  authorize,
  requestToken,
};
