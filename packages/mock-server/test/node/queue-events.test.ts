import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { queueHub, REPLAY_MAX_EVENTS } from '../../src/queue/event-hub.js';
import { readTicket } from '../../src/queue/ticket-record.js';
import { ticketView } from '../../src/queue/ticket-view.js';
import { outcomeOf } from './harness.js';
import {
  LAB,
  openStream,
  startQueueKit,
  THERAPIST,
  WAITING_ROOM,
  type QueueKit,
  type StreamEvent,
  type Ticket,
} from './queue-support.js';

const BOARD_EVENTS = `/queue/boards/${WAITING_ROOM}/events`;
const numeric = (events: StreamEvent[]) => events.map((e) => Number(e.id));

describe('queue events over SSE', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit();
  });
  after(() => kit.h.close());

  it('starts with retry and a snapshot, then streams events live with increasing ids', async () => {
    const { response, reader } = await openStream(kit, BOARD_EVENTS, 'display');
    try {
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      const [snapshot] = await reader.waitForEvents(1);
      assert.equal(reader.retry, 3000);
      assert.equal(snapshot?.event, 'queue.snapshot');
      assert.equal(snapshot?.data.type, 'queue.snapshot');
      const board = snapshot?.data.board as { lastEventId: string; locationId: string };
      assert.equal(board.locationId, WAITING_ROOM);
      assert.equal(snapshot?.id, board.lastEventId);

      const issued = await kit.issue(THERAPIST, { patient: { reference: 'Patient/pt-dilnoza-yusupova' } });
      await kit.callNext(THERAPIST, '101');
      const events = (await reader.waitForEvents(3)).slice(1);
      assert.deepEqual(
        events.map((e) => e.event),
        ['ticket.issued', 'ticket.called'],
      );
      assert.deepEqual(
        events.map((e) => e.data.type),
        ['ticket.issued', 'ticket.called'],
      );
      const ids = [Number(snapshot?.id), ...numeric(events)];
      assert.ok(
        ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1),
        `ids ${ids.join(',')}`,
      );
      assert.equal(events[1]?.data.id, events[1]?.id);
      assert.equal(events[1]?.data.announce, `${issued.number}, 101-xona`);
      const ticket = events[1]?.data.ticket as Ticket;
      assert.deepEqual([ticket.id, ticket.status, ticket.room], [issued.id, 'called', '101']);
      assert.equal(ticket.patient, undefined, 'boards never see who holds a ticket');
    } finally {
      await reader.close();
    }
  });

  it('announces in the language of the stream', async () => {
    const { reader } = await openStream(kit, BOARD_EVENTS, 'display', { 'Accept-Language': 'ru' });
    try {
      await reader.waitForEvents(1);
      const issued = await kit.issue(THERAPIST);
      await kit.callNext(THERAPIST, '102');
      await reader.until(() => reader.events.some((e) => e.event === 'ticket.called'));
      const called = reader.events.find((e) => e.event === 'ticket.called');
      assert.equal(called?.data.announce, `${issued.number}, кабинет 102`);
    } finally {
      await reader.close();
    }
  });

  it('replays exactly the missed events after Last-Event-ID, then continues live', async () => {
    const first = await openStream(kit, BOARD_EVENTS, 'display');
    const [snapshot] = await first.reader.waitForEvents(1);
    const a = await kit.issue(LAB);
    await first.reader.waitForEvents(2);
    const lastSeen = first.reader.events.at(-1)!.id!;
    await first.reader.close();

    // Missed while disconnected: three events.
    await kit.callNext(LAB, '110');
    await kit.transition(a.id, { action: 'start' }, 'nurse');
    const b = await kit.issue(LAB);

    const again = await openStream(kit, BOARD_EVENTS, 'display', { 'Last-Event-ID': lastSeen });
    try {
      const replayed = await again.reader.waitForEvents(3);
      assert.deepEqual(
        replayed.map((e) => e.event),
        ['ticket.called', 'ticket.started', 'ticket.issued'],
      );
      assert.deepEqual(
        numeric(replayed),
        [1, 2, 3].map((n) => Number(lastSeen) + n),
      );
      assert.equal((replayed[2]?.data.ticket as Ticket).id, b.id);
      assert.ok(Number(snapshot?.id) < Number(lastSeen));
      // Nothing else was replayed, and the stream is live.
      await kit.transition(a.id, { action: 'complete' }, 'nurse');
      await again.reader.waitForEvents(4);
      assert.deepEqual(
        again.reader.events.map((e) => e.event),
        ['ticket.called', 'ticket.started', 'ticket.issued', 'ticket.completed'],
      );
    } finally {
      await again.reader.close();
    }
  });

  it('starts over with a snapshot when Last-Event-ID is unusable, unknown or older than an hour', async () => {
    const latest = queueHub(kit.h.server.state).latestId(WAITING_ROOM);
    for (const id of ['not-a-number', '99999999', '']) {
      const { reader } = await openStream(kit, BOARD_EVENTS, 'display', { 'Last-Event-ID': id });
      const [first] = await reader.waitForEvents(1);
      await reader.close();
      assert.equal(first?.event, 'queue.snapshot', `Last-Event-ID "${id}"`);
      assert.equal(first?.id, latest);
    }
    kit.clock.advanceMinutes(61);
    const { reader } = await openStream(kit, BOARD_EVENTS, 'display', { 'Last-Event-ID': '1' });
    const [first] = await reader.waitForEvents(1);
    await reader.close();
    kit.clock.set('2026-03-12T09:00:00+05:00');
    assert.equal(first?.event, 'queue.snapshot');
  });

  it(`keeps at most ${REPLAY_MAX_EVENTS} events to replay`, async () => {
    const hub = queueHub(kit.h.server.state);
    const ticket = await kit.issue(LAB);
    const from = hub.latestId(WAITING_ROOM);
    const view = ticketView(readTicket(kit.h.server.state.store, ticket.id)!, 'staff');
    for (let i = 0; i < REPLAY_MAX_EVENTS; i++) hub.publish('ticket.updated', view);
    assert.equal(hub.eventsAfter(WAITING_ROOM, from)?.length, REPLAY_MAX_EVENTS, 'the last 1,000 are kept');
    assert.ok(hub.eventsAfter(WAITING_ROOM, String(Number(from) - 1)) === undefined, 'the one before is gone');
  });

  it('sends keep-alive comments and forgets a client that disconnects', async () => {
    const hub = queueHub(kit.h.server.state);
    hub.heartbeatMs = 30;
    const before = hub.subscriberCount(WAITING_ROOM);
    const { reader } = await openStream(kit, BOARD_EVENTS, 'display');
    try {
      await reader.until(() => reader.comments.length >= 2);
      assert.deepEqual(reader.comments.slice(0, 2), ['keep-alive', 'keep-alive']);
      assert.equal(hub.subscriberCount(WAITING_ROOM), before + 1);
    } finally {
      await reader.close();
      hub.heartbeatMs = 15_000;
    }
    const deadline = Date.now() + 2000;
    while (hub.subscriberCount(WAITING_ROOM) !== before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(hub.subscriberCount(WAITING_ROOM), before);
  });

  it('service streams carry only their service; staff see the patient, displays and patients do not', async () => {
    const staff = await openStream(kit, `/queue/services/${THERAPIST}/events`, 'registrar');
    const display = await openStream(kit, `/queue/services/${THERAPIST}/events`, 'display');
    const patient = await openStream(kit, `/queue/services/${THERAPIST}/events`, 'patient');
    try {
      for (const s of [staff, display, patient]) {
        const [snapshot] = await s.reader.waitForEvents(1);
        assert.equal(snapshot?.data.serviceId, THERAPIST);
        const board = snapshot?.data.board as { services: { serviceId: string }[] };
        assert.deepEqual(
          board.services.map((x) => x.serviceId),
          [THERAPIST],
        );
      }
      await kit.issue(LAB);
      const mine = await kit.issue(THERAPIST, { patient: { reference: 'Patient/pt-dilnoza-yusupova' } });
      for (const s of [staff, display, patient]) await s.reader.waitForEvents(2);
      for (const s of [staff, display, patient]) {
        assert.deepEqual(
          s.reader.events.map((e) => e.event),
          ['queue.snapshot', 'ticket.issued'],
        );
        assert.equal((s.reader.events[1]?.data.ticket as Ticket).id, mine.id);
      }
      assert.equal((staff.reader.events[1]?.data.ticket as Ticket).patient?.reference, 'Patient/pt-dilnoza-yusupova');
      assert.equal((display.reader.events[1]?.data.ticket as Ticket).patient, undefined);
      assert.equal((patient.reader.events[1]?.data.ticket as Ticket).patient, undefined);
    } finally {
      for (const s of [staff, display, patient]) await s.reader.close();
    }
  });

  it('delivers one call to 100 open boards', async (t) => {
    const streams = await Promise.all(Array.from({ length: 100 }, () => openStream(kit, BOARD_EVENTS, 'display')));
    try {
      await Promise.all(streams.map((s) => s.reader.waitForEvents(1)));
      await kit.issue(THERAPIST);
      await Promise.all(streams.map((s) => s.reader.waitForEvents(2)));
      const started = performance.now();
      const called = (await (await kit.callNext(THERAPIST, '101')).json()) as Ticket;
      await Promise.all(streams.map((s) => s.reader.until(() => s.reader.events.length >= 3, 5000)));
      t.diagnostic(`call-next → 100 boards: ${Math.round(performance.now() - started)} ms`);
      for (const { reader } of streams) {
        assert.equal(reader.events[2]?.event, 'ticket.called');
        assert.equal((reader.events[2]?.data.ticket as Ticket).id, called.id);
      }
    } finally {
      await Promise.all(streams.map((s) => s.reader.close()));
    }
  });

  it("refuses a display another location's streams", async () => {
    const board = await kit.get('/queue/boards/loc-nukus-waiting-room/events', 'display', {
      Accept: 'text/event-stream',
    });
    assert.equal(board.status, 403);
    await outcomeOf(board);
    const service = await kit.get('/queue/services/qs-nukus-lab/events', 'display', { Accept: 'text/event-stream' });
    assert.equal(service.status, 403);
    const unknown = await kit.get('/queue/services/qs-nowhere/events', 'display', { Accept: 'text/event-stream' });
    assert.equal(unknown.status, 404);
  });

  it('resynchronises open streams with a snapshot after the store is reset', async () => {
    const hub = queueHub(kit.h.server.state);
    hub.heartbeatMs = 30;
    const { reader } = await openStream(kit, BOARD_EVENTS, 'display');
    try {
      await reader.waitForEvents(1);
      const reset = await fetch(`${kit.h.url}/__admin/reset`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      assert.equal(reset.status, 200);
      await reader.until(() => reader.events.length >= 2);
      const fresh = reader.events[1]!;
      assert.equal(fresh.event, 'queue.snapshot');
      const board = fresh.data.board as { waiting: unknown[]; nowServing: unknown[] };
      assert.deepEqual([board.waiting.length, board.nowServing.length], [0, 0]);
    } finally {
      await reader.close();
      hub.heartbeatMs = 15_000;
    }
  });
});

describe('queue events by polling (Accept: application/json)', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit();
  });
  after(() => kit.h.close());

  interface Batch {
    events: { id: string; type: string; ticket?: Ticket; announce?: string }[];
    lastEventId: string;
    retryAfterMs: number;
  }
  const poll = async (path: string, user: string, lastEventId?: string) => {
    const response = await kit.get(path, user, {
      Accept: 'application/json',
      ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    return { response, body: (await response.json()) as Batch };
  };

  it('answers a snapshot first, then the events after Last-Event-ID, with a polling interval', async () => {
    const first = await poll(BOARD_EVENTS, 'display');
    kit.h.assertMatchesContract('streamBoardEvents', first.response, first.body);
    assert.deepEqual(
      first.body.events.map((e) => e.type),
      ['queue.snapshot'],
    );
    assert.equal(first.body.retryAfterMs, 10_000, 'idle');

    const ticket = await kit.issue(THERAPIST);
    await kit.callNext(THERAPIST, '101');
    const next = await poll(BOARD_EVENTS, 'display', first.body.lastEventId);
    kit.h.assertMatchesContract('streamBoardEvents', next.response, next.body);
    assert.deepEqual(
      next.body.events.map((e) => e.type),
      ['ticket.issued', 'ticket.called'],
    );
    assert.equal(next.body.events[1]?.announce, `${ticket.number}, 101-xona`);
    assert.equal(next.body.lastEventId, next.body.events[1]?.id);
    assert.equal(next.body.retryAfterMs, 5000, 'active: tickets are being called');

    const nothing = await poll(BOARD_EVENTS, 'display', next.body.lastEventId);
    assert.deepEqual(nothing.body.events, []);
    assert.equal(nothing.body.lastEventId, next.body.lastEventId);
  });

  it('polls a service stream with the staff projection for staff', async () => {
    const first = await poll(`/queue/services/${LAB}/events`, 'nurse');
    kit.h.assertMatchesContract('streamServiceEvents', first.response, first.body);
    await kit.issue(THERAPIST);
    await kit.issue(LAB, { patient: { reference: 'Patient/pt-zuhra-saidova' } });
    const next = await poll(`/queue/services/${LAB}/events`, 'nurse', first.body.lastEventId);
    kit.h.assertMatchesContract('streamServiceEvents', next.response, next.body);
    assert.deepEqual(
      next.body.events.map((e) => [e.type, e.ticket?.serviceId, e.ticket?.patient?.reference]),
      [['ticket.issued', LAB, 'Patient/pt-zuhra-saidova']],
    );
  });
});
