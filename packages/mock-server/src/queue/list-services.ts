import { caller, type Handler } from '../handler.js';
import type { QueueService } from '../seed/types.js';
import { assertMayWatchLocation } from './access.js';
import { WaitingLine } from './queue-order.js';
import { languageOf, stringParam } from './request.js';
import { averageServiceMinutes, openNow, roomLabels, serviceName } from './services.js';
import { isStaff } from './ticket-view.js';

/**
 * `GET /queue/services`: the queues of a location, or — without one — those the caller may see: a display its
 * own waiting room's, staff their facility's, patients and back ends without a facility every queue.
 */
export const listQueueServices: Handler = (context) => {
  const principal = caller(context);
  const { state } = context;
  const language = languageOf(context);
  let location = stringParam(context, 'location');
  if (principal.role === 'display') {
    if (location !== undefined) assertMayWatchLocation(principal, location);
    location = principal.locationId ?? '';
  }
  const visible = (service: QueueService): boolean =>
    location !== undefined
      ? service.locationId === location
      : !isStaff(principal) || principal.facilityId === undefined || service.facilityId === principal.facilityId;
  const services = state.seed.queueServices.filter(visible).map((service) => ({
    id: service.id,
    code: service.ticketPrefix,
    name: serviceName(service, language),
    locationId: service.locationId,
    rooms: roomLabels(state, service),
    open: openNow(state, service),
    waitingCount: new WaitingLine(state, service).waiting.length,
    averageServiceMinutes: averageServiceMinutes(state, service),
  }));
  return { status: 200, body: { services }, headers: { 'Content-Language': language } };
};
