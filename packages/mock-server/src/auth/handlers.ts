import type { Handler } from '../handler.js';

/** OAuth 2.0 and SMART discovery by operationId. */
export const authHandlers: Record<string, Handler> = {};
