import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createReachability, observeReachability, ShifoError } from '../../src/index.js';
import { createTransport } from '../../src/transport/create-fetch.js';

/** A fetch that the test can cut: refused before it leaves, like a dead link. */
function switchable(): { fetch: (request: Request) => Promise<Response>; down: boolean; calls: number } {
  const network = {
    down: false,
    calls: 0,
    fetch: async (request: Request): Promise<Response> => {
      network.calls += 1;
      if (network.down) throw new TypeError('fetch failed');
      return fetch(request);
    },
  };
  return network;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(5);
}

describe('offline: reachability of the central store', () => {
  let server: RunningMockServer;

  before(async () => {
    server = await startMockServer({ port: 0 });
  });

  after(async () => {
    await server.close();
  });

  it('probes GET /fhir/metadata with backoff while unreachable, and says when it is back', async () => {
    const network = switchable();
    const reachability = createReachability({
      baseUrl: server.url,
      fetch: network.fetch,
      minDelayMs: 20,
      maxDelayMs: 80,
    });
    const events: string[] = [];
    reachability.addEventListener('offline', () => events.push('offline'));
    reachability.addEventListener('online', () => events.push('online'));
    try {
      assert.equal(reachability.online, true, 'optimistic until a request fails');
      network.down = true;
      assert.equal(await reachability.check(), false);
      await sleep(300);
      const probesWhileDown = network.calls;
      // Waits double from 20 ms up to 80 ms (each drawn in [bound/2, bound]): a handful of probes, not hundreds.
      assert.ok(probesWhileDown >= 2 && probesWhileDown <= 15, `probes while down: ${probesWhileDown}`);
      assert.equal(reachability.online, false);
      network.down = false;
      await until(() => reachability.online, 2_000);
      assert.equal(reachability.online, true);
      assert.deepEqual(events, ['offline', 'online']);
      const callsWhenBack = network.calls;
      await sleep(150);
      assert.equal(network.calls, callsWhenBack, 'no probes while reachable');
    } finally {
      reachability.close();
    }
  });

  it('learns from real requests: a refusal is an answer, a failure to connect is not', async () => {
    const network = switchable();
    const reachability = createReachability({ probe: () => Promise.reject(new TypeError('down')), minDelayMs: 10_000 });
    const transport = observeReachability(createTransport({ fetch: network.fetch, retry: false }), reachability);
    try {
      network.down = true;
      const failure = await transport(new Request(`${server.url}/fhir/metadata`)).catch((error: unknown) => error);
      assert.ok(failure instanceof ShifoError && failure.kind === 'network');
      assert.equal(reachability.online, false);
      network.down = false;
      const refused = await transport(new Request(`${server.url}/fhir/Patient/example-nodira`));
      assert.equal(refused.status, 401, 'no token: refused, but the server answered');
      assert.equal(reachability.online, true);
    } finally {
      reachability.close();
    }
  });
});
