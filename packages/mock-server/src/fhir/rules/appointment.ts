import type { HandlerContext } from '../../handler.js';
import { HttpError } from '../../http/http-error.js';
import { codedIssue, errorIssue } from '../../http/outcome.js';
import type { ResourceStore, StoredResource } from '../../store/resource-store.js';
import type { WriteRule } from './write-rule.js';

/** Appointment statuses that occupy their slots; the others (proposed, pending, cancelled, noshow, …) do not. */
const HOLDING_STATUSES: ReadonlySet<string> = new Set(['booked', 'arrived', 'checked-in', 'fulfilled']);

type AppointmentLike = { resourceType: string; status?: unknown; slot?: unknown; [key: string]: unknown };

function holdsSlots(appointment: AppointmentLike): boolean {
  return HOLDING_STATUSES.has(String(appointment.status));
}

function slotReferences(appointment: AppointmentLike): { reference?: unknown }[] {
  return Array.isArray(appointment.slot) ? (appointment.slot as { reference?: unknown }[]) : [];
}

/** The id in `Slot/<id>` (absolute URLs and versioned references too). */
function referencedSlotId(ref: { reference?: unknown } | undefined): string | undefined {
  return /(?:^|\/)Slot\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(String(ref?.reference ?? ''))?.[1];
}

/** Slot ids an appointment references; a reference that is not to a Slot is 422. */
function slotIdsOf(appointment: AppointmentLike): string[] {
  return slotReferences(appointment).map((ref, index) => {
    const id = referencedSlotId(ref);
    if (id === undefined) {
      throw new HttpError(422, [
        errorIssue('business-rule', 'A booking references its slot as Slot/<id>.', `Appointment.slot[${index}]`),
      ]);
    }
    return id;
  });
}

function slotUnavailable(text: string, index: number): HttpError {
  return new HttpError(409, [codedIssue('conflict', 'slot-unavailable', text, `Appointment.slot[${index}]`)]);
}

/** The slots to take, checked all before any is taken (all or nothing). */
function slotsToTake(context: HandlerContext, ids: readonly string[], all: readonly string[]): StoredResource[] {
  const now = context.state.now().getTime();
  return ids.map((id) => {
    const index = all.indexOf(id);
    const slot = context.state.store.read('Slot', id);
    if (!slot) {
      throw new HttpError(422, [
        errorIssue('business-rule', `Slot/${id} does not exist.`, `Appointment.slot[${index}]`),
      ]);
    }
    if (slot.status !== 'free') throw slotUnavailable('This slot is no longer free: choose another one.', index);
    if (Date.parse(String(slot.start)) <= now) throw slotUnavailable('This slot has already begun.', index);
    return slot;
  });
}

function setSlotStatus(store: ResourceStore, slot: StoredResource, status: string): void {
  store.put({ ...slot, status });
}

/** A booking's start and end are its slots'; missing ones are filled in, contradicting ones refused. */
function alignTimes(appointment: AppointmentLike, slots: readonly StoredResource[]): void {
  if (slots.length === 0) return;
  const starts = slots.map((s) => String(s.start)).sort((a, b) => Date.parse(a) - Date.parse(b));
  const ends = slots.map((s) => String(s.end)).sort((a, b) => Date.parse(a) - Date.parse(b));
  for (const [field, expected] of [
    ['start', starts[0]!],
    ['end', ends.at(-1)!],
  ] as const) {
    const given = appointment[field];
    if (given === undefined) appointment[field] = expected;
    else if (Date.parse(String(given)) !== Date.parse(expected)) {
      throw new HttpError(422, [
        errorIssue(
          'business-rule',
          `Appointment.${field} must be the slot's ${field} (${expected}).`,
          `Appointment.${field}`,
        ),
      ]);
    }
  }
}

/**
 * Booking (docs/contract.md §9): an Appointment that is `booked` (or further along) takes its slots — each must
 * be free and not yet begun — and marks them `busy` in the same synchronous step as the checks, so one slot can
 * never be booked twice, however many requests race (the losers get 409 `slot-unavailable`). Cancelling
 * (or any status that no longer holds the slot) frees it again.
 */
export const appointmentRule: WriteRule = {
  beforeCreate(context, appointment) {
    if (appointment.created === undefined) appointment.created = context.state.now().toISOString();
    if (!holdsSlots(appointment)) return;
    const ids = slotIdsOf(appointment);
    const slots = slotsToTake(context, ids, ids);
    alignTimes(appointment, slots);
    for (const slot of slots) setSlotStatus(context.state.store, slot, 'busy');
  },

  beforeUpdate(context, current, next) {
    const before = holdsSlots(current) ? slotIdsOf(current) : [];
    const after = holdsSlots(next) ? slotIdsOf(next) : [];
    const taken = slotsToTake(
      context,
      after.filter((id) => !before.includes(id)),
      after,
    );
    if (after.length > 0 && taken.length > 0) alignTimes(next, taken);
    if (next.status === 'cancelled' && current.status !== 'cancelled' && next.cancellationDate === undefined) {
      next.cancellationDate = context.state.now().toISOString();
    }
    const { store } = context.state;
    for (const slot of taken) setSlotStatus(store, slot, 'busy');
    for (const id of before.filter((id) => !after.includes(id))) {
      const slot = store.read('Slot', id);
      // Only a slot this booking made busy goes back to free (not one an admin blocked meanwhile).
      if (slot?.status === 'busy') setSlotStatus(store, slot, 'free');
    }
  },
};

/** The appointment that currently holds a slot, if any. */
export function appointmentHoldingSlot(store: ResourceStore, slotId: string): Readonly<StoredResource> | undefined {
  for (const appointment of store.referencing('Appointment', `Slot/${slotId}`)) {
    if (!holdsSlots(appointment)) continue;
    if (slotReferences(appointment).some((ref) => referencedSlotId(ref) === slotId)) return appointment;
  }
  return undefined;
}
