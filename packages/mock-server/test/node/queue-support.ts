import { randomUUID } from 'node:crypto';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { startHarness, type Harness } from './harness.js';

/** Facility 1's waiting room and its family-doctor queue (TER, rooms 101 and 102). */
export const WAITING_ROOM = 'loc-yunusobod-waiting-room';
export const THERAPIST = 'qs-yunusobod-therapist';
export const LAB = 'qs-yunusobod-lab';
export const DENTIST = 'qs-yunusobod-dentist';
/** Facility 2's queue, for cross-facility refusals. */
export const CARDIOLOGY_F2 = 'qs-tashkent-hospital-cardiologist';

/** Thursday 12 March 2026, 09:00 in Tashkent: every facility-1 queue is open. */
export const THURSDAY_9AM = '2026-03-12T09:00:00+05:00';

/** A clock the test moves by hand; the server reads it through `now`. */
export class TestClock {
  current: Date;
  constructor(iso: string) {
    this.current = new Date(iso);
  }
  readonly now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface QueueKit {
  h: Harness;
  clock: TestClock;
  token(user: string): Promise<string>;
  get(path: string, user: string, headers?: Record<string, string>): Promise<Response>;
  /** A write with a fresh `Idempotency-Key` unless one is given. */
  post(path: string, user: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Issues a walk-in ticket and returns its body. */
  issue(serviceId: string, body?: Record<string, unknown>, user?: string): Promise<Ticket>;
  callNext(serviceId: string, room?: string, user?: string): Promise<Response>;
  transition(ticketId: string, body: Record<string, unknown>, user?: string): Promise<Response>;
}

export interface Ticket {
  id: string;
  number: string;
  serviceId: string;
  locationId: string;
  status: string;
  priority: string;
  room: string | null;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  position: number | null;
  estimatedWaitMinutes: number | null;
  recallCount: number;
  bookedStart: string | null;
  patient?: { reference: string; display?: string };
  appointment?: { reference: string };
  transferredTo?: { ticketId: string; number: string; serviceId: string };
  transferredFrom?: { ticketId: string; number: string; serviceId: string };
  version: number;
}

/** A demo server on a pinned clock, with helpers that sign in as demo users (tokens are cached). */
export async function startQueueKit(at = THURSDAY_9AM): Promise<QueueKit> {
  const clock = new TestClock(at);
  // Tokens outlive the clock jumps of the tests (days forward and back).
  const h = await startHarness({ now: clock.now, tokenTtlSeconds: 30 * 24 * 3600 });
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    let value = tokens.get(user);
    if (!value) tokens.set(user, (value = await h.tokenFor(user)));
    return value;
  };
  const get = async (path: string, user: string, headers: Record<string, string> = {}) =>
    fetch(`${h.url}${path}`, { headers: { Authorization: `Bearer ${await token(user)}`, ...headers } });
  const post = async (path: string, user: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${h.url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await token(user)}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const kit: QueueKit = {
    h,
    clock,
    token,
    get,
    post,
    async issue(serviceId, body = {}, user = 'registrar') {
      const response = await post(`/queue/services/${serviceId}/tickets`, user, body);
      if (response.status !== 201) throw new Error(`issue: ${response.status} ${await response.text()}`);
      const ticket = (await response.json()) as Ticket;
      h.assertMatchesContract('issueTicket', response, ticket);
      return ticket;
    },
    callNext: (serviceId, room = '101', user = 'doctor') =>
      post(`/queue/services/${serviceId}/call-next`, user, { room }),
    transition: (ticketId, body, user = 'doctor') => post(`/queue/tickets/${ticketId}/transitions`, user, body),
  };
  return kit;
}

/** The Shifo error code of a refusal (`issue[0].details.coding[0].code`). */
export function shifoCode(outcome: { issue: object[] }): string | undefined {
  const issue = outcome.issue[0] as { details?: { coding?: { code?: string }[] } } | undefined;
  return issue?.details?.coding?.[0]?.code;
}

/** A parsed SSE event with its JSON data. */
export interface StreamEvent {
  id: string | undefined;
  event: string | undefined;
  data: Record<string, unknown>;
}

/** Reads an open `text/event-stream` response with eventsource-parser; events and comments as they arrive. */
export class EventReader {
  readonly events: StreamEvent[] = [];
  readonly comments: string[] = [];
  retry: number | undefined;
  private readonly waiters: (() => void)[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  ended = false;

  constructor(response: Response) {
    if (!response.body) throw new Error('no body');
    const reader = response.body.getReader();
    this.reader = reader;
    const parser = createParser({
      onEvent: (message: EventSourceMessage) => {
        this.events.push({
          id: message.id,
          event: message.event,
          data: JSON.parse(message.data) as Record<string, unknown>,
        });
        this.wake();
      },
      onComment: (comment) => {
        this.comments.push(comment.trim());
        this.wake();
      },
      onRetry: (ms) => {
        this.retry = ms;
      },
    });
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        // The test closed the stream.
      }
      this.ended = true;
      this.wake();
    })();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `predicate` holds (or fails after `ms`). */
  async until(predicate: () => boolean, ms = 3000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (this.ended) throw new Error(`stream ended; got ${JSON.stringify(this.events.map((e) => e.event))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; got ${JSON.stringify(this.events.map((e) => [e.id, e.event]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitForEvents(count: number, ms?: number): Promise<StreamEvent[]> {
    await this.until(() => this.events.length >= count, ms);
    return this.events.slice(0, count);
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

/** Opens an event stream as a demo user. */
export async function openStream(
  kit: QueueKit,
  path: string,
  user: string,
  headers: Record<string, string> = {},
): Promise<{ response: Response; reader: EventReader }> {
  const response = await kit.get(path, user, { Accept: 'text/event-stream', ...headers });
  if (response.status !== 200) throw new Error(`stream ${path}: ${response.status} ${await response.text()}`);
  return { response, reader: new EventReader(response) };
}
