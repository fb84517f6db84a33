import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { ShifoError } from '../../src/index.js';
import {
  createShifoClient,
  type QueueBoard,
  type QueueSubscribeOptions,
  type QueueSubscriptionState,
  type QueueTicketEvent,
  type ShifoClient,
} from '../../src/index.js';
import { startHostileServer } from './support/hostile-server.js';
import { startQueueServer, THERAPIST, WAITING_ROOM, type QueueServer } from './support/queue-server.js';
import { startRelay, type Relay } from './support/relay-proxy.js';
import { waitFor } from './support/wait-for.js';

/** Everything a subscription passed on, in order. */
function recorder() {
  const log = {
    events: [] as QueueTicketEvent[],
    snapshots: [] as QueueBoard[],
    states: [] as QueueSubscriptionState[],
    errors: [] as ShifoError[],
    issued: (ticketId: string) =>
      log.events.filter((event) => event.type === 'ticket.issued' && event.ticket.id === ticketId).length,
    options: {} as QueueSubscribeOptions,
  };
  log.options = {
    onEvent: (event) => log.events.push(event),
    onSnapshot: (board) => log.snapshots.push(board),
    onStateChange: (state) => log.states.push(state),
    onError: (error) => log.errors.push(error),
  };
  return log;
}

function isStreamRequest(req: IncomingMessage): boolean {
  return req.url?.includes('/events') === true && String(req.headers.accept).includes('text/event-stream');
}

/** Relays a poll to the mock server, asking the client to poll again soon (the server says 5–10 s). */
function relayPollQuickly(target: string, req: IncomingMessage, res: ServerResponse): void {
  void (async () => {
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'accept', 'accept-language', 'last-event-id']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upstream = await fetch(target + (req.url ?? '/'), { headers });
    const body = (await upstream.json()) as { retryAfterMs?: number };
    if (upstream.ok) body.retryAfterMs = 20;
    res.writeHead(upstream.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  })();
}

describe('queue.subscribe against the mock server', () => {
  let mock: QueueServer;
  let relay: Relay;
  let registrar: ShifoClient;
  let viaRelay: (user: string) => ShifoClient;
  before(async () => {
    mock = await startQueueServer();
    relay = await startRelay(mock.url);
    registrar = mock.client('registrar');
    viaRelay = (user) =>
      createShifoClient({ baseUrl: relay.url, auth: () => mock.token(user), retry: { attempts: 1 }, locale: 'en' });
  });
  after(async () => {
    await relay.close();
    await mock.close();
  });

  const issue = async () => {
    const result = await registrar.queue.issueTicket(THERAPIST);
    assert.equal(result.status, 'sent');
    return result.resource;
  };

  it('delivers a snapshot, then each change once, with the announcement of a call', async () => {
    const log = recorder();
    const live = mock.client('display', { locale: 'en' }).queue.subscribe({ locationId: WAITING_ROOM }, log.options);
    try {
      await waitFor(() => log.snapshots.length === 1, 'the snapshot');
      assert.equal(live.state, 'open');
      assert.deepEqual(log.states, ['open']);
      assert.equal(log.snapshots[0]?.locationId, WAITING_ROOM);
      const ticket = await issue();
      const called = await mock.client('doctor').queue.callNext(THERAPIST, '101');
      assert.equal(called?.id, ticket.id);
      await waitFor(() => log.events.some((e) => e.type === 'ticket.called'), 'the call');
      assert.equal(log.issued(ticket.id), 1);
      const call = log.events.find((e) => e.type === 'ticket.called')!;
      assert.equal(call.ticket.number, ticket.number);
      assert.ok(call.announce?.includes(ticket.number), call.announce);
      assert.equal(call.ticket.patient, undefined, 'boards never carry patients');
      assert.equal(live.lastEventId, call.id);
    } finally {
      live.close();
      await live.closed;
    }
  });

  it('reconnects after the connection is cut and replays exactly the missed events (Last-Event-ID)', async () => {
    const log = recorder();
    let blocked = false;
    relay.intercept = (req) => {
      if (blocked && isStreamRequest(req)) {
        req.socket.destroy();
        return true;
      }
      return false;
    };
    const live = viaRelay('registrar').queue.subscribe(
      { serviceId: THERAPIST },
      { ...log.options, maxReconnectDelayMs: 20, pollAfterFailures: 1000 },
    );
    try {
      await waitFor(() => log.snapshots.length === 1, 'the snapshot');
      const a = await issue();
      await waitFor(() => log.issued(a.id) === 1, 'ticket A live');
      const idOfA = live.lastEventId;

      blocked = true;
      relay.cutAll();
      await waitFor(() => live.state === 'reconnecting', 'the drop to be noticed');
      const b = await issue();
      const c = await issue();
      const streamHitsBefore = relay.hits.length;
      blocked = false;
      await waitFor(() => log.issued(c.id) === 1, 'the replay');
      const resumed = relay.hits.slice(streamHitsBefore).find((hit) => hit.headers['last-event-id'] !== undefined);
      assert.equal(resumed?.headers['last-event-id'], idOfA, 'resumed after the last event received');

      const d = await issue();
      await waitFor(() => log.issued(d.id) === 1, 'ticket D live after the reconnect');
      for (const ticket of [a, b, c, d]) assert.equal(log.issued(ticket.id), 1, `${ticket.number} exactly once`);
      assert.equal(log.snapshots.length, 1, 'a replay, not a new snapshot');
      const ids = log.events.map((event) => Number(event.id));
      assert.deepEqual(
        ids,
        [...ids].sort((x, y) => x - y),
        'in order',
      );
      assert.equal(new Set(ids).size, ids.length, 'no duplicates');
      assert.ok(log.states.includes('reconnecting'));
      assert.equal(live.state, 'open');
    } finally {
      relay.intercept = undefined;
      live.close();
      await live.closed;
    }
  });

  it('passes each event on once when a replay overlaps what already arrived, honouring retry:', async () => {
    const ticket = (n: number) => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      number: `TER-00${n}`,
      serviceId: 'svc',
      locationId: 'loc',
      status: 'waiting',
      priority: 'normal',
      room: null,
      issuedAt: '2026-03-12T09:00:00+05:00',
      calledAt: null,
      position: n,
      estimatedWaitMinutes: null,
      recallCount: 0,
      version: 1,
    });
    const frame = (n: number) =>
      `id: ${n}\nevent: ticket.issued\ndata: ${JSON.stringify({ id: String(n), type: 'ticket.issued', occurredAt: '2026-03-12T09:00:00+05:00', locationId: 'loc', serviceId: 'svc', ticket: ticket(n) })}\n\n`;
    const board = {
      locationId: 'loc',
      locationName: 'L',
      generatedAt: '2026-03-12T09:00:00+05:00',
      lastEventId: '1',
      services: [],
      nowServing: [],
      waiting: [],
    };
    const snapshot = `id: 1\nevent: queue.snapshot\ndata: ${JSON.stringify({ id: '1', type: 'queue.snapshot', occurredAt: board.generatedAt, locationId: 'loc', board })}\n\n`;
    const scripted = await startHostileServer({
      '/queue/boards/loc/events': ({ res, count }) => {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        if (count === 1) {
          res.end(`retry: 10\n\n${snapshot}${frame(2)}${frame(3)}`);
        } else {
          // Overlaps the events already delivered, then keeps the stream open.
          res.write(`${frame(2)}${frame(3)}${frame(4)}`);
        }
      },
    });
    const log = recorder();
    const live = createShifoClient({ baseUrl: scripted.url }).queue.subscribe({ locationId: 'loc' }, log.options);
    try {
      await waitFor(() => log.events.some((e) => e.id === '4'), 'event 4');
      assert.deepEqual(
        log.events.map((e) => e.id),
        ['2', '3', '4'],
      );
      assert.equal(scripted.hits[1]?.headers['last-event-id'], '3');
      assert.equal(log.snapshots.length, 1);
    } finally {
      live.close();
      await live.closed;
      await scripted.close();
    }
  });

  it('falls back to polling when a proxy answers the stream with 502, and polling delivers the changes', async () => {
    relay.intercept = (req, res) => {
      if (!req.url?.includes('/events')) return false;
      if (isStreamRequest(req)) {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end('<h1>Bad Gateway</h1>');
      } else {
        relayPollQuickly(mock.url, req, res);
      }
      return true;
    };
    const log = recorder();
    const live = viaRelay('display').queue.subscribe(
      { locationId: WAITING_ROOM },
      { ...log.options, maxReconnectDelayMs: 10, pollAfterFailures: 2 },
    );
    try {
      await waitFor(() => live.state === 'polling' && log.snapshots.length === 1, 'polling with a snapshot');
      const ticket = await issue();
      await waitFor(() => log.issued(ticket.id) === 1, 'the change through polling');
      const polls = relay.hits.filter(
        (hit) => hit.path.includes('/events') && hit.headers.accept === 'application/json',
      );
      assert.ok(polls.length >= 2);
      assert.ok(polls.at(-1)?.headers['last-event-id'], 'polls resume from the last event');
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.equal(log.issued(ticket.id), 1, 'later polls do not repeat it');
    } finally {
      relay.intercept = undefined;
      live.close();
      await live.closed;
    }
  });

  it('polls behind a proxy that buffers the stream, and returns to streaming once it flows again', async () => {
    let buffering = true;
    const held: ServerResponse[] = [];
    relay.intercept = (req, res) => {
      if (!buffering || !req.url?.includes('/events')) return false;
      if (isStreamRequest(req)) {
        // Headers, then nothing: the proxy keeps the events to itself.
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.flushHeaders();
        held.push(res);
      } else {
        relayPollQuickly(mock.url, req, res);
      }
      return true;
    };
    const log = recorder();
    const live = viaRelay('display').queue.subscribe(
      { locationId: WAITING_ROOM },
      { ...log.options, maxReconnectDelayMs: 10, pollAfterFailures: 2, openTimeoutMs: 100, streamRetryIntervalMs: 150 },
    );
    try {
      await waitFor(() => live.state === 'polling' && log.snapshots.length === 1, 'polling with a snapshot');
      const ticket = await issue();
      await waitFor(() => log.issued(ticket.id) === 1, 'the change through polling');
      buffering = false;
      await waitFor(() => live.state === 'open', 'streaming again');
      const next = await issue();
      await waitFor(() => log.issued(next.id) === 1, 'a change over the stream');
      assert.equal(log.issued(ticket.id), 1);
    } finally {
      relay.intercept = undefined;
      for (const res of held) res.destroy();
      live.close();
      await live.closed;
    }
  });

  it('closes with a not-found error for an unknown queue, and forbidden for another room’s display', async () => {
    const unknown = recorder();
    const first = mock.client('registrar').queue.subscribe({ serviceId: 'qs-nowhere' }, unknown.options);
    await first.closed;
    assert.equal(first.state, 'closed');
    assert.equal(unknown.errors[0]?.kind, 'not-found');

    const foreign = recorder();
    const second = mock
      .client('display')
      .queue.subscribe({ locationId: 'loc-tashkent-city-hospital-waiting-room' }, foreign.options);
    await second.closed;
    assert.equal(foreign.errors[0]?.kind, 'forbidden');
    assert.equal(foreign.events.length + foreign.snapshots.length, 0);
  });

  it('close() and the abort signal stop the stream: the connection is released and nothing more arrives', async () => {
    const log = recorder();
    const live = viaRelay('display').queue.subscribe({ locationId: WAITING_ROOM }, log.options);
    await waitFor(() => log.snapshots.length === 1, 'the snapshot');
    assert.ok(relay.activeRequests() > 0);
    live.close();
    await live.closed;
    assert.equal(live.state, 'closed');
    assert.equal(log.states.at(-1), 'closed');
    await waitFor(() => relay.activeRequests() === 0, 'the connection to close');
    await issue();
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(log.events.length, 0, 'no event after close');

    const controller = new AbortController();
    const aborted = recorder();
    const second = mock
      .client('display')
      .queue.subscribe({ locationId: WAITING_ROOM }, { ...aborted.options, signal: controller.signal });
    await waitFor(() => aborted.snapshots.length === 1, 'the second snapshot');
    controller.abort();
    await second.closed;
    assert.equal(second.state, 'closed');
    assert.equal(aborted.errors.length, 0, 'an abort is not an error');
  });
});
