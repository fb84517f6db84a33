import { expect } from '@open-wc/testing';
import { createOutbox, createReachability, type Outbox, type SentIntent } from '../../src/index.js';
import {
  baseUrl,
  createOwnPatient,
  FlakyNetwork,
  freshNamespace,
  heartRate,
  observationTarget,
  patientTarget,
  requestIdsOnServer,
  tokenFor,
  type WriteTarget,
} from './offline-support.js';

/** Every request id exactly once on the server, and nothing else. */
function expectExactlyOnce(onServer: string[], sentIds: string[]): void {
  expect(new Set(onServer).size, 'duplicates on the server').to.equal(onServer.length);
  expect([...onServer].sort()).to.deep.equal([...sentIds].sort());
}

describe('offline outbox against the mock server', function () {
  this.timeout(120_000);
  let token: string;
  const opened: Outbox[] = [];

  before(async () => {
    token = await tokenFor('doctor');
  });

  afterEach(async () => {
    for (const outbox of opened.splice(0)) {
      outbox.close();
      await outbox.wipe();
    }
  });

  function outbox(network: FlakyNetwork, options: Partial<Parameters<typeof createOutbox>[0]> = {}): Outbox {
    const created = createOutbox({
      baseUrl,
      auth: () => token,
      fetch: network.fetch,
      autoFlush: false,
      ...freshNamespace(),
      ...options,
    });
    opened.push(created);
    return created;
  }

  for (const conditionalCreate of [undefined, false] as const) {
    const mode = conditionalCreate === undefined ? 'conditional create' : 'search before resend';
    const cycles = conditionalCreate === undefined ? 20 : 8;

    const targetFor = (): Promise<WriteTarget> | WriteTarget =>
      conditionalCreate === undefined ? observationTarget(token) : patientTarget(token);

    it(`loses and duplicates nothing over ${cycles} offline cycles (${mode})`, async () => {
      const target = await targetFor();
      const network = new FlakyNetwork();
      const box = outbox(network, { conditionalCreate });
      const identifiers: string[] = [];
      let index = 0;
      for (let cycle = 0; cycle < cycles; cycle += 1) {
        network.down = true;
        for (let write = 0; write < 3; write += 1) {
          const intent = await box.enqueue({ method: 'POST', path: target.path, body: target.body(index++) });
          identifiers.push(intent.idempotency.identifier!);
        }
        const offlineFlush = await box.flush();
        expect(offlineFlush.sent, 'nothing goes out while down').to.equal(0);
        expect(box.reachability.online).to.equal(false);
        network.down = false;
        // The first create of each cycle reaches the server but its answer is lost: it must not be made twice.
        network.loseAnswers = 1;
        await box.flush();
        await box.flush();
        expect(network.loseAnswers).to.equal(0);
      }
      expect(await box.pending()).to.deep.equal([]);
      expectExactlyOnce(await target.onServer(), identifiers);
    });

    it(`sends each intent once after a reload in the middle of a flush (${mode})`, async () => {
      const target = await targetFor();
      const namespace = freshNamespace();
      const dying = new FlakyNetwork();
      const first = outbox(dying, { ...namespace, conditionalCreate });
      const identifiers: string[] = [];
      for (let index = 0; index < 10; index += 1) {
        const intent = await first.enqueue({ method: 'POST', path: target.path, body: target.body(index) });
        identifiers.push(intent.idempotency.identifier!);
      }
      // The tab dies after the server has taken the 4th create, before its answer arrives.
      dying.hangAfter = conditionalCreate === undefined ? 5 : 4; // (+1 for the CapabilityStatement read)
      const flushing = first.flush();
      while (dying.delivered < dying.hangAfter) await new Promise((resolve) => setTimeout(resolve, 5));
      first.close();
      let abandoned: unknown;
      await flushing.catch((error: unknown) => (abandoned = error));
      expect((abandoned as DOMException).name).to.equal('AbortError');
      expect((await target.onServer()).length).to.equal(4);

      const reloaded = outbox(new FlakyNetwork(), { ...namespace, conditionalCreate });
      const waiting = await reloaded.pending();
      // The sent-but-not-yet-deleted ones may still be there (their deletion rides on the next batch's commit).
      const waitingIds = waiting.map((intent) => intent.idempotency.identifier!);
      expect(waitingIds.slice(-7)).to.deep.equal(identifiers.slice(3));
      const interrupted = waiting.find((intent) => intent.idempotency.identifier === identifiers[3])!;
      expect(interrupted.state, 'written as sending before its request').to.equal('sending');
      expect(interrupted.attempts).to.equal(1);
      const sent: SentIntent[] = [];
      reloaded.addEventListener('sent', (result) => sent.push(result));
      const result = await reloaded.flush();
      expect(result).to.deep.equal({ sent: waiting.length, failed: 0, remaining: 0 });
      const replayed = sent.filter((entry) => entry.replayed).map((entry) => entry.intent.idempotency.identifier);
      expect(replayed, 'what reached the server before the reload is recognised, not repeated').to.deep.equal(
        waitingIds.slice(0, waitingIds.length - 6),
      );
      expectExactlyOnce(await target.onServer(), identifiers);
    });
  }

  it('sends each intent once when two tabs flush one outbox at the same time', async () => {
    const patientId = await createOwnPatient(token);
    const namespace = freshNamespace();
    const tabA = outbox(new FlakyNetwork(), namespace);
    const tabB = outbox(new FlakyNetwork(), namespace);
    const identifiers: string[] = [];
    for (let index = 0; index < 30; index += 1) {
      const tab = index % 2 === 0 ? tabA : tabB;
      const intent = await tab.enqueue({
        method: 'POST',
        path: '/fhir/Observation',
        body: heartRate(patientId, 60 + index),
      });
      identifiers.push(intent.idempotency.identifier!);
    }
    const [a, b] = await Promise.all([tabA.flush(), tabB.flush()]);
    expect(a.sent + b.sent).to.equal(30);
    expectExactlyOnce(await requestIdsOnServer(token, patientId), identifiers);
  });

  it('parks a refused write, keeps its dependants waiting and sends the rest', async () => {
    const patientId = await createOwnPatient(token);
    const box = outbox(new FlakyNetwork());
    const failedEvents: { status: number | undefined; kind: string; issues: number }[] = [];
    box.addEventListener('failed', ({ error }) =>
      failedEvents.push({ status: error.status, kind: error.kind, issues: error.outcome?.issue.length ?? 0 }),
    );
    const invalid = { ...heartRate(patientId, 80), status: 'not-a-status' };
    const refused = await box.enqueue({ method: 'POST', path: '/fhir/Observation', body: invalid });
    const dependant = await box.enqueue({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 81),
      dependsOn: [refused.id],
    });
    const independent = await box.enqueue({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 82),
    });

    const result = await box.flush();
    expect(result).to.deep.equal({ sent: 1, failed: 1, remaining: 2 });
    expect(failedEvents).to.have.length(1);
    expect(failedEvents[0]!.status).to.equal(400);
    expect(failedEvents[0]!.issues).to.be.greaterThan(0);
    const waiting = await box.pending();
    expect(waiting.map((intent) => [intent.id, intent.state])).to.deep.equal([
      [refused.id, 'failed'],
      [dependant.id, 'pending'],
    ]);
    expect(waiting[0]!.failure?.status).to.equal(400);
    expect(await requestIdsOnServer(token, patientId)).to.deep.equal([independent.idempotency.identifier]);

    // Retrying without a fix is refused again; discarding it does not silently drop what depended on it.
    await box.resolve(refused.id, 'retry');
    expect((await box.flush()).failed).to.equal(1);
    await box.resolve(refused.id, 'discard');
    const left = await box.pending();
    expect(left.map((intent) => [intent.id, intent.state])).to.deep.equal([[dependant.id, 'failed']]);
    expect(left[0]!.failure?.message).to.match(/depends on/);
    expect((await box.flush()).sent).to.equal(0);
  });

  it('replays a feedback link with its Idempotency-Key after a lost answer', async () => {
    const network = new FlakyNetwork();
    const box = outbox(network);
    const sent: SentIntent[] = [];
    box.addEventListener('sent', (result) => sent.push(result));
    const intent = await box.enqueue({
      method: 'POST',
      path: '/feedback/links',
      body: { locationId: 'loc-yunusobod-waiting-room', expiresInMinutes: 60 },
    });
    expect(intent.idempotency.key).to.match(/^[0-9a-f-]{36}$/);
    network.loseAnswers = 1;
    expect((await box.flush()).sent).to.equal(0);
    expect(network.delivered).to.equal(1);
    expect((await box.flush()).sent).to.equal(1);
    expect(sent).to.have.length(1);
    expect(sent[0]!.status).to.equal(201);
    // The first (lost) request created the link under the intent's key; the resend got that same link back.
    const again = await fetch(`${baseUrl}/feedback/links`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': intent.idempotency.key!,
      },
      body: JSON.stringify(intent.body),
    });
    const link = (await again.json()) as { token: string };
    expect((sent[0]!.body as { token: string }).token).to.equal(link.token);
  });

  it('flushes by itself when a backed-off probe finds the server again', async () => {
    const patientId = await createOwnPatient(token);
    const network = new FlakyNetwork();
    const reachability = createReachability({ baseUrl, fetch: network.fetch, minDelayMs: 20, maxDelayMs: 100 });
    const box = outbox(network, { reachability, autoFlush: true });
    const states: string[] = [];
    reachability.addEventListener('offline', () => states.push('offline'));
    reachability.addEventListener('online', () => states.push('online'));
    const sent = new Promise<SentIntent>((resolve) => box.addEventListener('sent', resolve));

    network.down = true;
    const intent = await box.enqueue({ method: 'POST', path: '/fhir/Observation', body: heartRate(patientId, 77) });
    await box.flush();
    expect(reachability.online).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(reachability.online, 'probes fail while down').to.equal(false);
    network.down = false;
    const result = await sent;
    expect(result.intent.id).to.equal(intent.id);
    expect(states).to.deep.equal(['offline', 'online']);
    expect(await requestIdsOnServer(token, patientId)).to.deep.equal([intent.idempotency.identifier]);
    reachability.close();
  });
});
