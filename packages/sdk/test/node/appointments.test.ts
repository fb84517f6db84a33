import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ShifoError } from '../../src/index.js';
import { type ShifoClient } from '../../src/index.js';
import { losingFirstAnswer, startQueueServer, THERAPIST, type QueueServer } from './support/queue-server.js';
import { refusal } from './support/refusal.js';

/** The family doctor's slot (room 101) on Thursday 12 March 2026 at a local time. */
const slotAt = (hhmm: string) => `slot-yunusobod-therapist-20260312-${hhmm.replace(':', '')}-101`;
const DILNOZA = 'pt-dilnoza-yusupova';

describe('appointments helpers against the mock server', () => {
  let mock: QueueServer;
  let registrar: ShifoClient;
  let patient: ShifoClient;
  before(async () => {
    mock = await startQueueServer();
    registrar = mock.client('registrar', { locale: 'en' });
    patient = mock.client('patient', { locale: 'en' });
  });
  after(() => mock.close());

  const slotStatus = (id: string) => mock.server.state.store.read('Slot', id)?.status;
  const holders = (slotId: string) =>
    [...mock.server.state.store.all('Appointment')].filter(
      (a) =>
        (a.slot as { reference?: string }[] | undefined)?.[0]?.reference === `Slot/${slotId}` && a.status === 'booked',
    );

  it('freeSlots lists free slots of a service, earliest first, within the range', async () => {
    const slots = await patient.appointments.freeSlots({
      serviceId: THERAPIST,
      from: '2026-03-12T09:30:00+05:00',
      to: '2026-03-13',
      count: 50,
    });
    assert.ok(slots.length > 0);
    assert.ok(slots.every((slot) => slot.status === 'free' && slot.schedule.reference === `Schedule/${THERAPIST}`));
    const starts = slots.map((slot) => Date.parse(slot.start));
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    assert.ok(starts[0]! >= Date.parse('2026-03-12T09:30:00+05:00'));
    assert.ok(starts.every((start) => start < Date.parse('2026-03-13T00:00:00+05:00')));
  });

  it('book takes the slot; a second booking of it is refused with slot-unavailable', async () => {
    const appointment = await patient.appointments.book(slotAt('10:00'), DILNOZA, {
      practitionerRoleId: 'prole-f1-gp1',
    });
    assert.equal(appointment.status, 'booked');
    assert.equal(appointment.start, '2026-03-12T10:00:00+05:00');
    assert.equal(slotStatus(slotAt('10:00')), 'busy');
    const error = await refusal(registrar.appointments.book(slotAt('10:00'), DILNOZA));
    assert.equal(error.status, 409);
    assert.equal(error.code, 'slot-unavailable');
    const free = await patient.appointments.freeSlots({
      serviceId: THERAPIST,
      from: '2026-03-12T09:30:00+05:00',
      to: '2026-03-12T11:00:00+05:00',
    });
    assert.ok(!free.some((slot) => slot.id === slotAt('10:00')), 'a booked slot is no longer offered');
  });

  it('of 20 concurrent bookings of one slot exactly one succeeds', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => registrar.appointments.book(slotAt('10:30'), DILNOZA)),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      assert.equal(((result as PromiseRejectedResult).reason as ShifoError).code, 'slot-unavailable');
    }
    assert.equal(holders(slotAt('10:30')).length, 1);
  });

  it('a booking whose answer is lost is sent again and the server holds one appointment', async () => {
    const losing = losingFirstAnswer(
      (request) => request.method === 'POST' && request.url.endsWith('/fhir/Appointment'),
    );
    const flaky = mock.client('registrar', { fetch: losing.fetch });
    const appointment = await flaky.appointments.book(slotAt('12:00'), DILNOZA);
    assert.equal(losing.lost(), 1);
    assert.equal(appointment.status, 'booked');
    assert.deepEqual(
      holders(slotAt('12:00')).map((a) => a.id),
      [appointment.id],
    );
  });

  it('cancel frees the slot with the reason; another patient can then book it', async () => {
    const booked = await patient.appointments.book(slotAt('11:15'), DILNOZA);
    const cancelled = await patient.appointments.cancel(booked.id!, 'Cannot come');
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancellationReason?.text, 'Cannot come');
    assert.equal(slotStatus(slotAt('11:15')), 'free');
    assert.equal((await registrar.appointments.book(slotAt('11:15'), DILNOZA)).status, 'booked');
  });

  it('checkIn issues a ticket near the booked time, the same ticket again on a second check-in', async () => {
    const booked = await patient.appointments.book(slotAt('09:45'), DILNOZA);
    const ticket = await registrar.appointments.checkIn(booked.id!);
    assert.equal(ticket.serviceId, THERAPIST);
    assert.equal(ticket.bookedStart, '2026-03-12T09:45:00+05:00');
    assert.equal(ticket.appointment?.reference, `Appointment/${booked.id}`);
    assert.equal((await registrar.appointments.get(booked.id!)).status, 'checked-in');
    assert.equal((await registrar.appointments.checkIn(booked.id!)).id, ticket.id);
  });

  it('checkIn outside the window is refused with check-in-window; a cancelled booking with appointment-not-bookable', async () => {
    const later = await patient.appointments.book(slotAt('10:45'), DILNOZA);
    const early = await refusal(registrar.appointments.checkIn(later.id!));
    assert.equal(early.status, 422);
    assert.equal(early.code, 'check-in-window');
    await patient.appointments.cancel(later.id!, 'Changed plans');
    const cancelled = await refusal(registrar.appointments.checkIn(later.id!));
    assert.equal(cancelled.code, 'appointment-not-bookable');
  });
});
