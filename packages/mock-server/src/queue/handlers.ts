import type { Handler } from '../handler.js';

/** The waiting-room queue and booking check-in (`/queue/...`) by operationId. */
export const queueHandlers: Record<string, Handler> = {};
