import type { Handler } from '../handler.js';

/** Patient feedback links, responses and statistics (`/feedback/...`) by operationId. */
export const feedbackHandlers: Record<string, Handler> = {};
