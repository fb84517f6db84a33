import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { outcomeOf } from './harness.js';
import { LAB, startQueueKit, THERAPIST, type QueueKit, type Ticket } from './queue-support.js';

describe('call-next', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit();
  });
  after(() => kit.h.close());

  it('calls the head of the line to the room and answers 204 when nobody waits', async () => {
    const first = await kit.issue(LAB);
    await kit.issue(LAB);
    const response = await kit.callNext(LAB, '110', 'nurse');
    assert.equal(response.status, 200);
    const called = (await response.json()) as Ticket;
    kit.h.assertMatchesContract('callNextTicket', response, called);
    assert.deepEqual(
      { id: called.id, status: called.status, room: called.room, calledAt: called.calledAt, position: called.position },
      { id: first.id, status: 'called', room: '110', calledAt: '2026-03-12T09:00:00+05:00', position: null },
    );
    assert.equal(called.version, 2);
    assert.equal((await kit.callNext(LAB, '110', 'nurse')).status, 200);
    const empty = await kit.callNext(LAB, '110', 'nurse');
    assert.equal(empty.status, 204);
    assert.equal(await empty.text(), '');
  });

  it('shows a room given as its Location id by its label', async () => {
    await kit.issue(LAB);
    const response = await kit.callNext(LAB, 'loc-yunusobod-room-110', 'nurse');
    assert.equal(((await response.json()) as Ticket).room, '110');
  });

  it('calls each ticket exactly once when 100 desks call at the same moment', async () => {
    const issued: Ticket[] = [];
    for (let i = 0; i < 100; i++) issued.push(await kit.issue(THERAPIST));
    assert.equal(issued.at(-1)?.number, 'TER-100');

    const responses = await Promise.all(
      Array.from({ length: 110 }, (_, i) => kit.callNext(THERAPIST, i % 2 ? '101' : '102', 'doctor')),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 100);
    assert.equal(statuses.filter((s) => s === 204).length, 10);
    const calledIds = await Promise.all(
      responses.filter((r) => r.status === 200).map(async (r) => ((await r.json()) as Ticket).id),
    );
    assert.equal(new Set(calledIds).size, 100, 'no ticket was called twice');
    assert.deepEqual(new Set(calledIds), new Set(issued.map((t) => t.id)));

    // The store agrees: every ticket has exactly one "called" version.
    for (const ticket of issued) {
      const history = kit.h.server.state.store.history('x-QueueTicket', ticket.id);
      assert.equal(history.filter((v) => v.status === 'called').length, 1, ticket.number);
    }
  });

  it('returns the same ticket to a retried call (same Idempotency-Key) instead of calling another patient', async () => {
    const a = await kit.issue(LAB);
    const b = await kit.issue(LAB);
    const key = randomUUID();
    const [first, retry] = await Promise.all([
      kit.post(`/queue/services/${LAB}/call-next`, 'nurse', { room: '110' }, { 'Idempotency-Key': key }),
      kit.post(`/queue/services/${LAB}/call-next`, 'nurse', { room: '110' }, { 'Idempotency-Key': key }),
    ]);
    const ids = [((await first.json()) as Ticket).id, ((await retry.json()) as Ticket).id];
    assert.deepEqual(ids, [a.id, a.id]);
    assert.equal([first, retry].filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 1);
    const next = (await (await kit.callNext(LAB, '110', 'nurse')).json()) as Ticket;
    assert.equal(next.id, b.id);
  });

  it('refuses a missing room (400) and staff of another facility (403)', async () => {
    const noRoom = await kit.post(`/queue/services/${LAB}/call-next`, 'nurse', {});
    assert.equal(noRoom.status, 400);
    const outcome = await outcomeOf(noRoom);
    assert.ok(outcome.issue.some((i) => i.expression?.some((e) => e.includes('room'))));
    const foreign = await kit.callNext(LAB, '110', 'nurse2');
    assert.equal(foreign.status, 403);
    const unknown = await kit.callNext('qs-none', '1', 'nurse');
    assert.equal(unknown.status, 404);
    kit.h.assertMatchesContract('callNextTicket', unknown, await outcomeOf(unknown));
  });
});
