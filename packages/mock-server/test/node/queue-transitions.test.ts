import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { outcomeOf } from './harness.js';
import { LAB, startQueueKit, THERAPIST, type QueueKit, type Ticket, shifoCode } from './queue-support.js';

describe('ticket transitions', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit();
  });
  after(() => kit.h.close());

  /** Calls everyone still waiting in the therapist queue, so each test starts from an empty line. */
  beforeEach(async () => {
    while ((await kit.callNext(THERAPIST, '101')).status === 200);
  });

  async function move(ticket: Ticket, body: Record<string, unknown>, user = 'doctor'): Promise<Ticket> {
    const response = await kit.transition(ticket.id, body, user);
    const result = (await response.json()) as Ticket;
    assert.equal(response.status, 200, JSON.stringify(result));
    kit.h.assertMatchesContract('transitionTicket', response, result);
    return result;
  }

  async function calledTicket(): Promise<Ticket> {
    const ticket = await kit.issue(THERAPIST);
    const response = await kit.callNext(THERAPIST, '101');
    const called = (await response.json()) as Ticket;
    assert.equal(called.id, ticket.id);
    return called;
  }

  async function refused(ticket: Ticket, body: Record<string, unknown>, user = 'doctor') {
    const response = await kit.transition(ticket.id, body, user);
    const outcome = await outcomeOf(response);
    kit.h.assertMatchesContract('transitionTicket', response, outcome);
    return { status: response.status, code: shifoCode(outcome), expression: outcome.issue[0]?.expression };
  }

  it('start → complete: in-service, then done, with times and growing versions', async () => {
    const called = await calledTicket();
    kit.clock.advanceMinutes(2);
    const started = await move(called, { action: 'start', room: '102' });
    assert.deepEqual(
      [started.status, started.room, started.startedAt],
      ['in-service', '102', '2026-03-12T09:02:00+05:00'],
    );
    kit.clock.advanceMinutes(12);
    const done = await move(started, { action: 'complete' });
    assert.deepEqual([done.status, done.finishedAt, done.version], ['done', '2026-03-12T09:14:00+05:00', 4]);
    kit.clock.set('2026-03-12T09:00:00+05:00');
  });

  it('recall: stays called, counts the recalls', async () => {
    const called = await calledTicket();
    const once = await move(called, { action: 'recall' });
    const twice = await move(once, { action: 'recall', room: '102' });
    assert.deepEqual([twice.status, twice.recallCount, twice.room], ['called', 2, '102']);
  });

  it('no-show: a called ticket that did not come', async () => {
    const called = await calledTicket();
    const gone = await move(called, { action: 'no-show' });
    assert.equal(gone.status, 'no-show');
    assert.ok(gone.finishedAt);
  });

  it('cancel: a waiting or called ticket', async () => {
    const waiting = await kit.issue(THERAPIST);
    assert.equal((await move(waiting, { action: 'cancel', reason: 'left' }, 'registrar')).status, 'cancelled');
    const called = await calledTicket();
    assert.equal((await move(called, { action: 'cancel' })).status, 'cancelled');
  });

  it('transfer: a new ticket in the target queue keeps priority and arrival, both linked', async () => {
    const earlyInLab = await kit.issue(LAB); // arrived 09:00
    const urgent = await kit.issue(THERAPIST, {
      priority: 'urgent',
      patient: { reference: 'Patient/pt-dilnoza-yusupova' },
    }); // arrived 09:00 too, but urgent
    const walkIn = await kit.issue(THERAPIST); // arrived 09:00
    kit.clock.advanceMinutes(20);
    const lateInLab = await kit.issue(LAB); // arrived 09:20
    const old = await move(urgent, { action: 'transfer', targetServiceId: LAB, reason: 'Qon tahlili' }, 'nurse');
    assert.equal(old.status, 'transferred');
    assert.equal(old.transferredTo?.serviceId, LAB);
    assert.match(old.transferredTo?.number ?? '', /^LAB-\d{3}$/);

    const moved = (await (await kit.get(`/queue/tickets/${old.transferredTo!.ticketId}`, 'nurse')).json()) as Ticket;
    assert.deepEqual(moved.transferredFrom, { ticketId: urgent.id, number: urgent.number, serviceId: THERAPIST });
    assert.equal(moved.priority, 'urgent');
    assert.equal(moved.patient?.reference, 'Patient/pt-dilnoza-yusupova');
    assert.equal(moved.status, 'waiting');
    assert.equal(moved.position, 1, 'urgent goes ahead of the normal tickets of the lab');

    // Transferred at 09:20, the walk-in keeps its 09:00 arrival: ahead of the 09:20 arrival in the lab.
    const second = await move(walkIn, { action: 'transfer', targetServiceId: LAB }, 'nurse');
    const lab = (await (await kit.get(`/queue/services/${LAB}/tickets?status=waiting`, 'nurse')).json()) as {
      tickets: Ticket[];
    };
    assert.deepEqual(
      lab.tickets.map((t) => t.id),
      [moved.id, earlyInLab.id, second.transferredTo!.ticketId, lateInLab.id],
    );
    kit.clock.set('2026-03-12T09:00:00+05:00');
    while ((await kit.callNext(LAB, '110')).status === 200);
  });

  it('refuses moves the state machine does not allow with 422 invalid-transition', async () => {
    const waiting = await kit.issue(THERAPIST);
    for (const action of ['start', 'complete', 'recall', 'no-show']) {
      assert.deepEqual(await refused(waiting, { action }), {
        status: 422,
        code: 'invalid-transition',
        expression: ['action'],
      });
    }
    const called = (await (await kit.callNext(THERAPIST, '101')).json()) as Ticket;
    assert.equal((await refused(called, { action: 'complete' })).code, 'invalid-transition');
    const done = await move(await move(called, { action: 'start' }), { action: 'complete' });
    for (const action of ['start', 'complete', 'recall', 'no-show', 'cancel']) {
      assert.equal((await refused(done, { action })).code, 'invalid-transition', action);
    }
    assert.equal((await refused(done, { action: 'transfer', targetServiceId: LAB })).code, 'invalid-transition');
  });

  it('refuses a transfer to the same, an unknown or another facility’s queue', async () => {
    const waiting = await kit.issue(THERAPIST);
    for (const target of [THERAPIST, 'qs-nowhere', 'qs-tashkent-hospital-lab']) {
      assert.deepEqual(await refused(waiting, { action: 'transfer', targetServiceId: target }), {
        status: 422,
        code: 'invalid-transition',
        expression: ['targetServiceId'],
      });
    }
  });

  it('refuses a transfer to a queue that is closed now', async () => {
    kit.clock.set('2026-03-12T13:00:00+05:00'); // the lab works 07:30–11:00
    const waiting = await kit.issue(THERAPIST);
    const result = await refused(waiting, { action: 'transfer', targetServiceId: LAB });
    kit.clock.set('2026-03-12T09:00:00+05:00');
    assert.equal(result.status, 422);
    assert.equal(result.code, 'service-closed');
  });

  it('rejects an unknown action and a transfer without a target (400)', async () => {
    const waiting = await kit.issue(THERAPIST);
    assert.equal((await kit.transition(waiting.id, { action: 'teleport' })).status, 400);
    assert.equal((await kit.transition(waiting.id, { action: 'transfer' })).status, 400);
  });

  it('lets a patient cancel their own ticket, and nothing else', async () => {
    const mine = await kit.issue(THERAPIST, { patient: { reference: 'Patient/pt-dilnoza-yusupova' } });
    const notMine = await kit.issue(THERAPIST, { patient: { reference: 'Patient/pt-zuhra-saidova' } });
    const startAttempt = await refused(mine, { action: 'start' }, 'patient');
    assert.deepEqual([startAttempt.status, startAttempt.code], [403, 'role-forbidden']);
    const other = await refused(notMine, { action: 'cancel' }, 'patient');
    assert.deepEqual([other.status, other.code], [403, 'not-own-record']);
    const cancelled = await move(mine, { action: 'cancel' }, 'patient');
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.patient, undefined, 'a patient sees no patient reference');
  });

  it('answers 404 for an unknown ticket', async () => {
    const response = await kit.transition('7c9e6679-7425-40de-944b-e07fc1f90ae7', { action: 'start' });
    assert.equal(response.status, 404);
  });
});
