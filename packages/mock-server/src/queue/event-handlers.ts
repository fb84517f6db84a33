import { caller, type Handler } from '../handler.js';
import { assertMayWatchLocation } from './access.js';
import { serveEvents } from './event-stream.js';
import { requireLocationServices } from './location.js';
import { languageOf } from './request.js';
import { requireService } from './services.js';
import { isStaff } from './ticket-view.js';

/**
 * `GET /queue/services/{serviceId}/events`: one queue's events. Staff of the queue's facility see who holds each
 * ticket; displays, patients and everyone else get numbers and rooms only.
 */
export const streamServiceEvents: Handler = (context) => {
  const principal = caller(context);
  const service = requireService(context.state, String(context.params.serviceId));
  assertMayWatchLocation(principal, service.locationId);
  const ownFacility = principal.facilityId === undefined || principal.facilityId === service.facilityId;
  return serveEvents(context, {
    locationId: service.locationId,
    services: [service],
    serviceId: service.id,
    audience: isStaff(principal) && ownFacility ? 'staff' : 'public',
    language: languageOf(context),
  });
};

/** `GET /queue/boards/{locationId}/events`: a waiting room's events, always in the public projection. */
export const streamBoardEvents: Handler = (context) => {
  const principal = caller(context);
  const locationId = String(context.params.locationId);
  assertMayWatchLocation(principal, locationId);
  return serveEvents(context, {
    locationId,
    services: requireLocationServices(context.state, locationId),
    audience: 'public',
    language: languageOf(context),
  });
};
