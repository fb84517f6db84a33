import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tokenFor } from './support/mock-session.js';
import {
  createShifoClient,
  normalizeBirthCertificateNumber,
  normalizePassportNumber,
  type Patient,
  type ShifoClient,
} from '../../src/index.js';
import { refusal } from './support/refusal.js';

const LOCAL = 'https://dhp.uz/fhir/core/sid/pid/uz/ppn/local';
const INTL = 'https://dhp.uz/fhir/core/sid/pid/uz/ppn/intl';

describe('patients.findByDocument and patients.search against the mock server', () => {
  let server: RunningMockServer;
  let shifo: ShifoClient;
  /** Every URL the client asked for, to prove identifiers stay out of them. */
  const urls: string[] = [];
  const stored = (id: string) => server.state.store.read('Patient', id) as Patient;
  const identifierOf = (id: string, system: string, use = 'official') =>
    stored(id).identifier?.find((candidate) => candidate.system === system && candidate.use === use)?.value ?? '';

  before(async () => {
    server = await startMockServer({ port: 0 });
    const token = await tokenFor(server, 'registrar');
    shifo = createShifoClient({
      baseUrl: server.url,
      auth: () => token,
      fetch: (request) => {
        urls.push(request.url);
        return fetch(request);
      },
    });
  });
  after(() => server.close());

  describe('normalising document numbers', () => {
    it('passport numbers lose spaces and dashes, gain upper case, and Cyrillic look-alikes become Latin', () => {
      assert.equal(normalizePassportNumber(' ac 123 45 67 '), 'AC1234567');
      assert.equal(normalizePassportNumber('АС-1234567'), 'AC1234567'); // Cyrillic А and С
      assert.equal(normalizePassportNumber('A1234567'), undefined);
      assert.equal(normalizePassportNumber('AC12345678'), undefined);
    });

    it('birth certificates take the issued form "I-TN №123456", keeping the script of the series', () => {
      assert.equal(normalizeBirthCertificateNumber('i-tn 220371'), 'I-TN №220371');
      assert.equal(normalizeBirthCertificateNumber('I TN №220371'), 'I-TN №220371');
      assert.equal(normalizeBirthCertificateNumber('I-TN№ 220371'), 'I-TN №220371');
      assert.equal(normalizeBirthCertificateNumber('І-ТН 220371'), 'I-ТН №220371'); // Cyrillic І → Latin I
      assert.equal(normalizeBirthCertificateNumber('220371'), undefined);
    });
  });

  describe('findByDocument', () => {
    it('finds a patient by the current passport / ID card, typed loosely', async () => {
      const number = identifierOf('pt-passport-only', LOCAL);
      const typed = `${number.slice(0, 2).toLowerCase()} ${number.slice(2, 5)} ${number.slice(5)}`;
      assert.equal((await shifo.patients.findByDocument('passport', typed))?.id, 'pt-passport-only');
      assert.equal((await shifo.patients.findByDocument('id-card', number))?.id, 'pt-passport-only');
    });

    it('finds a patient by a superseded (old) passport too', async () => {
      const old = identifierOf('pt-passport-only', LOCAL, 'old');
      assert.notEqual(old, '');
      assert.equal((await shifo.patients.findByDocument('passport', old))?.id, 'pt-passport-only');
    });

    it('a passport recorded only under the international system is found as a passport, not as an ID card', async () => {
      const everyone = [...server.state.store.all('Patient')] as Patient[];
      const holders = everyone.filter((patient) =>
        patient.identifier?.some((identifier) => identifier.system === INTL),
      );
      const intlOnly = holders.find((patient) => {
        const number = patient.identifier?.find((identifier) => identifier.system === INTL)?.value;
        return !everyone.some((other) =>
          other.identifier?.some((identifier) => identifier.system === LOCAL && identifier.value === number),
        );
      });
      assert.ok(intlOnly, 'the seed has a patient with an international passport');
      const number = intlOnly.identifier?.find((identifier) => identifier.system === INTL)?.value ?? '';
      assert.equal((await shifo.patients.findByDocument('passport', number))?.id, intlOnly.id);
      assert.equal(await shifo.patients.findByDocument('id-card', number), undefined);
    });

    it('finds a child by birth certificate typed without "№"', async () => {
      const issued = identifierOf('pt-birth-cert-only', 'https://dhp.uz/fhir/core/sid/pid/uz/bct');
      const typed = issued.replace(' №', ' ').toLowerCase();
      assert.equal((await shifo.patients.findByDocument('birth-certificate', typed))?.id, 'pt-birth-cert-only');
    });

    it('returns undefined when no one holds the document', async () => {
      assert.equal(await shifo.patients.findByDocument('passport', 'ZZ0000000'), undefined);
    });

    it('refuses a malformed number client-side with an invalid ShifoError naming the field', async () => {
      const before = urls.length;
      const error = await refusal(shifo.patients.findByDocument('passport', '12345'));
      assert.equal(error.kind, 'invalid');
      assert.deepEqual(error.outcome?.issue[0]?.expression, ['number']);
      assert.equal(urls.length, before, 'nothing was sent');
      const birth = await refusal(shifo.patients.findByDocument('birth-certificate', 'nonsense'));
      assert.equal(birth.kind, 'invalid');
    });

    it('keeps the document number out of every URL', async () => {
      const number = identifierOf('pt-passport-only', LOCAL);
      urls.length = 0;
      await shifo.patients.findByDocument('passport', number);
      assert.ok(urls.length >= 1);
      assert.ok(urls.every((url) => !url.includes(number)));
    });
  });

  describe('search by name and birth date', () => {
    it('finds a patient by family name and birth date', async () => {
      const { patients } = await shifo.patients.search({
        family: 'Yusupova',
        birthDate: stored('pt-dilnoza-yusupova').birthDate ?? '',
      });
      assert.ok(patients.some((patient) => patient.id === 'pt-dilnoza-yusupova'));
      assert.ok(patients.every((patient) => patient.birthDate === stored('pt-dilnoza-yusupova').birthDate));
    });

    it('matches every apostrophe spelling of oʻ and a Latin query against a Cyrillic name', async () => {
      const birthDate = stored('pt-eldor-jorayev').birthDate ?? '';
      for (const family of ['Joʻrayev', "Jo'rayev", 'Jo‘rayev', 'Jo`rayev', 'jorayev']) {
        const { patients } = await shifo.patients.search({ family, birthDate });
        assert.deepEqual(
          patients.map((patient) => patient.id),
          ['pt-eldor-jorayev'],
          family,
        );
      }
      const cyrillic = await shifo.patients.search({
        family: 'Saidova',
        given: 'Zuhra',
        birthDate: stored('pt-zuhra-saidova').birthDate ?? '',
      });
      assert.deepEqual(
        cyrillic.patients.map((patient) => patient.id),
        ['pt-zuhra-saidova'],
      );
    });

    it('narrows by given name, and a wrong birth date finds no one', async () => {
      const birthDate = stored('pt-dilnoza-yusupova').birthDate ?? '';
      const wrongGiven = await shifo.patients.search({ family: 'Yusupova', given: 'Zebo', birthDate });
      assert.equal(
        wrongGiven.patients.some((patient) => patient.id === 'pt-dilnoza-yusupova'),
        false,
      );
      const wrongDate = await shifo.patients.search({ family: 'Yusupova', given: 'Dilnoza', birthDate: '1901-01-01' });
      assert.deepEqual(wrongDate.patients, []);
    });

    it('accepts a birth year alone and reports the total of matches', async () => {
      const year = (stored('pt-dilnoza-yusupova').birthDate ?? '').slice(0, 4);
      const result = await shifo.patients.search({ family: 'Yusupova', birthDate: year, count: 1 });
      assert.ok(result.patients.length <= 1);
      assert.ok(typeof result.total === 'number' && result.total >= 1);
    });

    it('refuses a missing family name or a malformed birth date before asking the server', async () => {
      const before = urls.length;
      const noFamily = await refusal(shifo.patients.search({ family: '  ', birthDate: '1988-07-14' }));
      assert.equal(noFamily.kind, 'invalid');
      assert.deepEqual(noFamily.outcome?.issue[0]?.expression, ['family']);
      const badDate = await refusal(shifo.patients.search({ family: 'Yusupova', birthDate: '14.07.1988' }));
      assert.deepEqual(badDate.outcome?.issue[0]?.expression, ['birthDate']);
      const badCount = await refusal(shifo.patients.search({ family: 'Yusupova', birthDate: '1988', count: 500 }));
      assert.deepEqual(badCount.outcome?.issue[0]?.expression, ['count']);
      assert.equal(urls.length, before, 'nothing was sent');
    });

    it('a search survives a burst of 503s: a POST _search is safe to repeat, so the transport retries it', async () => {
      const token = await tokenFor(server, 'registrar');
      let failuresLeft = 2;
      let sent = 0;
      const flaky = createShifoClient({
        baseUrl: server.url,
        auth: () => token,
        retry: { baseMs: 1, capMs: 5 },
        fetch: (request) => {
          sent += 1;
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            return Promise.resolve(new Response('upstream unavailable', { status: 503 }));
          }
          return fetch(request);
        },
      });
      const birthDate = stored('pt-dilnoza-yusupova').birthDate ?? '';
      const { patients } = await flaky.patients.search({ family: 'Yusupova', birthDate });
      assert.ok(patients.some((patient) => patient.id === 'pt-dilnoza-yusupova'));
      assert.equal(sent, 3, 'two failures, then the answer');
    });

    it('a user without search rights gets a forbidden ShifoError', async () => {
      const token = await tokenFor(server, 'patient');
      const asPatient = createShifoClient({ baseUrl: server.url, auth: () => token });
      const error = await refusal(asPatient.patients.search({ family: 'Yusupova', birthDate: '1988' }));
      assert.equal(error.kind, 'forbidden');
      assert.equal(error.status, 403);
    });
  });
});
