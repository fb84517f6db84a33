// createShifoClient({ offline }) as a browser app uses it: writes through the client's write channel, the cached
// summary, sign-out and per-tenant stores, against the real mock server with a network the test can cut.
import { expect } from '@open-wc/testing';
import {
  createShifoClient,
  offlineStorage,
  ShifoError,
  writesOf,
  type AuthProvider,
  type SentIntent,
  type ShifoClient,
  type WriteResult,
} from '../../src/index.js';
import { storeNameFor } from '../../src/offline/store-name.js';
import {
  baseUrl,
  createOwnPatient,
  FlakyNetwork,
  freshNamespace,
  heartRate,
  rawIndexedDbText,
  requestIdsOnServer,
  tokenFor,
} from './offline-support.js';

/** A patient of `doctor` whose summary the mock serves, with a name to look for in IndexedDB. */
const SUMMARY_PATIENT = 'example-nodira';
const PINFL = '40503855900021';
const FAMILY = 'Karimova';
const GIVEN = 'Nodira';

interface CreatedObservation {
  id: string;
  resourceType: string;
  identifier?: { system?: string; value?: string }[];
}

function requestIdOf(resource: CreatedObservation): string | undefined {
  return resource.identifier?.find((identifier) => identifier.system === 'urn:shifo:request-id')?.value;
}

async function refusalOf(promise: Promise<unknown>): Promise<ShifoError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(ShifoError);
    return error as ShifoError;
  }
  throw new Error('expected the call to be refused');
}

/** Records of one IndexedDB database (0 when it was deleted). */
async function recordsIn(name: string): Promise<number> {
  const known = (await indexedDB.databases()).some((info) => info.name === name);
  if (!known) return 0;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error as Error);
  });
  let count = 0;
  for (const storeName of Array.from(db.objectStoreNames)) {
    count += await new Promise<number>((resolve, reject) => {
      const request = db.transaction(storeName, 'readonly').objectStore(storeName).count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error as Error);
    });
  }
  db.close();
  return count;
}

describe('createShifoClient({ offline }) in the browser', function () {
  this.timeout(60_000);
  let token: string;
  const clients: ShifoClient[] = [];

  before(async () => {
    token = await tokenFor('doctor');
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) {
      await client.offline?.outbox.wipe();
      await client.offline?.summaries?.wipe();
      client.close();
    }
  });

  /** A client with offline support whose network the test controls. Retries are short so offline is found fast. */
  function offlineClient(
    network: FlakyNetwork,
    namespace = freshNamespace(),
    auth: AuthProvider | (() => string) = () => token,
  ): ShifoClient {
    const client = createShifoClient({
      baseUrl,
      auth,
      fetch: network.fetch,
      retry: { attempts: 2, baseMs: 20 },
      offline: offlineStorage(namespace),
    });
    clients.push(client);
    return client;
  }

  it('queues a write made offline and sends it exactly once when the server is back', async () => {
    const patientId = await createOwnPatient(token);
    const network = new FlakyNetwork();
    const client = offlineClient(network);
    const offline = client.offline!;
    network.down = true;

    const result = await writesOf(client.context).write<CreatedObservation>({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 72),
    });
    expect(result.status).to.equal('queued');
    expect(offline.reachability.online, 'the failed send marked the server unreachable').to.equal(false);
    const pending = await offline.outbox.pending();
    expect(pending.map((intent) => intent.id)).to.deep.equal([result.intentId]);
    const requestId = pending[0]!.idempotency.identifier!;
    expect(requestId).to.match(/^[0-9a-f-]{36}$/);

    // A second write while still offline goes straight to the outbox, in order, without touching the network.
    const deliveredBefore = network.delivered;
    const second = await writesOf(client.context).write({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 73),
    });
    expect(second.status).to.equal('queued');
    expect(network.delivered).to.equal(deliveredBefore);
    const bothPending = await offline.outbox.pending();
    expect(bothPending.map((intent) => intent.id)).to.deep.equal([result.intentId, second.intentId]);
    expect(await requestIdsOnServer(token, patientId), 'nothing reached the server').to.deep.equal([]);

    const sent: SentIntent[] = [];
    offline.outbox.addEventListener('sent', (entry) => sent.push(entry));
    const bothSent = new Promise<void>((resolve) => {
      const stop = offline.outbox.addEventListener('sent', () => {
        if (sent.length === 2) {
          stop();
          resolve();
        }
      });
    });
    network.down = false;
    // A probe that gets an answer marks the server reachable, and the outbox flushes by itself.
    expect(await offline.reachability.check()).to.equal(true);
    await bothSent;
    expect(sent.map((entry) => entry.intent.id)).to.deep.equal([result.intentId, second.intentId]);
    expect((sent[0]!.body as CreatedObservation).resourceType).to.equal('Observation');
    expect(await offline.outbox.pending()).to.deep.equal([]);
    // Another flush finds nothing to send; the server holds each write once.
    expect(await offline.outbox.flush()).to.deep.equal({ sent: 0, failed: 0, remaining: 0 });
    const onServer = await requestIdsOnServer(token, patientId);
    expect(onServer).to.have.length(2);
    expect(onServer).to.include(requestId);
    expect(new Set(onServer).size).to.equal(2);
  });

  it('answers an online write with the resource, and leaves nothing in the outbox', async () => {
    const patientId = await createOwnPatient(token);
    const client = offlineClient(new FlakyNetwork());
    const result: WriteResult<CreatedObservation> = await writesOf(client.context).write<CreatedObservation>({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 64),
    });
    expect(result.status).to.equal('sent');
    if (result.status !== 'sent') return;
    expect(result.replayed).to.equal(false);
    expect(result.resource.resourceType).to.equal('Observation');
    expect(result.resource.id).to.be.a('string');
    const onServer = await requestIdsOnServer(token, patientId);
    expect(onServer).to.deep.equal([requestIdOf(result.resource)]);
    expect(await client.offline!.outbox.pending()).to.deep.equal([]);
  });

  it('sends a queue or feedback write online with its Idempotency-Key and returns the server’s answer', async () => {
    const client = offlineClient(new FlakyNetwork());
    const result = await writesOf(client.context).write<{ token: string; url: string }>({
      method: 'POST',
      path: '/feedback/links',
      body: { locationId: 'loc-yunusobod-waiting-room', expiresInMinutes: 60 },
    });
    expect(result.status).to.equal('sent');
    if (result.status !== 'sent') return;
    expect(result.resource.token).to.be.a('string');
    expect(await client.offline!.outbox.pending()).to.deep.equal([]);
  });

  it('throws a refusal made online as the ShifoError, and does not keep the write in the outbox', async () => {
    const patientId = await createOwnPatient(token);
    const client = offlineClient(new FlakyNetwork());
    const failedEvents: string[] = [];
    client.offline!.outbox.addEventListener('failed', ({ intent }) => failedEvents.push(intent.id));
    const invalid = { ...heartRate(patientId, 80), status: 'not-a-status' };
    const error = await refusalOf(
      writesOf(client.context).write({ method: 'POST', path: '/fhir/Observation', body: invalid }),
    );
    expect(error.status).to.equal(400);
    expect(error.kind).to.equal('invalid');
    expect(error.outcome?.issue.length).to.be.greaterThan(0);
    expect(failedEvents, 'the outbox saw the refusal').to.have.length(1);
    expect(await client.offline!.outbox.pending(), 'the user is right there: nothing waits').to.deep.equal([]);
    expect(await requestIdsOnServer(token, patientId)).to.deep.equal([]);
    // The outbox keeps working after a refusal.
    const next = await writesOf(client.context).write({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 81),
    });
    expect(next.status).to.equal('sent');
  });

  it('with whenOffline: throw, an offline write fails at once and is not queued', async () => {
    const patientId = await createOwnPatient(token);
    const network = new FlakyNetwork();
    const client = offlineClient(network);
    network.down = true;
    const error = await refusalOf(
      writesOf(client.context).write(
        { method: 'POST', path: '/fhir/Observation', body: heartRate(patientId, 90) },
        { whenOffline: 'throw' },
      ),
    );
    expect(['network', 'offline', 'timeout']).to.include(error.kind);
    expect(await client.offline!.outbox.pending()).to.deep.equal([]);
  });

  it('serves the last summary read, with its age, while the server cannot be reached', async () => {
    const network = new FlakyNetwork();
    const client = offlineClient(network);
    const fresh = await client.patients.summary(SUMMARY_PATIENT);
    expect(fresh.patient.id).to.equal(SUMMARY_PATIENT);
    expect(fresh.cached, 'a fresh summary is not marked stale').to.equal(undefined);

    await new Promise((resolve) => setTimeout(resolve, 30));
    network.down = true;
    const stale = await client.patients.summary(SUMMARY_PATIENT);
    expect(stale.patient.id).to.equal(SUMMARY_PATIENT);
    expect(stale.patient.name).to.deep.equal(fresh.patient.name);
    expect(stale.sections).to.deep.equal(fresh.sections);
    expect(stale.cached).to.not.equal(undefined);
    expect(stale.cached!.ageMs).to.be.greaterThanOrEqual(30);
    expect(stale.cached!.storedAt).to.be.at.most(Date.now() - stale.cached!.ageMs + 5);

    // A patient never read before has no copy: the network failure comes through.
    const error = await refusalOf(client.patients.summary('pt-dilnoza-yusupova'));
    expect(error.kind).to.equal('network');
    // Back online, the server's answer is used again, unmarked.
    network.down = false;
    const again = await client.patients.summary(SUMMARY_PATIENT);
    expect(again.cached).to.equal(undefined);
  });

  it('signOut() forgets the tokens and leaves no outbox, cache, key, PINFL, name or token in IndexedDB', async () => {
    const secretToken = `${token}`;
    let signedOut = 0;
    const auth: AuthProvider = {
      getAccessToken: () => (signedOut === 0 ? secretToken : undefined),
      signOut: () => void (signedOut += 1),
    };
    const namespace = freshNamespace();
    const network = new FlakyNetwork();
    const client = offlineClient(network, namespace, auth);
    const summary = await client.patients.summary(SUMMARY_PATIENT);
    expect(summary.patient.name?.[0]?.family).to.equal(FAMILY);
    network.down = true;
    const queued = await writesOf(client.context).write({
      method: 'POST',
      path: '/fhir/Patient',
      body: {
        resourceType: 'Patient',
        identifier: [{ system: 'https://dhp.uz/fhir/core/sid/pid/uz/ni', value: PINFL }],
        name: [{ family: FAMILY, given: [GIVEN] }],
        birthDate: '1985-03-05',
      },
    });
    expect(queued.status).to.equal('queued');

    const outboxDb = await storeNameFor('outbox', namespace);
    const cacheDb = await storeNameFor('cache', namespace);
    expect(await recordsIn(outboxDb), 'an intent and the keys').to.equal(2);
    expect(await recordsIn(cacheDb), 'a summary and the keys').to.equal(2);
    const secrets = [PINFL, FAMILY, GIVEN, secretToken, namespace.user, SUMMARY_PATIENT];
    const before = await rawIndexedDbText();
    for (const secret of secrets) {
      expect(before.text.toLowerCase().includes(secret.toLowerCase()), `"${secret}" in IndexedDB`).to.equal(false);
    }

    await client.signOut();
    expect(signedOut, 'the auth provider forgot its tokens').to.equal(1);
    expect(await recordsIn(outboxDb), 'outbox and its key are gone').to.equal(0);
    expect(await recordsIn(cacheDb), 'cache and its key are gone').to.equal(0);
    expect(await client.offline!.outbox.pending()).to.deep.equal([]);
    expect(await client.offline!.summaries!.get(SUMMARY_PATIENT)).to.equal(undefined);
    const after = await rawIndexedDbText();
    for (const secret of secrets) {
      expect(after.text.toLowerCase().includes(secret.toLowerCase()), `"${secret}" after sign-out`).to.equal(false);
    }
    // Offline after sign-out, the summary is not served from anywhere.
    const error = await refusalOf(client.patients.summary(SUMMARY_PATIENT));
    expect(error.kind).to.equal('network');
  });

  it('signOut() during a summary read does not leave that summary in the cache', async () => {
    const namespace = freshNamespace();
    const network = new FlakyNetwork();
    let release: () => void = () => undefined;
    const answerHeld = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const gated = async (request: Request): Promise<Response> => {
      const response = await network.fetch(request);
      // The summary's answer arrives only after the user has signed out.
      if (holding && new URL(request.url).pathname.endsWith('/$summary')) await answerHeld;
      return response;
    };
    const client = createShifoClient({
      baseUrl,
      auth: () => token,
      fetch: gated,
      offline: offlineStorage(namespace),
    });
    clients.push(client);
    holding = true;
    const reading = client.patients.summary(SUMMARY_PATIENT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.signOut();
    release();
    await reading.catch(() => undefined);
    // The answer that arrives after the wipe must not be cached under a fresh key: that would leave the signed-out
    // user's patient on the machine.
    const cacheDb = await storeNameFor('cache', namespace);
    expect(await recordsIn(cacheDb), 'the signed-out user’s summary was cached after the wipe').to.equal(0);
    expect(await client.offline!.summaries!.get(SUMMARY_PATIENT)).to.equal(undefined);
  });

  it('after signOut() a write no longer waits in the outbox: offline, it fails at once', async () => {
    const patientId = await createOwnPatient(token);
    const network = new FlakyNetwork();
    const client = offlineClient(network);
    await client.signOut();
    network.down = true;
    const error = await refusalOf(
      writesOf(client.context).write({ method: 'POST', path: '/fhir/Observation', body: heartRate(patientId, 91) }),
    );
    expect(['network', 'offline', 'timeout']).to.include(error.kind);
    expect(await client.offline!.outbox.pending()).to.deep.equal([]);
  });

  it('keeps each tenant’s outbox and cache to itself', async () => {
    const patientId = await createOwnPatient(token);
    const user = `doctor-${crypto.randomUUID()}`;
    const networkA = new FlakyNetwork();
    const networkB = new FlakyNetwork();
    const clientA = offlineClient(networkA, { tenant: 'org-yunusobod-polyclinic', user });
    const clientB = offlineClient(networkB, { tenant: 'org-tashkent-city-hospital', user });
    await clientA.patients.summary(SUMMARY_PATIENT);
    networkA.down = true;
    networkB.down = true;
    const a1 = await writesOf(clientA.context).write({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 61),
    });
    const a2 = await writesOf(clientA.context).write({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 62),
    });
    const b1 = await writesOf(clientB.context).write({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 63),
    });
    expect([a1.status, a2.status, b1.status]).to.deep.equal(['queued', 'queued', 'queued']);
    expect((await clientA.offline!.outbox.pending()).map((intent) => intent.id)).to.deep.equal([
      a1.intentId,
      a2.intentId,
    ]);
    expect((await clientB.offline!.outbox.pending()).map((intent) => intent.id)).to.deep.equal([b1.intentId]);
    // B never read the patient: A's cached summary is not B's.
    expect((await clientA.patients.summary(SUMMARY_PATIENT)).cached).to.not.equal(undefined);
    expect((await refusalOf(clientB.patients.summary(SUMMARY_PATIENT))).kind).to.equal('network');

    // Signing out of B leaves A's waiting writes alone.
    await clientB.signOut();
    expect((await clientA.offline!.outbox.pending()).map((intent) => intent.id)).to.deep.equal([
      a1.intentId,
      a2.intentId,
    ]);
    networkA.down = false;
    expect(await clientA.offline!.outbox.flush()).to.deep.equal({ sent: 2, failed: 0, remaining: 0 });
    expect(await requestIdsOnServer(token, patientId)).to.have.length(2);
  });

  it('keeps queued writes across a reload and sends them from the new client', async () => {
    const patientId = await createOwnPatient(token);
    const namespace = freshNamespace();
    const network = new FlakyNetwork();
    const first = offlineClient(network, namespace);
    network.down = true;
    const queued = await writesOf(first.context).write({
      method: 'POST',
      path: '/fhir/Observation',
      body: heartRate(patientId, 55),
    });
    expect(queued.status).to.equal('queued');
    first.close();

    const reloaded = offlineClient(new FlakyNetwork(), namespace);
    const waiting = await reloaded.offline!.outbox.pending();
    expect(waiting.map((intent) => intent.id)).to.deep.equal([queued.intentId]);
    expect(await reloaded.offline!.outbox.flush()).to.deep.equal({ sent: 1, failed: 0, remaining: 0 });
    expect(await requestIdsOnServer(token, patientId)).to.deep.equal([waiting[0]!.idempotency.identifier]);
  });
});
