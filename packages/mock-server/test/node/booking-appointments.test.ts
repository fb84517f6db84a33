import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { outcomeOf } from './harness.js';
import { startQueueKit, THERAPIST, type QueueKit, type Ticket, shifoCode } from './queue-support.js';

/** Slot of the family doctor (room 101) on Thursday 12 March 2026 at the given local time. */
const slotAt = (hhmm: string, room = '101') => `slot-yunusobod-therapist-20260312-${hhmm.replace(':', '')}-${room}`;

interface Appointment {
  resourceType: 'Appointment';
  id: string;
  status: string;
  start?: string;
  end?: string;
  created?: string;
  cancellationDate?: string;
  meta: { versionId: string };
  [key: string]: unknown;
}

function booking(patientId: string, slotId: string, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'Appointment',
    identifier: [{ system: 'urn:shifo:request-id', value: randomUUID() }],
    status: 'booked',
    serviceType: [{ concept: { text: 'Oilaviy shifokor (terapevt)' } }],
    slot: [{ reference: `Slot/${slotId}` }],
    subject: { reference: `Patient/${patientId}` },
    participant: [
      { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
      { actor: { reference: 'PractitionerRole/prole-f1-gp1' }, status: 'accepted' },
    ],
    ...extra,
  };
}

describe('booking a slot', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit();
  });
  after(() => kit.h.close());

  const fhirPost = async (path: string, user: string, body: unknown) =>
    fetch(`${kit.h.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await kit.token(user)}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
  const fhirPut = async (path: string, user: string, body: unknown, ifMatch: string) =>
    fetch(`${kit.h.url}${path}`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${await kit.token(user)}`,
        'Content-Type': 'application/fhir+json',
        'If-Match': ifMatch,
      },
      body: JSON.stringify(body),
    });
  const slotStatus = (id: string) => kit.h.server.state.store.read('Slot', id)?.status;

  it('books a free slot: 201, the slot turns busy, times come from the slot', async () => {
    const response = await fhirPost('/fhir/Appointment', 'patient', booking('pt-dilnoza-yusupova', slotAt('10:00')));
    const appointment = (await response.json()) as Appointment;
    assert.equal(response.status, 201, JSON.stringify(appointment));
    kit.h.assertMatchesContract('createAppointment', response, appointment);
    assert.equal(appointment.start, '2026-03-12T10:00:00+05:00');
    assert.equal(appointment.end, '2026-03-12T10:15:00+05:00');
    assert.ok(appointment.created);
    assert.equal(appointment.meta && 'profile' in appointment.meta, false, 'no UZ Core profile for Appointment');
    assert.equal(slotStatus(slotAt('10:00')), 'busy');
  });

  it('lets exactly one of 20 concurrent bookings of one slot succeed; the others get 409 slot-unavailable', async () => {
    const slot = slotAt('10:30');
    const patients = ['pt-dilnoza-yusupova', 'pt-zuhra-saidova', 'pt-bahodir-toshmatov', 'example-nodira'];
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fhirPost('/fhir/Appointment', 'registrar', booking(patients[i % patients.length]!, slot)),
      ),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 409).length, 19, statuses.join(','));
    for (const response of responses.filter((r) => r.status === 409)) {
      const outcome = await outcomeOf(response);
      kit.h.assertMatchesContract('createAppointment', response, outcome);
      assert.equal(shifoCode(outcome), 'slot-unavailable');
      assert.deepEqual(outcome.issue[0]?.expression, ['Appointment.slot[0]']);
    }
    const holders = [...kit.h.server.state.store.all('Appointment')].filter(
      (a) => (a.slot as { reference: string }[] | undefined)?.[0]?.reference === `Slot/${slot}`,
    );
    assert.equal(holders.length, 1, 'one appointment on the slot');
  });

  it('refuses a slot that has already begun (409), an unknown slot and contradicting times (422)', async () => {
    const past = await fhirPost('/fhir/Appointment', 'registrar', booking('pt-zuhra-saidova', slotAt('08:45')));
    assert.equal(past.status, 409);
    assert.equal(shifoCode(await outcomeOf(past)), 'slot-unavailable');
    const unknown = await fhirPost('/fhir/Appointment', 'registrar', booking('pt-zuhra-saidova', 'slot-nowhere'));
    assert.equal(unknown.status, 422);
    kit.h.assertMatchesContract('createAppointment', unknown, await outcomeOf(unknown));
    const wrongTime = await fhirPost(
      '/fhir/Appointment',
      'registrar',
      booking('pt-zuhra-saidova', slotAt('11:00'), { start: '2026-03-12T11:05:00+05:00' }),
    );
    assert.equal(wrongTime.status, 422);
    assert.deepEqual((await outcomeOf(wrongTime)).issue[0]?.expression, ['Appointment.start']);
    assert.equal(slotStatus(slotAt('11:00')), 'free', 'a refused booking takes nothing');
  });

  it('cancelling frees the slot for someone else', async () => {
    const slot = slotAt('11:15');
    const created = (await (
      await fhirPost('/fhir/Appointment', 'patient', booking('pt-dilnoza-yusupova', slot))
    ).json()) as Appointment;
    assert.equal(slotStatus(slot), 'busy');
    const taken = await fhirPost('/fhir/Appointment', 'patient2', booking('pt-zuhra-saidova', slot));
    assert.equal(taken.status, 409);

    const cancel = await fhirPut(
      `/fhir/Appointment/${created.id}`,
      'patient',
      { ...created, status: 'cancelled', cancellationReason: { text: 'Rejalar oʻzgardi' } },
      `W/"${created.meta.versionId}"`,
    );
    const cancelled = (await cancel.json()) as Appointment;
    assert.equal(cancel.status, 200, JSON.stringify(cancelled));
    kit.h.assertMatchesContract('updateAppointment', cancel, cancelled);
    assert.ok(cancelled.cancellationDate);
    assert.equal(slotStatus(slot), 'free');

    const rebooked = await fhirPost('/fhir/Appointment', 'patient2', booking('pt-zuhra-saidova', slot));
    assert.equal(rebooked.status, 201);
  });

  it('keeps a booked slot busy: freeing it through the Slot is refused while the booking holds it', async () => {
    const slot = slotAt('11:30');
    await fhirPost('/fhir/Appointment', 'registrar', booking('pt-zuhra-saidova', slot));
    const current = kit.h.server.state.store.read('Slot', slot)!;
    const response = await fhirPut(
      `/fhir/Slot/${slot}`,
      'admin',
      { ...current, status: 'free' },
      `W/"${current.meta?.versionId}"`,
    );
    assert.equal(response.status, 409);
    assert.equal(shifoCode(await outcomeOf(response)), 'slot-unavailable');
    assert.equal(slotStatus(slot), 'busy');
  });

  it('does not let a patient book for someone else', async () => {
    const response = await fhirPost('/fhir/Appointment', 'patient', booking('pt-zuhra-saidova', slotAt('11:45')));
    assert.equal(response.status, 403);
    assert.equal(slotStatus(slotAt('11:45')), 'free');
  });
});

describe('checking in', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit('2026-03-12T08:40:00+05:00');
  });
  after(() => kit.h.close());

  const book = async (patientId: string, slotId: string): Promise<Appointment> => {
    const response = await fetch(`${kit.h.url}/fhir/Appointment`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await kit.token('registrar')}`, 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify(booking(patientId, slotId)),
    });
    const body = (await response.json()) as Appointment;
    assert.equal(response.status, 201, JSON.stringify(body));
    return body;
  };
  const checkIn = (appointmentId: string, user = 'registrar', body: unknown = {}) =>
    kit.post(`/queue/appointments/${appointmentId}/check-in`, user, body);

  it('turns a booking into a ticket ordered at the booked time (201), and again returns the same ticket (200)', async () => {
    const appointment = await book('pt-dilnoza-yusupova', slotAt('09:15'));
    kit.clock.set('2026-03-12T09:00:00+05:00');
    const walkInEarly = await kit.issue(THERAPIST); // 09:00
    kit.clock.set('2026-03-12T09:10:00+05:00');
    const response = await checkIn(appointment.id);
    const ticket = (await response.json()) as Ticket;
    assert.equal(response.status, 201, JSON.stringify(ticket));
    kit.h.assertMatchesContract('checkInAppointment', response, ticket);
    assert.equal(response.headers.get('location'), `${kit.h.url}/queue/tickets/${ticket.id}`);
    assert.deepEqual(
      {
        bookedStart: ticket.bookedStart,
        appointment: ticket.appointment,
        patient: ticket.patient?.reference,
        serviceId: ticket.serviceId,
        status: ticket.status,
      },
      {
        bookedStart: '2026-03-12T09:15:00+05:00',
        appointment: { reference: `Appointment/${appointment.id}` },
        patient: 'Patient/pt-dilnoza-yusupova',
        serviceId: THERAPIST,
        status: 'waiting',
      },
    );
    assert.equal(kit.h.server.state.store.read('Appointment', appointment.id)?.status, 'checked-in');

    kit.clock.set('2026-03-12T09:20:00+05:00');
    const walkInLate = await kit.issue(THERAPIST); // 09:20
    const line = (await (await kit.get(`/queue/services/${THERAPIST}/tickets?status=waiting`, 'nurse')).json()) as {
      tickets: Ticket[];
    };
    assert.deepEqual(
      line.tickets.map((t) => t.id),
      [walkInEarly.id, ticket.id, walkInLate.id],
      'the booked patient stands at 09:15, between the 09:00 and the 09:20 arrivals',
    );

    const again = await checkIn(appointment.id);
    assert.equal(again.status, 200);
    const same = (await again.json()) as Ticket;
    kit.h.assertMatchesContract('checkInAppointment', again, same);
    assert.equal(same.id, ticket.id);
  });

  it('lets the patient check in their own booking and see its ticket (without the patient reference)', async () => {
    kit.clock.set('2026-03-12T09:20:00+05:00');
    const appointment = await book('pt-zuhra-saidova', slotAt('09:45'));
    const other = await checkIn(appointment.id, 'patient');
    assert.equal(other.status, 403);
    assert.equal(shifoCode(await outcomeOf(other)), 'not-own-record');
    const own = await checkIn(appointment.id, 'patient2');
    const ticket = (await own.json()) as Ticket;
    assert.equal(own.status, 201);
    assert.equal(ticket.patient, undefined);
    assert.deepEqual(ticket.appointment, { reference: `Appointment/${appointment.id}` });
    assert.equal((await kit.get(`/queue/tickets/${ticket.id}`, 'patient2')).status, 200);
  });

  it('refuses outside the window: earlier than 60 minutes before, later than 30 minutes after', async () => {
    kit.clock.set('2026-03-12T09:20:00+05:00');
    const appointment = await book('pt-bahodir-toshmatov', slotAt('11:30', '102'));
    kit.clock.set('2026-03-12T10:29:00+05:00');
    const early = await checkIn(appointment.id);
    assert.equal(early.status, 422);
    const outcome = await outcomeOf(early);
    kit.h.assertMatchesContract('checkInAppointment', early, outcome);
    assert.equal(shifoCode(outcome), 'check-in-window');
    kit.clock.set('2026-03-12T12:01:00+05:00');
    const late = await checkIn(appointment.id);
    assert.equal(shifoCode(await outcomeOf(late)), 'check-in-window');
    kit.clock.set('2026-03-12T12:00:00+05:00');
    const last = await checkIn(appointment.id);
    assert.equal(last.status, 201, `the last minute of the window still works: ${await last.clone().text()}`);
  });

  it('refuses a cancelled appointment (422 appointment-not-bookable) and an unknown one (404)', async () => {
    kit.clock.set('2026-03-12T11:00:00+05:00');
    const appointment = await book('example-nodira', slotAt('11:45', '102'));
    const store = kit.h.server.state.store;
    store.put({ ...store.read('Appointment', appointment.id)!, status: 'cancelled' });
    const cancelled = await checkIn(appointment.id);
    assert.equal(cancelled.status, 422);
    assert.equal(shifoCode(await outcomeOf(cancelled)), 'appointment-not-bookable');
    const unknown = await checkIn('appt-nowhere');
    assert.equal(unknown.status, 404);
    kit.h.assertMatchesContract('checkInAppointment', unknown, await outcomeOf(unknown));
  });

  it('marks the appointment fulfilled when its ticket is completed', async () => {
    kit.clock.set('2026-03-12T12:00:00+05:00');
    const appointment = await book('pt-jasur-aliyev', slotAt('12:30', '102'));
    const ticket = (await (await checkIn(appointment.id, 'nurse')).json()) as Ticket;
    while ((await kit.callNext(THERAPIST, '102')).status === 200) {
      if (kit.h.server.state.store.read('x-QueueTicket', ticket.id)?.status === 'called') break;
    }
    assert.equal((await kit.transition(ticket.id, { action: 'start' })).status, 200);
    assert.equal((await kit.transition(ticket.id, { action: 'complete' })).status, 200);
    assert.equal(kit.h.server.state.store.read('Appointment', appointment.id)?.status, 'fulfilled');
  });
});
