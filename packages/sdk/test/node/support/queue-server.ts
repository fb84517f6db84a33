// The real mock server on a pinned clock, for the queue, booking, feedback and audit tests: queues are closed at
// night and on Sundays, so tests that ran on the real clock would fail depending on the hour.
import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import { createShifoClient, type ShifoClient, type ShifoClientOptions } from '../../../src/index.js';

/** Facility 1's waiting room and three of its queues. */
export const WAITING_ROOM = 'loc-yunusobod-waiting-room';
export const THERAPIST = 'qs-yunusobod-therapist';
export const LAB = 'qs-yunusobod-lab';
export const DENTIST = 'qs-yunusobod-dentist';
/** Thursday 12 March 2026, 09:00 in Tashkent: every facility-1 queue is open. */
export const THURSDAY_9AM = '2026-03-12T09:00:00+05:00';

export interface QueueServer {
  server: RunningMockServer;
  url: string;
  /** Moves the server's clock. */
  setNow(iso: string): void;
  token(user: string): Promise<string>;
  /** A client signed in as a demo user (tokens cached per user). */
  client(user: string, options?: Partial<ShifoClientOptions>): ShifoClient;
  close(): Promise<void>;
}

export async function startQueueServer(at = THURSDAY_9AM): Promise<QueueServer> {
  let now = new Date(at);
  // Tokens outlive the clock jumps of the tests.
  const server = await startMockServer({ port: 0, now: () => new Date(now), tokenTtlSeconds: 30 * 24 * 3600 });
  const tokens = new Map<string, Promise<string>>();
  const token = (user: string) => {
    let value = tokens.get(user);
    if (!value) {
      value = fetch(`${server.url}/__admin/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user }),
      }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
      tokens.set(user, value);
    }
    return value;
  };
  return {
    server,
    url: server.url,
    setNow: (iso) => (now = new Date(iso)),
    token,
    client: (user, options = {}) => createShifoClient({ baseUrl: server.url, auth: () => token(user), ...options }),
    close: () => server.close(),
  };
}

/** A fetch that really sends the first request matching `matches`, then loses its answer (as a dropped connection). */
export function losingFirstAnswer(matches: (request: Request) => boolean): {
  fetch: (request: Request) => Promise<Response>;
  lost: () => number;
} {
  let lost = 0;
  return {
    lost: () => lost,
    async fetch(request) {
      const response = await globalThis.fetch(request);
      if (lost === 0 && matches(request)) {
        lost++;
        await response.arrayBuffer();
        throw new TypeError('fetch failed');
      }
      return response;
    },
  };
}
