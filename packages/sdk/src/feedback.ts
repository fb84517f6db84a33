import type { ClientContext } from './client-context.js';

/** Patient feedback (being written: see the lead's brief). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FeedbackApi {}

export function createFeedbackApi(_context: ClientContext): FeedbackApi {
  return {};
}
