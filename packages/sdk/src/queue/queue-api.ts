import type { ClientContext } from '../client-context.js';

/** The waiting-room queue (being written: see the lead's brief). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QueueApi {}

export function createQueueApi(_context: ClientContext): QueueApi {
  return {};
}
