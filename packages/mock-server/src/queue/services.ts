import { HttpError } from '../http/http-error.js';
import type { QueueSchedule, QueueService } from '../seed/types.js';
import type { ServerState } from '../state.js';
import { localInstant, minutesBetween, tashkentDate } from './clock.js';
import { translated, type Language } from '../http/language.js';
import { ticketsOfServiceOnDay } from './ticket-record.js';

/** How early before the first working block of the day a service starts issuing tickets. */
const OPENS_BEFORE_MINUTES = 60;

/** A queue service of the seed, or undefined. Services come from `state.seed`, which a reset replaces. */
export function findService(state: ServerState, serviceId: string): QueueService | undefined {
  return state.seed.queueServices.find((service) => service.id === serviceId);
}

/** A queue service, or 404. */
export function requireService(state: ServerState, serviceId: string, expression?: string): QueueService {
  const service = findService(state, serviceId);
  if (!service) throw HttpError.of(404, 'not-found', `There is no queue service "${serviceId}".`, expression);
  return service;
}

export function servicesAtLocation(state: ServerState, locationId: string): QueueService[] {
  return state.seed.queueServices.filter((service) => service.locationId === locationId);
}

/**
 * What boards show for a room: its short label (`101`, the Location's alias), not its Location id. A room that
 * is not a known Location (a desk may name any room) is shown as given.
 */
export function roomLabel(state: ServerState, room: string): string {
  const location = state.store.read('Location', room);
  const alias = (location?.alias as unknown[] | undefined)?.[0];
  return typeof alias === 'string' && alias !== '' ? alias : room;
}

/** The service's rooms as labels. */
export function roomLabels(state: ServerState, service: QueueService): string[] {
  return service.rooms.map((room) => roomLabel(state, room));
}

/** A location's name in the wanted language. */
export function locationName(state: ServerState, locationId: string, language: Language): string {
  const location = state.store.read('Location', locationId);
  if (!location || typeof location.name !== 'string') return locationId;
  return translated(location.name, location._name, language);
}

export function serviceName(service: QueueService, language: Language): string {
  return service.name[language];
}

function blocksOn(service: QueueService, day: string): QueueSchedule[] {
  return service.schedules.filter((block) => block.date === day);
}

/**
 * Whether tickets can be issued now: on a working day, from an hour before the first block (people queue up
 * before the doors open) until the end of the last block.
 */
export function isOpen(service: QueueService, now: Date): boolean {
  const blocks = blocksOn(service, tashkentDate(now));
  if (blocks.length === 0) return false;
  const opens = Math.min(...blocks.map((b) => localInstant(b.date, b.start).getTime())) - OPENS_BEFORE_MINUTES * 60_000;
  const closes = Math.max(...blocks.map((b) => localInstant(b.date, b.end).getTime()));
  return now.getTime() >= opens && now.getTime() < closes;
}

/** Whether `service` takes tickets now, unless the server was started with queues always open. */
export function openNow(state: Pick<ServerState, 'now' | 'queuesAlwaysOpen'>, service: QueueService): boolean {
  return state.queuesAlwaysOpen || isOpen(service, state.now());
}

/** Rooms working now (at least one, so estimates never divide by zero). */
export function roomsWorking(service: QueueService, now: Date): number {
  const working = blocksOn(service, tashkentDate(now)).filter(
    (b) => localInstant(b.date, b.start) <= now && now < localInstant(b.date, b.end),
  );
  return Math.max(1, new Set(working.map((b) => b.roomId)).size);
}

/** The planned length of one visit: the schedule's slot length. */
function plannedMinutes(service: QueueService, now: Date): number {
  return (blocksOn(service, tashkentDate(now))[0] ?? service.schedules[0])?.slotMinutes ?? 15;
}

/**
 * Average visit length: the mean of the last ten visits finished today, else the schedule's slot length (so
 * estimates exist from the first ticket of the day).
 */
export function averageServiceMinutes(state: ServerState, service: QueueService): number {
  const now = state.now();
  const visits = ticketsOfServiceOnDay(state.store, service.id, tashkentDate(now))
    .filter((t) => t.status === 'done' && t.startedAt && t.finishedAt)
    .sort((a, b) => Date.parse(a.finishedAt!) - Date.parse(b.finishedAt!))
    .slice(-10)
    .map((t) => minutesBetween(new Date(t.startedAt!), new Date(t.finishedAt!)));
  if (visits.length === 0) return plannedMinutes(service, now);
  return Math.round((visits.reduce((sum, m) => sum + m, 0) / visits.length) * 10) / 10;
}
