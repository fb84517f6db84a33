import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ShifoClient } from '../../src/index.js';
import {
  DENTIST,
  LAB,
  losingFirstAnswer,
  startQueueServer,
  THERAPIST,
  THURSDAY_9AM,
  WAITING_ROOM,
  type QueueServer,
} from './support/queue-server.js';
import { refusal } from './support/refusal.js';

function sent<T>(result: { status: 'sent'; resource: T } | { status: 'queued' }): T {
  assert.equal(result.status, 'sent');
  return (result as { resource: T }).resource;
}

describe('queue helpers against the mock server', () => {
  let mock: QueueServer;
  let registrar: ShifoClient;
  let doctor: ShifoClient;
  before(async () => {
    mock = await startQueueServer();
    registrar = mock.client('registrar', { locale: 'en' });
    doctor = mock.client('doctor', { locale: 'en' });
  });
  after(() => mock.close());

  const ticketsOnServer = () =>
    [...mock.server.state.store.all('x-QueueTicket')] as unknown as {
      id: string;
      status: string;
      patient?: { reference?: string };
    }[];

  it('services lists the queues of a waiting room, open on a weekday morning', async () => {
    const services = await registrar.queue.services({ location: WAITING_ROOM });
    const therapist = services.find((service) => service.id === THERAPIST);
    assert.ok(therapist, services.map((s) => s.id).join(','));
    assert.equal(therapist.open, true);
    assert.ok(services.every((service) => service.locationId === WAITING_ROOM));
  });

  it('issueTicket issues the next number, for a known patient and with a priority', async () => {
    const ticket = sent(
      await registrar.queue.issueTicket(THERAPIST, { patientId: 'pt-dilnoza-yusupova', priority: 'urgent' }),
    );
    assert.match(ticket.number, /^[A-Z]{2,4}-\d{3}$/);
    assert.equal(ticket.status, 'waiting');
    assert.equal(ticket.priority, 'urgent');
    assert.equal(ticket.patient?.reference, 'Patient/pt-dilnoza-yusupova');
    assert.deepEqual(await registrar.queue.ticket(ticket.id).then((t) => t.number), ticket.number);
  });

  it('issueTicket whose answer is lost is sent again and the server holds one ticket', async () => {
    const losing = losingFirstAnswer((request) => request.url.endsWith(`/queue/services/${LAB}/tickets`));
    const flaky = mock.client('registrar', { fetch: losing.fetch });
    const before = ticketsOnServer().filter((t) => t.patient?.reference === 'Patient/pt-zuhra-saidova').length;
    const result = await flaky.queue.issueTicket(LAB, { patientId: 'pt-zuhra-saidova' });
    const ticket = sent(result);
    assert.equal(losing.lost(), 1, 'the first answer was lost');
    assert.equal(result.status === 'sent' && result.replayed, true, 'the re-send was answered from the first');
    const held = ticketsOnServer().filter((t) => t.patient?.reference === 'Patient/pt-zuhra-saidova');
    assert.equal(held.length, before + 1);
    assert.ok(held.some((t) => t.id === ticket.id));
  });

  it('issueTicket on a closed queue (Sunday) is refused with service-closed', async () => {
    mock.setNow('2026-03-15T10:00:00+05:00');
    try {
      const error = await refusal(registrar.queue.issueTicket(THERAPIST));
      assert.equal(error.status, 422);
      assert.equal(error.kind, 'business-rule');
      assert.equal(error.code, 'service-closed');
    } finally {
      mock.setNow(THURSDAY_9AM);
    }
  });

  it('callNext calls the head of the line to the room; undefined when nobody waits', async () => {
    const first = sent(await registrar.queue.issueTicket(DENTIST));
    const second = sent(await registrar.queue.issueTicket(DENTIST));
    const called = await doctor.queue.callNext(DENTIST, '101');
    assert.equal(called?.id, first.id);
    assert.equal(called?.status, 'called');
    assert.ok(called?.room);
    assert.equal((await doctor.queue.callNext(DENTIST, '101'))?.id, second.id);
    assert.equal(await doctor.queue.callNext(DENTIST, '101'), undefined);
  });

  it('a callNext whose answer is lost is retried without calling a second patient', async () => {
    const a = sent(await registrar.queue.issueTicket(DENTIST));
    const b = sent(await registrar.queue.issueTicket(DENTIST));
    const losing = losingFirstAnswer((request) => request.url.endsWith('/call-next'));
    const flaky = mock.client('doctor', { fetch: losing.fetch });
    const called = await flaky.queue.callNext(DENTIST, '101');
    assert.equal(losing.lost(), 1);
    assert.equal(called?.id, a.id);
    assert.equal((await doctor.queue.ticket(b.id)).status, 'waiting', 'the second patient still waits');
    await registrar.queue.transition(b.id, 'cancel');
  });

  it('transition runs the state machine: start, recall, complete, no-show, cancel, transfer', async () => {
    const t1 = sent(await registrar.queue.issueTicket(DENTIST));
    assert.equal((await doctor.queue.callNext(DENTIST, '101'))?.id, t1.id);
    const recalled = await doctor.queue.transition(t1.id, 'recall');
    assert.equal(recalled.recallCount, 1);
    const started = await doctor.queue.transition(t1.id, 'start');
    assert.equal(started.status, 'in-service');
    assert.equal((await doctor.queue.transition(t1.id, 'complete')).status, 'done');

    const t2 = sent(await registrar.queue.issueTicket(DENTIST));
    assert.equal((await doctor.queue.callNext(DENTIST, '101'))?.id, t2.id);
    assert.equal((await doctor.queue.transition(t2.id, 'no-show')).status, 'no-show');

    const t3 = sent(await registrar.queue.issueTicket(DENTIST));
    assert.equal((await registrar.queue.transition(t3.id, 'cancel', { reason: 'left' })).status, 'cancelled');

    const t4 = sent(await registrar.queue.issueTicket(DENTIST, { priority: 'urgent' }));
    const moved = await doctor.queue.transition(t4.id, 'transfer', { targetServiceId: LAB, reason: 'blood test' });
    assert.equal(moved.status, 'transferred');
    assert.equal(moved.transferredTo?.serviceId, LAB);
    const inLab = await doctor.queue.ticket(moved.transferredTo!.ticketId);
    assert.equal(inLab.priority, 'urgent', 'the transfer keeps the priority');
    assert.equal(inLab.status, 'waiting');
  });

  it('an impossible move is refused with invalid-transition', async () => {
    const waiting = sent(await registrar.queue.issueTicket(DENTIST));
    const error = await refusal(doctor.queue.transition(waiting.id, 'complete'));
    assert.equal(error.status, 422);
    assert.equal(error.code, 'invalid-transition');
    await registrar.queue.transition(waiting.id, 'cancel');
  });

  it('tickets lists the desk view in queue order; board shows numbers and rooms without patients', async () => {
    const normal = sent(await registrar.queue.issueTicket(THERAPIST, { patientId: 'pt-bahodir-toshmatov' }));
    const emergency = sent(await registrar.queue.issueTicket(THERAPIST, { priority: 'emergency' }));
    const desk = await doctor.queue.tickets(THERAPIST, { status: ['waiting'] });
    const ids = desk.map((t) => t.id);
    assert.ok(ids.indexOf(emergency.id) < ids.indexOf(normal.id), 'emergency before normal');
    assert.ok(desk.every((t) => t.status === 'waiting'));

    const called = await doctor.queue.callNext(THERAPIST, '101');
    assert.equal(called?.id, emergency.id);
    const board = await mock.client('display').queue.board(WAITING_ROOM);
    assert.equal(board.locationId, WAITING_ROOM);
    const shown = board.nowServing.find((t) => t.id === emergency.id);
    assert.ok(shown, 'the called ticket is on the board');
    assert.ok(board.waiting.some((t) => t.id === normal.id));
    assert.ok(
      [...board.nowServing, ...board.waiting].every((t) => t.patient === undefined),
      'no patient on boards',
    );
    assert.ok(board.lastEventId);
  });

  it("refuses another facility's staff (forbidden) and an unknown ticket (not-found)", async () => {
    const foreign = mock.client('doctor2');
    const forbidden = await refusal(foreign.queue.callNext(THERAPIST, '101'));
    assert.equal(forbidden.kind, 'forbidden');
    assert.equal(forbidden.status, 403);
    const missing = await refusal(doctor.queue.ticket('7c9e6679-7425-40de-944b-e07fc1f90ae7'));
    assert.equal(missing.kind, 'not-found');
  });
});
