import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { tashkentDate } from '../../src/queue/clock.js';
import { outcomeOf } from './harness.js';
import {
  CARDIOLOGY_F2,
  DENTIST,
  startQueueKit,
  THERAPIST,
  WAITING_ROOM,
  type QueueKit,
  type Ticket,
  shifoCode,
} from './queue-support.js';

describe('queue services', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit();
  });
  after(() => kit.h.close());

  it('lists the services of a waiting room with prefixes, room labels and localised names', async () => {
    const response = await kit.get(`/queue/services?location=${WAITING_ROOM}`, 'registrar', {
      'Accept-Language': 'ru',
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-language'), 'ru');
    const body = (await response.json()) as { services: Record<string, unknown>[] };
    kit.h.assertMatchesContract('listQueueServices', response, body);
    const therapist = body.services.find((s) => s.id === THERAPIST);
    assert.deepEqual(
      { code: therapist?.code, name: therapist?.name, rooms: therapist?.rooms, open: therapist?.open },
      { code: 'TER', name: 'Семейный врач (терапевт)', rooms: ['101', '102'], open: true },
    );
    assert.equal(body.services.length, 5);
    assert.ok(body.services.every((s) => s.locationId === WAITING_ROOM));
  });

  it('names services in Uzbek Cyrillic and English too', async () => {
    const names: string[] = [];
    for (const language of ['uz-Cyrl', 'en', 'uz']) {
      const response = await kit.get(`/queue/services?location=${WAITING_ROOM}`, 'registrar', {
        'Accept-Language': language,
      });
      const body = (await response.json()) as { services: { id: string; name: string }[] };
      names.push(body.services.find((s) => s.id === THERAPIST)!.name);
    }
    assert.deepEqual(names, ['Оилавий шифокор (терапевт)', 'Family doctor', 'Oilaviy shifokor (terapevt)']);
  });

  it("without a location shows staff their own facility's services only", async () => {
    const response = await kit.get('/queue/services', 'doctor2');
    const body = (await response.json()) as { services: { id: string }[] };
    assert.ok(body.services.length >= 4);
    assert.ok(body.services.every((s) => s.id.startsWith('qs-tashkent-hospital-')));
  });

  it("shows a display its own waiting room only and refuses another's", async () => {
    const own = await kit.get('/queue/services', 'display');
    const body = (await own.json()) as { services: { locationId: string }[] };
    assert.equal(body.services.length, 5);
    assert.ok(body.services.every((s) => s.locationId === WAITING_ROOM));
    const other = await kit.get('/queue/services?location=loc-nukus-waiting-room', 'display');
    assert.equal(other.status, 403);
    assert.equal(shifoCode(await outcomeOf(other)), 'role-forbidden');
  });
});

describe('issuing tickets', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit();
  });
  after(() => kit.h.close());

  it('numbers tickets with the service prefix and a 3-digit daily counter', async () => {
    const first = await kit.issue(DENTIST);
    const second = await kit.issue(DENTIST);
    assert.equal(first.number, 'STM-001');
    assert.equal(second.number, 'STM-002');
    assert.equal(first.status, 'waiting');
    assert.equal(first.priority, 'normal');
    assert.equal(first.room, null);
    assert.equal(first.version, 1);
    assert.equal(first.issuedAt, '2026-03-12T09:00:00+05:00');
    assert.deepEqual([first.position, second.position], [1, 2]);
  });

  it('restarts the counter every day, at midnight in Tashkent', async () => {
    kit.clock.set('2026-03-12T16:30:00+05:00');
    assert.equal((await kit.issue(DENTIST)).number, 'STM-003');
    // Queues are closed between local midnight and 05:00 (UTC midnight): the day itself is checked directly.
    assert.equal(tashkentDate(new Date('2026-03-12T19:30:00Z')), '2026-03-13');
    assert.equal(tashkentDate(new Date('2026-03-12T18:59:59Z')), '2026-03-12');
    kit.clock.set('2026-03-13T08:00:00+05:00');
    const nextDay = await kit.issue(DENTIST);
    assert.equal(nextDay.number, 'STM-001');
    assert.equal(nextDay.position, 1, "yesterday's waiting tickets are not in today's line");
    kit.clock.set('2026-03-12T09:00:00+05:00');
  });

  it('returns the ticket with a Location header and the patient for staff', async () => {
    const response = await kit.post(`/queue/services/${THERAPIST}/tickets`, 'registrar', {
      priority: 'urgent',
      patient: { reference: 'Patient/pt-dilnoza-yusupova', display: 'Yusupova Dilnoza' },
    });
    assert.equal(response.status, 201);
    const ticket = (await response.json()) as Ticket;
    kit.h.assertMatchesContract('issueTicket', response, ticket);
    assert.equal(response.headers.get('location'), `${kit.h.url}/queue/tickets/${ticket.id}`);
    assert.deepEqual(ticket.patient, { reference: 'Patient/pt-dilnoza-yusupova', display: 'Yusupova Dilnoza' });
    assert.equal(ticket.priority, 'urgent');
  });

  it('writes an AuditEvent when a ticket names a patient', async () => {
    const before = [...kit.h.server.state.store.all('AuditEvent')].length;
    await kit.issue(THERAPIST, { patient: { reference: 'Patient/pt-bahodir-toshmatov' } });
    const audits = [...kit.h.server.state.store.all('AuditEvent')];
    assert.equal(audits.length, before + 1);
    assert.deepEqual(audits.at(-1)?.patient, { reference: 'Patient/pt-bahodir-toshmatov' });
  });

  it('refuses a reference to an unknown patient with 422 naming the field', async () => {
    const response = await kit.post(`/queue/services/${THERAPIST}/tickets`, 'registrar', {
      patient: { reference: 'Patient/nobody-here' },
    });
    assert.equal(response.status, 422);
    const outcome = await outcomeOf(response);
    kit.h.assertMatchesContract('issueTicket', response, outcome);
    assert.deepEqual(outcome.issue[0]?.expression, ['patient']);
  });

  it('answers 404 for an unknown service', async () => {
    const response = await kit.post('/queue/services/qs-nowhere/tickets', 'registrar', {});
    assert.equal(response.status, 404);
    kit.h.assertMatchesContract('issueTicket', response, await outcomeOf(response));
  });

  it('refuses staff of another facility', async () => {
    const response = await kit.post(`/queue/services/${CARDIOLOGY_F2}/tickets`, 'registrar', {});
    assert.equal(response.status, 403);
    assert.equal(shifoCode(await outcomeOf(response)), 'role-forbidden');
  });

  it('refuses patients and displays (roles)', async () => {
    for (const user of ['patient', 'display', 'pharmacist']) {
      const response = await kit.post(`/queue/services/${THERAPIST}/tickets`, user, {});
      assert.equal(response.status, 403, user);
    }
  });

  it('refuses a closed service with 422 service-closed', async () => {
    kit.clock.set('2026-03-12T21:00:00+05:00');
    const response = await kit.post(`/queue/services/${THERAPIST}/tickets`, 'registrar', {});
    kit.clock.set('2026-03-12T09:00:00+05:00');
    assert.equal(response.status, 422);
    const outcome = await outcomeOf(response);
    kit.h.assertMatchesContract('issueTicket', response, outcome);
    assert.equal(shifoCode(outcome), 'service-closed');
    const services = await kit.get(`/queue/services?location=${WAITING_ROOM}`, 'registrar');
    assert.ok(((await services.json()) as { services: { open: boolean }[] }).services.every((s) => s.open));
  });

  it('issues tickets at any hour when started with queues always open (demos at night)', async () => {
    const state = kit.h.server.state;
    kit.clock.set('2026-03-15T03:00:00+05:00'); // a Sunday night
    state.queuesAlwaysOpen = true;
    try {
      const response = await kit.post(`/queue/services/${THERAPIST}/tickets`, 'registrar', {});
      assert.equal(response.status, 201);
      const services = await kit.get(`/queue/services?location=${WAITING_ROOM}`, 'registrar');
      assert.ok(((await services.json()) as { services: { open: boolean }[] }).services.every((s) => s.open));
    } finally {
      state.queuesAlwaysOpen = false;
      kit.clock.set('2026-03-12T09:00:00+05:00');
    }
  });

  it('requires an Idempotency-Key, replays the first answer, and refuses a reused key with another body', async () => {
    const missing = await fetch(`${kit.h.url}/queue/services/${THERAPIST}/tickets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await kit.token('registrar')}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(missing.status, 400);
    const key = randomUUID();
    const first = await kit.post(`/queue/services/${THERAPIST}/tickets`, 'registrar', {}, { 'Idempotency-Key': key });
    const replay = await kit.post(`/queue/services/${THERAPIST}/tickets`, 'registrar', {}, { 'Idempotency-Key': key });
    const firstBody = (await first.json()) as Ticket;
    const replayBody = (await replay.json()) as Ticket;
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(replayBody.id, firstBody.id);
    const reused = await kit.post(
      `/queue/services/${THERAPIST}/tickets`,
      'registrar',
      { priority: 'urgent' },
      { 'Idempotency-Key': key },
    );
    assert.equal(reused.status, 422);
    assert.equal(shifoCode(await outcomeOf(reused)), 'idempotency-key-reused');
  });
});

describe('queue order', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit('2026-03-12T08:00:00+05:00');
  });
  after(() => kit.h.close());

  it('orders emergency, then urgent, then booked time and arrival on one time line', async () => {
    const service = 'qs-yunusobod-gynecologist';
    const walkInEarly = await kit.issue(service); // arrived 08:00
    kit.clock.advanceMinutes(10);
    const urgent = await kit.issue(service, { priority: 'urgent' }); // 08:10
    kit.clock.advanceMinutes(10);
    const walkInLate = await kit.issue(service); // 08:20
    kit.clock.advanceMinutes(10);
    const emergency = await kit.issue(service, { priority: 'emergency' }); // 08:30
    // A booking for 08:15, checked in at 08:30 (white-box: the check-in flow is tested in booking tests).
    const appointment = kit.h.server.state.store.put({
      resourceType: 'Appointment',
      status: 'booked',
      start: '2026-03-12T08:15:00+05:00',
      end: '2026-03-12T08:35:00+05:00',
      participant: [{ actor: { reference: 'Patient/pt-dilnoza-yusupova' }, status: 'accepted' }],
    });
    const booked = await kit.issue(service, { appointment: { reference: `Appointment/${appointment.id}` } });
    assert.equal(booked.bookedStart, '2026-03-12T08:15:00+05:00');

    const list = await kit.get(`/queue/services/${service}/tickets`, 'nurse');
    const body = (await list.json()) as { tickets: Ticket[] };
    kit.h.assertMatchesContract('listServiceTickets', list, body);
    assert.deepEqual(
      body.tickets.map((t) => t.id),
      [emergency.id, urgent.id, walkInEarly.id, booked.id, walkInLate.id],
    );
    assert.deepEqual(
      body.tickets.map((t) => t.position),
      [1, 2, 3, 4, 5],
    );
    const waits = body.tickets.map((t) => t.estimatedWaitMinutes!);
    assert.ok(
      waits.every((w, i) => i === 0 || w > waits[i - 1]!),
      `estimates grow along the line: ${waits.join(',')}`,
    );

    // call-next follows the same order.
    const called: string[] = [];
    for (let i = 0; i < 5; i++)
      called.push(((await (await kit.callNext(service, '103', 'doctor')).json()) as Ticket).id);
    assert.deepEqual(called, [emergency.id, urgent.id, walkInEarly.id, booked.id, walkInLate.id]);
  });

  it('filters by status, repeated or comma-separated', async () => {
    const repeated = await kit.get(
      '/queue/services/qs-yunusobod-gynecologist/tickets?status=called&status=waiting',
      'nurse',
    );
    assert.equal(repeated.status, 200);
    assert.equal(((await repeated.json()) as { tickets: Ticket[] }).tickets.length, 5);
    const waitingOnly = await kit.get('/queue/services/qs-yunusobod-gynecologist/tickets?status=waiting', 'nurse');
    assert.equal(((await waitingOnly.json()) as { tickets: Ticket[] }).tickets.length, 0);
  });
});

describe('reading one ticket', () => {
  let kit: QueueKit;
  let mine: Ticket;
  let anonymous: Ticket;
  before(async () => {
    kit = await startQueueKit();
    mine = await kit.issue(THERAPIST, {
      patient: { reference: 'Patient/pt-dilnoza-yusupova', display: 'Yusupova Dilnoza' },
    });
    anonymous = await kit.issue(THERAPIST);
  });
  after(() => kit.h.close());

  it('shows staff the patient', async () => {
    const response = await kit.get(`/queue/tickets/${mine.id}`, 'nurse');
    const ticket = (await response.json()) as Ticket;
    kit.h.assertMatchesContract('getTicket', response, ticket);
    assert.equal(ticket.patient?.reference, 'Patient/pt-dilnoza-yusupova');
    assert.equal(ticket.position, 1);
  });

  it('shows the patient their own ticket without the patient reference', async () => {
    const response = await kit.get(`/queue/tickets/${mine.id}`, 'patient');
    assert.equal(response.status, 200);
    const ticket = (await response.json()) as Ticket;
    kit.h.assertMatchesContract('getTicket', response, ticket);
    assert.equal(ticket.patient, undefined);
    assert.equal(ticket.number, mine.number);
  });

  it("refuses a patient someone else's ticket, and staff of another facility", async () => {
    const other = await kit.get(`/queue/tickets/${anonymous.id}`, 'patient');
    assert.equal(other.status, 403);
    assert.equal(shifoCode(await outcomeOf(other)), 'not-own-record');
    const foreign = await kit.get(`/queue/tickets/${mine.id}`, 'nurse2');
    assert.equal(foreign.status, 403);
  });

  it('answers 404 for an unknown ticket and 400 for a malformed id', async () => {
    const unknown = await kit.get(`/queue/tickets/${randomUUID()}`, 'nurse');
    assert.equal(unknown.status, 404);
    kit.h.assertMatchesContract('getTicket', unknown, await outcomeOf(unknown));
    const malformed = await kit.get('/queue/tickets/not-a-uuid', 'nurse');
    assert.equal(malformed.status, 400);
  });
});
