import { caller, type Handler } from '../handler.js';
import { assertMayWatchLocation } from './access.js';
import { buildBoard } from './board.js';
import { requireLocationServices } from './location.js';
import { languageOf } from './request.js';

/** `GET /queue/boards/{locationId}`: the waiting-room board — numbers and rooms, never names. */
export const getQueueBoard: Handler = (context) => {
  const principal = caller(context);
  const locationId = String(context.params.locationId);
  assertMayWatchLocation(principal, locationId);
  const services = requireLocationServices(context.state, locationId);
  const language = languageOf(context);
  return {
    status: 200,
    body: buildBoard(context.state, locationId, services, language),
    headers: { 'Content-Language': language },
  };
};
