import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './harness.js';

describe('a client that goes away mid-request', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.server.close());

  it('is logged as a dropped request, not as a server failure', async () => {
    const token = await h.tokenFor('doctor');
    const logged: string[] = [];
    const original = console.error;
    console.error = (...parts: unknown[]) => void logged.push(parts.join(' '));
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const controller = new AbortController();
        // A body that never finishes: the server is still reading it when the client aborts.
        const body = new ReadableStream({
          start(stream) {
            stream.enqueue(new TextEncoder().encode('identifier='));
            setTimeout(() => controller.abort(), 50);
          },
        });
        await fetch(`${h.url}/fhir/Patient/_search`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
          duplex: 'half',
          signal: controller.signal,
        } as RequestInit).catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      console.error = original;
    }
    assert.deepEqual(logged, []);
    const searches = h.server.state.requestLog.filter((entry) => entry.route === '/fhir/Patient/_search');
    // A request aborted before it reached the server leaves no entry; those that reached it are "dropped" (0).
    assert.ok(searches.length >= 1, 'at least one aborted request reached the server');
    assert.ok(searches.every((entry) => entry.status === 0));
  });
});
