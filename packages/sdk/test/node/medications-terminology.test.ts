import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tokenFor } from './support/mock-session.js';
import { createShifoClient, type ShifoClient } from '../../src/index.js';
import { refusal } from './support/refusal.js';

describe('medications.search and terminology.searchIcd10 against the mock server', () => {
  let server: RunningMockServer;
  let shifo: ShifoClient;
  let token: string;
  let requests = 0;

  before(async () => {
    server = await startMockServer({ port: 0 });
    token = await tokenFor(server, 'doctor');
    shifo = createShifoClient({
      baseUrl: server.url,
      auth: () => token,
      locale: 'ru',
      fetch: (request) => {
        requests += 1;
        return fetch(request);
      },
    });
  });
  after(() => server.close());

  describe('medications.search', () => {
    it('finds formulary products by INN, in Latin, Cyrillic and Russian', async () => {
      for (const text of ['amlodipin', 'амлодипин', 'Amlodipine']) {
        const found = await shifo.medications.search(text);
        const ids = found.map((medication) => medication.id);
        assert.ok(ids.includes('med-amlodipine-5mg-tab'), text);
        assert.ok(ids.includes('med-amlodipine-10mg-tab'), text);
        assert.ok(found.every((medication) => medication.resourceType === 'Medication'));
      }
    });

    it('finds by trade name', async () => {
      const ids = (await shifo.medications.search('Norvasc')).map((medication) => medication.id);
      assert.ok(ids.includes('med-amlodipine-5mg-tab'));
    });

    it('treats every apostrophe of oʻ/gʻ alike', async () => {
      // The seed's Uzbek INN names that contain oʻ or gʻ, searched with each apostrophe people type.
      const entry = server.state.seed.formulary.find((candidate) => /[oOgG]ʻ/u.test(candidate.inn.uz));
      assert.ok(entry, 'the formulary has an Uzbek name with oʻ or gʻ');
      const word = entry.inn.uz.split(/\s+/u).find((part) => part.includes('ʻ'))!;
      for (const apostrophe of ['ʻ', "'", '‘', '’', '`', '']) {
        const ids = (await shifo.medications.search(word.replace(/ʻ/gu, apostrophe), { limit: 100 })).map(
          (medication) => medication.id,
        );
        assert.ok(ids.includes(entry.medicationId), `${word} typed with "${apostrophe}"`);
      }
    });

    it('honours the limit and finds nothing for an unknown name', async () => {
      const limited = await shifo.medications.search('a', { limit: 3 });
      assert.equal(limited.length, 3);
      assert.deepEqual(await shifo.medications.search('zzzqqq'), []);
    });

    it('refuses an empty text or a bad limit without asking the server', async () => {
      const before = requests;
      assert.equal((await refusal(shifo.medications.search('  '))).kind, 'invalid');
      const limit = await refusal(shifo.medications.search('amlo', { limit: 0 }));
      assert.deepEqual(limit.outcome?.issue[0]?.expression, ['limit']);
      assert.equal(requests, before);
    });
  });

  describe('terminology.searchIcd10', () => {
    it('finds by code prefix, codes first, in the language asked for with the others as designations', async () => {
      const hits = await shifo.terminology.searchIcd10('I1', { language: 'en' });
      assert.ok(hits.length > 0);
      assert.ok(hits.every((hit) => hit.code.startsWith('I1')));
      const i10 = hits.find((hit) => hit.code === 'I10');
      assert.ok(i10);
      const seeded = server.state.seed.icd10.find((entry) => entry.code === 'I10')!;
      assert.equal(i10.display, seeded.display.en);
      assert.equal(i10.designations.ru, seeded.display.ru);
      assert.equal(i10.designations.uz, seeded.display.uz);
      assert.equal(i10.system, 'http://hl7.org/fhir/sid/icd-10');
    });

    it('finds by words of the title in any language; the client locale picks the display language', async () => {
      const seeded = server.state.seed.icd10.find((entry) => entry.code === 'I10')!;
      const russianWord = seeded.display.ru.split(/\s+/u)[0]!.slice(0, 6);
      const hits = await shifo.terminology.searchIcd10(russianWord);
      const i10 = hits.find((hit) => hit.code === 'I10');
      assert.ok(i10, russianWord);
      assert.equal(i10.display, seeded.display.ru, 'the client locale is ru');
    });

    it('a dotted code matches with or without the dot', async () => {
      const dotted = await shifo.terminology.searchIcd10('J06.9');
      const plain = await shifo.terminology.searchIcd10('j069');
      assert.equal(dotted[0]?.code, 'J06.9');
      assert.equal(plain[0]?.code, 'J06.9');
    });

    it('treats Uzbek apostrophes alike in titles', async () => {
      const entry = server.state.seed.icd10.find((candidate) => /ʻ/u.test(candidate.display.uz));
      assert.ok(entry, 'the seed has an Uzbek title with ʻ');
      const word = entry.display.uz.split(/\s+/u).find((part) => part.includes('ʻ'))!;
      for (const typed of [word, word.replace(/ʻ/gu, "'"), word.replace(/ʻ/gu, '')]) {
        const codes = (await shifo.terminology.searchIcd10(typed, { language: 'uz', limit: 100 })).map(
          (hit) => hit.code,
        );
        assert.ok(codes.includes(entry.code), typed);
      }
    });

    it('honours the limit; refuses an empty text before asking', async () => {
      assert.equal((await shifo.terminology.searchIcd10('A', { limit: 2 })).length, 2);
      const before = requests;
      assert.equal((await refusal(shifo.terminology.searchIcd10(''))).kind, 'invalid');
      assert.equal(requests, before);
    });

    it('needs a signed-in user', async () => {
      const anonymous = createShifoClient({ baseUrl: server.url });
      assert.equal((await refusal(anonymous.terminology.searchIcd10('I10'))).kind, 'auth');
    });
  });

  it('a search survives 429 Too Many Requests (the transport waits for Retry-After and retries)', async () => {
    const admin = (body: unknown) =>
      fetch(`${server.url}/__admin/faults`, {
        method: body === undefined ? 'DELETE' : 'PUT',
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const set = await admin({
      routes: [{ pattern: '/fhir/Medication', method: 'GET', burst429: 2, retryAfterSeconds: 0 }],
    });
    assert.ok(set.ok, `faults set: ${set.status}`);
    try {
      const before = requests;
      const ids = (await shifo.medications.search('amlodipin')).map((medication) => medication.id);
      assert.ok(ids.includes('med-amlodipine-5mg-tab'));
      assert.equal(requests - before, 3, 'two refused attempts, then the answer');
    } finally {
      await admin(undefined);
    }
  });
});
