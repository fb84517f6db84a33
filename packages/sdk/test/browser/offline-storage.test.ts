import { expect } from '@open-wc/testing';
import { entries, setMany } from 'idb-keyval';
import { createOutbox, createSummaryCache } from '../../src/index.js';
import { SealedStore } from '../../src/offline/sealed-store.js';
import { storeNameFor } from '../../src/offline/store-name.js';
import { baseUrl, freshNamespace, rawIndexedDbText } from './offline-support.js';

const PINFL = '40503855900021';
const FAMILY = 'Karimova';
const GIVEN = 'Nodira';
const TOKEN = `eyJhbGciOiJIUzI1NiJ9.${crypto.randomUUID()}.secret-signature`;

function patientResource(): Record<string, unknown> {
  return {
    resourceType: 'Patient',
    id: 'example-nodira',
    identifier: [{ system: 'https://dhp.uz/fhir/core/sid/pid/uz/ni', value: PINFL }],
    name: [{ family: FAMILY, given: [GIVEN, 'Anvarovna'], text: `${FAMILY} ${GIVEN} Anvarovna` }],
    birthDate: '1985-03-05',
  };
}

describe('offline storage in IndexedDB', function () {
  this.timeout(30_000);

  it('keeps no plaintext PINFL, name or token, and wipe() leaves nothing', async () => {
    const namespace = freshNamespace();
    const neverSent = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const outbox = createOutbox({ baseUrl, auth: () => TOKEN, fetch: neverSent, autoFlush: false, ...namespace });
    const cache = createSummaryCache({ ...namespace });
    await outbox.enqueue({ method: 'POST', path: '/fhir/Patient', body: patientResource() });
    await outbox.enqueue({
      method: 'POST',
      path: '/queue/services/svc-ter/tickets',
      body: { patient: { reference: 'Patient/example-nodira', display: `${FAMILY} ${GIVEN}` } },
    });
    expect((await outbox.flush()).sent, 'the network is down').to.equal(0);
    await cache.put('example-nodira', { patient: patientResource(), allergies: [] });

    const outboxDb = await storeNameFor('outbox', namespace);
    const cacheDb = await storeNameFor('cache', namespace);
    const raw = await rawIndexedDbText();
    expect(raw.names).to.include.members([outboxDb, cacheDb]);
    expect(raw.records).to.be.greaterThanOrEqual(5); // 2 intents + 1 summary + 2 key records
    for (const secret of [PINFL, FAMILY, GIVEN, 'nodira', TOKEN, namespace.user, 'Patient/example']) {
      expect(raw.text.toLowerCase().includes(secret.toLowerCase()), `found "${secret}" in IndexedDB`).to.equal(false);
    }
    // What is stored is ciphertext under a key that script cannot export.
    const outboxRecords = await entries(new SealedStore(outboxDb).raw);
    const keyRecord = outboxRecords.find(([key]) => key === '__keys')?.[1] as { seal: CryptoKey; blind: CryptoKey };
    expect(keyRecord.seal.extractable).to.equal(false);
    expect(keyRecord.seal.algorithm.name).to.equal('AES-GCM');
    expect(keyRecord.blind.extractable).to.equal(false);
    const sealed = outboxRecords.filter(([key]) => key !== '__keys').map(([, value]) => value as { iv: Uint8Array });
    expect(sealed).to.have.length(2);
    expect(sealed.every((record) => record.iv.byteLength === 12)).to.equal(true);
    expect(String(sealed[0]!.iv), 'a fresh IV per value').not.to.equal(String(sealed[1]!.iv));

    // The outbox still reads its own intents back.
    const pending = await outbox.pending();
    expect((pending[0]!.body as { identifier: { value: string }[] }).identifier[0]!.value).to.equal(PINFL);

    await outbox.wipe();
    await cache.wipe();
    expect(await entries(new SealedStore(outboxDb).raw)).to.deep.equal([]);
    expect(await entries(new SealedStore(cacheDb).raw)).to.deep.equal([]);
    expect(await outbox.pending()).to.deep.equal([]);
    expect(await cache.get('example-nodira')).to.equal(undefined);
    outbox.close();
  });

  it('cannot read values stored under a key that was wiped', async () => {
    const namespace = freshNamespace();
    const cache = createSummaryCache<{ n: number }>({ ...namespace });
    await cache.put('pt-1', { n: 1 });
    const store = new SealedStore(await storeNameFor('cache', namespace));
    const copy = await entries(store.raw);
    await cache.wipe();
    // Put the old ciphertext back (as a disk copy would be): without the old key it is unreadable.
    await cache.put('pt-2', { n: 2 });
    const oldEntries = copy.filter(([key]) => key !== '__keys');
    expect(oldEntries).to.have.length(1);
    await setMany(oldEntries, store.raw);
    const stale = new SealedStore(store.databaseName);
    const record = (await stale.records()).find(([key]) => key === oldEntries[0]![0])?.[1];
    expect(record, 'the old ciphertext is back in the store').not.to.equal(undefined);
    let readable = true;
    await stale.open(record!).catch(() => (readable = false));
    expect(readable).to.equal(false);
    expect((await cache.get('pt-2'))?.value).to.deep.equal({ n: 2 });
    await cache.wipe();
  });

  it('serves cached summaries with their age and evicts the least recently used', async () => {
    let clock = 1_000_000;
    const cache = createSummaryCache<{ name: string }>({ ...freshNamespace(), maxEntries: 3, now: () => clock });
    await cache.put('pt-a', { name: 'A' });
    clock += 1_000;
    await cache.put('pt-b', { name: 'B' });
    clock += 1_000;
    await cache.put('pt-c', { name: 'C' });
    clock += 60_000;
    const a = await cache.get('pt-a');
    expect(a).to.deep.equal({ value: { name: 'A' }, storedAt: 1_000_000, ageMs: 62_000 });
    clock += 1_000;
    await cache.put('pt-d', { name: 'D' }); // pt-b is now the least recently used
    expect(await cache.get('pt-b')).to.equal(undefined);
    expect((await cache.get('pt-a'))?.value.name).to.equal('A');
    expect((await cache.get('pt-c'))?.value.name).to.equal('C');
    expect((await cache.get('pt-d'))?.ageMs).to.equal(0);
    await cache.put('pt-a', { name: 'A2' });
    expect((await cache.get('pt-a'))?.storedAt, 'a new put restarts the age').to.equal(clock);
    await cache.wipe();
  });
});
