import { HttpError } from '../http/http-error.js';
import type { QueueService } from '../seed/types.js';
import type { ServerState } from '../state.js';
import { servicesAtLocation } from './services.js';

/** The queue services of a waiting room; 404 when the location is unknown. */
export function requireLocationServices(state: ServerState, locationId: string): QueueService[] {
  const services = servicesAtLocation(state, locationId);
  if (services.length === 0 && !state.store.read('Location', locationId)) {
    throw HttpError.of(404, 'not-found', `There is no location "${locationId}".`);
  }
  return services;
}
