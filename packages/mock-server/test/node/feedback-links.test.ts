import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  createLink,
  createLinkRequest,
  QUESTIONNAIRE,
  refusalOf,
  WAITING_ROOM,
  type CreatedLink,
} from './feedback-helpers.js';
import { startHarness, type Harness } from './harness.js';

const PINFL_SYSTEM = 'https://dhp.uz/fhir/core/sid/pid/uz/ni';

describe('Feedback links', () => {
  let h: Harness;
  let clock = Date.parse('2026-03-10T05:00:00Z');
  let registrar: string;
  before(async () => {
    h = await startHarness({ now: () => new Date(clock) });
    registrar = await h.tokenFor('registrar');
  });
  after(() => h.close());

  const info = (token: string, language?: string) =>
    fetch(`${h.url}/feedback/links/${token}`, { headers: language ? { 'Accept-Language': language } : {} });
  const questionnaireOf = (token: string) => fetch(`${h.url}/feedback/links/${token}/questionnaire`);

  describe('creating', () => {
    for (const user of ['admin', 'registrar', 'doctor', 'nurse']) {
      it(`lets ${user} create a signed link for a location of their facility`, async () => {
        const link = await createLink(h, await h.tokenFor(user), { locationId: WAITING_ROOM, expiresInMinutes: 60 });
        assert.equal(link.locationId, WAITING_ROOM);
        assert.equal(link.questionnaire, QUESTIONNAIRE);
        assert.equal(Date.parse(link.expiresAt), Math.floor((clock + 60 * 60_000) / 1000) * 1000);
        assert.ok(link.url.endsWith(`/f/${link.token}`), link.url);
      });
    }

    for (const user of ['pharmacist', 'patient', 'display']) {
      it(`refuses ${user} with 403 role-forbidden`, async () => {
        const response = await createLinkRequest(h, await h.tokenFor(user), { locationId: WAITING_ROOM });
        assert.equal(response.status, 403);
        assert.deepEqual((await refusalOf(response)).shifoCodes, ['role-forbidden']);
      });
    }

    it('refuses a request without a token with 401', async () => {
      const response = await fetch(`${h.url}/feedback/links`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ locationId: WAITING_ROOM }),
      });
      assert.equal(response.status, 401);
      await refusalOf(response);
    });

    it('answers 404 for a location that does not exist', async () => {
      const response = await createLinkRequest(h, registrar, { locationId: 'loc-nowhere' });
      assert.equal(response.status, 404);
      const { body } = await refusalOf(response);
      h.assertMatchesContract('createFeedbackLink', response, body);
      assert.deepEqual(body.issue[0]?.expression, ['locationId']);
    });

    it('refuses a location of another facility with 403 (registrar2 works at the city hospital)', async () => {
      const response = await createLinkRequest(h, await h.tokenFor('registrar2'), { locationId: WAITING_ROOM });
      assert.equal(response.status, 403);
      const { body } = await refusalOf(response);
      assert.equal(body.issue[0]?.code, 'forbidden');
    });

    it('answers 404 for an unknown encounter', async () => {
      const response = await createLinkRequest(h, registrar, { locationId: WAITING_ROOM, encounterId: 'enc-none' });
      assert.equal(response.status, 404);
      assert.deepEqual((await refusalOf(response)).body.issue[0]?.expression, ['encounterId']);
    });

    it('refuses a visit that took place at another facility with 422', async () => {
      const response = await createLinkRequest(h, await h.tokenFor('registrar2'), {
        locationId: 'loc-tashkent-hospital-waiting-room',
        encounterId: 'enc-dilnoza-yusupova-001',
      });
      assert.equal(response.status, 422);
      const { body } = await refusalOf(response);
      assert.equal(body.issue[0]?.code, 'business-rule');
      assert.deepEqual(body.issue[0]?.expression, ['encounterId']);
    });

    it('needs an Idempotency-Key, replays the first link for the same key and refuses the key with another body', async () => {
      const withoutKey = await fetch(`${h.url}/feedback/links`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${registrar}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ locationId: WAITING_ROOM }),
      });
      assert.equal(withoutKey.status, 400);
      assert.deepEqual((await refusalOf(withoutKey)).body.issue[0]?.expression, ['Idempotency-Key']);

      const key = randomUUID();
      const first = await createLinkRequest(h, registrar, { locationId: WAITING_ROOM }, key);
      const again = await createLinkRequest(h, registrar, { locationId: WAITING_ROOM }, key);
      assert.equal(first.status, 201);
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      const [one, two] = [(await first.json()) as CreatedLink, (await again.json()) as CreatedLink];
      assert.equal(two.token, one.token);

      const other = await createLinkRequest(h, registrar, { locationId: 'loc-yunusobod-room-101' }, key);
      assert.equal(other.status, 422);
      assert.deepEqual((await refusalOf(other)).shifoCodes, ['idempotency-key-reused']);
    });
  });

  describe('tokens', () => {
    it('is base64url(claims).base64url(HMAC-SHA256) with a random link id, the location and the expiry only', async () => {
      const link = await createLink(h, registrar);
      const [payload = '', signature = ''] = link.token.split('.');
      assert.equal(link.token.split('.').length, 2);
      assert.equal(Buffer.from(signature, 'base64url').length, 32);
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      assert.deepEqual(Object.keys(claims).sort(), ['e', 'i', 'l']);
      assert.match(String(claims.i), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(claims.l, WAITING_ROOM);
      assert.equal(claims.e, Date.parse(link.expiresAt) / 1000);
      // Two links never share a token.
      assert.notEqual((await createLink(h, registrar)).token, link.token);
    });

    it('carries no personal data, not even when it is about a visit', async () => {
      const link = await createLink(h, await h.tokenFor('doctor'), {
        locationId: 'loc-yunusobod-room-101',
        encounterId: 'enc-dilnoza-yusupova-001',
      });
      assert.equal(link.encounterId, 'enc-dilnoza-yusupova-001', 'the staff member gets the visit back');
      const patient = h.server.state.store.read('Patient', 'pt-dilnoza-yusupova');
      const pinfl = (patient?.identifier as { system: string; value: string }[]).find(
        (i) => i.system === PINFL_SYSTEM,
      )?.value;
      assert.ok(pinfl, 'the seed patient has a PINFL');
      const infoResponse = await info(link.token);
      const infoBody = await infoResponse.json();
      h.assertMatchesContract('getFeedbackLink', infoResponse, infoBody);
      const [payload = ''] = link.token.split('.');
      const exposed = [
        link.token,
        link.url,
        Buffer.from(payload, 'base64url').toString('utf8'),
        JSON.stringify(infoBody),
      ].join('\n');
      for (const secret of [pinfl, 'pt-dilnoza-yusupova', 'dilnoza', 'yusupova', 'anvarovna', 'enc-']) {
        assert.ok(!exposed.toLowerCase().includes(secret.toLowerCase()), `the link exposes "${secret}"`);
      }
    });

    it('answers 404 to forged, tampered and bare tokens', async () => {
      const link = await createLink(h, registrar);
      const [payload = '', signature = ''] = link.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const otherPayload = Buffer.from(JSON.stringify({ ...claims, l: 'loc-yunusobod-room-101' })).toString(
        'base64url',
      );
      const foreignKey = randomBytes(32);
      const lastValue = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(signature.at(-1)!);
      // Flipping a spare bit of the last character decodes to the same bytes: the server must still refuse it.
      const spareBitTwin = `${signature.slice(0, -1)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[lastValue ^ 1]}`;
      assert.deepEqual(Buffer.from(spareBitTwin, 'base64url'), Buffer.from(signature, 'base64url'));
      const forged = [
        randomUUID(),
        `${payload}.${createHmac('sha256', foreignKey).update(payload).digest('base64url')}`,
        `${otherPayload}.${signature}`,
        `${payload}.${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`,
        `${payload}.${spareBitTwin}`,
        `${payload}.${signature}.${signature}`,
        `${Buffer.from(JSON.stringify({ ...claims, i: randomUUID() })).toString('base64url')}.${signature}`,
      ];
      for (const token of forged) {
        for (const response of [await info(token), await questionnaireOf(token)]) {
          assert.equal(response.status, 404, token);
          const { body } = await refusalOf(response);
          assert.equal(body.issue[0]?.code, 'not-found');
        }
      }
      assert.equal((await info(link.token)).status, 200, 'the genuine token still works');
    });
  });

  describe('link info', () => {
    it('names the location in the negotiated language and says the link is fresh', async () => {
      const link = await createLink(h, registrar, { locationId: WAITING_ROOM, language: 'ru' });
      const names: Record<string, string> = {};
      for (const language of ['uz', 'uz-Cyrl', 'ru', 'en']) {
        const response = await info(link.token, language);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-language'), language);
        const body = (await response.json()) as Record<string, unknown>;
        h.assertMatchesContract('getFeedbackLink', response, body);
        assert.equal(body.locationId, WAITING_ROOM);
        assert.equal(body.questionnaire, QUESTIONNAIRE);
        assert.equal(body.used, false);
        assert.equal(body.expired, false);
        assert.equal(body.language, 'ru', 'the language the link was made for');
        assert.equal(body.expiresAt, link.expiresAt);
        names[language] = String(body.locationName);
      }
      assert.deepEqual(names, { uz: 'Kutish zali', 'uz-Cyrl': 'Кутиш зали', ru: 'Зал ожидания', en: 'Waiting area' });
    });

    it("uses the link's language when the browser asks for none of Shifo's", async () => {
      const link = await createLink(h, registrar, { locationId: WAITING_ROOM, language: 'en' });
      const response = await info(link.token, 'de-DE');
      assert.equal(response.headers.get('content-language'), 'en');
      assert.equal(((await response.json()) as { locationName: string }).locationName, 'Waiting area');
    });
  });

  describe('questionnaire', () => {
    it('serves the national satisfaction questionnaire as FHIR JSON without a FHIR token', async () => {
      const link = await createLink(h, registrar);
      const response = await questionnaireOf(link.token);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/fhir\+json/);
      const body = (await response.json()) as { url: string; item: { linkId: string; required?: boolean }[] };
      h.assertMatchesContract('getFeedbackQuestionnaire', response, body);
      assert.equal(body.url, QUESTIONNAIRE);
      assert.deepEqual(
        body.item.filter((item) => item.required).map((item) => item.linkId),
        [
          'appointment-method',
          'wait-time',
          'doctor-competence-satisfaction',
          'health-info-completeness',
          'questions-answered',
        ],
      );
    });
  });

  describe('expiry', () => {
    it('reports an expired link in the info (200) and refuses its questionnaire with 410 link-expired', async () => {
      const link = await createLink(h, registrar, { locationId: WAITING_ROOM, expiresInMinutes: 5 });
      assert.equal((await questionnaireOf(link.token)).status, 200);
      clock += 5 * 60_000 + 1000;
      try {
        const response = await info(link.token);
        const body = (await response.json()) as { expired: boolean; used: boolean };
        h.assertMatchesContract('getFeedbackLink', response, body);
        assert.equal(response.status, 200);
        assert.equal(body.expired, true);
        assert.equal(body.used, false);

        const gone = await questionnaireOf(link.token);
        assert.equal(gone.status, 410);
        const refused = await refusalOf(gone);
        h.assertMatchesContract('getFeedbackQuestionnaire', gone, refused.body);
        assert.equal(refused.body.issue[0]?.code, 'expired');
        assert.deepEqual(refused.shifoCodes, ['link-expired']);
      } finally {
        clock -= 5 * 60_000 + 1000;
      }
    });
  });
});
