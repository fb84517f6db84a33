import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { answers, questionnaireResponse, refusalOf, respond, type Choices } from './feedback-helpers.js';
import { startHarness, type Harness } from './harness.js';

interface Count {
  count: number | null;
  suppressed: boolean;
}

interface Stats {
  locationId: string;
  from: string;
  to: string;
  suppressionThreshold: number;
  responses: Count;
  fft: { counts: ({ rating: string } & Count)[]; positivePercent: number | null; negativePercent: number | null };
  questions: {
    linkId: string;
    text?: string;
    answers: ({ code: string; display?: string } & Count)[];
    freeTextCount?: Count;
  }[];
  complaints: ({ category: string } & Count)[];
}

const START = Date.parse('2026-03-10T05:00:00Z'); // 10:00 in Tashkent
const DAY = 86_400_000;

describe('Feedback statistics', () => {
  let h: Harness;
  let clock = START;
  let nurse: string;
  before(async () => {
    h = await startHarness({ now: () => new Date(clock) });
    nurse = await h.tokenFor('nurse');
  });
  after(() => h.close());

  const statsRequest = (bearer: string | undefined, query: string, language?: string) =>
    fetch(`${h.url}/feedback/stats?${query}`, {
      headers: {
        ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        ...(language ? { 'Accept-Language': language } : {}),
      },
    });
  const stats = async (user: string, query: string, language?: string): Promise<Stats> => {
    const response = await statsRequest(await h.tokenFor(user), query, language);
    const body = (await response.json()) as Stats;
    assert.equal(response.status, 200, JSON.stringify(body));
    h.assertMatchesContract('getFeedbackStats', response, body);
    return body;
  };
  const feedback = (locationId: string, extra: Record<string, unknown> = {}, choices: Choices = {}) =>
    respond(h, nurse, { questionnaireResponse: questionnaireResponse(answers(choices)), ...extra }, locationId);
  const rating = (body: Stats, name: string) => body.fft.counts.find((c) => c.rating === name);
  const answer = (body: Stats, linkId: string, code: string) =>
    body.questions.find((q) => q.linkId === linkId)?.answers.find((a) => a.code === code);
  const complaint = (body: Stats, category: string) => body.complaints.find((c) => c.category === category);

  it('suppresses counts from 1 to 4 and percentages under 5 ratings, and shows them from 5 on', async () => {
    const room = 'loc-yunusobod-room-102';
    for (let i = 0; i < 4; i += 1) await feedback(room, { rating: 'very-good' }, { wait: '20-30min' });
    const four = await stats('admin', `location=${room}`);
    assert.equal(four.suppressionThreshold, 5);
    assert.deepEqual(four.responses, { count: null, suppressed: true });
    assert.deepEqual(rating(four, 'very-good'), { rating: 'very-good', count: null, suppressed: true });
    assert.deepEqual(rating(four, 'poor'), { rating: 'poor', count: 0, suppressed: false });
    assert.equal(four.fft.positivePercent, null);
    assert.equal(four.fft.negativePercent, null);
    assert.deepEqual(answer(four, 'wait-time', '20-30min'), {
      code: '20-30min',
      display: '20-30 daqiqa',
      count: null,
      suppressed: true,
    });
    assert.equal(answer(four, 'wait-time', '10-15min')?.count, 0);

    await feedback(room, { rating: 'very-good' }, { wait: '20-30min' });
    const five = await stats('admin', `location=${room}`);
    assert.deepEqual(five.responses, { count: 5, suppressed: false });
    assert.deepEqual(rating(five, 'very-good'), { rating: 'very-good', count: 5, suppressed: false });
    assert.equal(five.fft.positivePercent, 100);
    assert.equal(five.fft.negativePercent, 0);
    assert.equal(answer(five, 'wait-time', '20-30min')?.count, 5);
    assert.equal(answer(five, 'appointment-method', 'remote')?.count, 5);
  });

  it('computes % positive as (very good + good) / all ratings, counting "don\'t know" but not unrated answers', async () => {
    const room = 'loc-yunusobod-room-103';
    const ratings = ['very-good', 'very-good', 'very-good', 'good', 'good', 'neither', 'poor', 'dont-know'];
    for (const value of ratings) await feedback(room, { rating: value });
    await feedback(room); // no quick rating at all
    const body = await stats('doctor', `location=${room}`);
    assert.equal(body.responses.count, 9);
    assert.equal(body.fft.positivePercent, 62.5); // 5 / 8
    assert.equal(body.fft.negativePercent, 12.5); // 1 / 8
  });

  it('rounds percentages to one decimal', async () => {
    const room = 'loc-yunusobod-room-105';
    for (const value of ['very-good', 'very-good', 'very-good', 'very-good', 'good', 'poor', 'very-poor']) {
      await feedback(room, { rating: value });
    }
    const body = await stats('registrar', `location=${room}`);
    assert.equal(body.fft.positivePercent, 71.4); // 5 / 7 = 71.43 %
    assert.equal(body.fft.negativePercent, 28.6); // 2 / 7 = 28.57 %
  });

  it('shows informal-payment complaints to the admin only; others do not see the category at all', async () => {
    const room = 'loc-yunusobod-room-104';
    for (let i = 0; i < 5; i += 1)
      await feedback(room, { rating: 'poor', complaints: ['informal-payment', 'waiting-time'] });
    for (let i = 0; i < 2; i += 1) await feedback(room, { rating: 'neither', complaints: ['communication'] });

    const admin = await stats('admin', `location=${room}`);
    assert.deepEqual(complaint(admin, 'informal-payment'), {
      category: 'informal-payment',
      count: 5,
      suppressed: false,
    });
    assert.deepEqual(complaint(admin, 'waiting-time'), { category: 'waiting-time', count: 5, suppressed: false });
    assert.deepEqual(complaint(admin, 'communication'), { category: 'communication', count: null, suppressed: true });
    assert.deepEqual(complaint(admin, 'safety'), { category: 'safety', count: 0, suppressed: false });

    for (const user of ['doctor', 'nurse', 'registrar']) {
      const response = await statsRequest(await h.tokenFor(user), `location=${room}`);
      const text = await response.text();
      assert.equal(response.status, 200);
      assert.ok(!text.includes('informal-payment'), `${user} sees the confidential category`);
      const body = JSON.parse(text) as Stats;
      h.assertMatchesContract('getFeedbackStats', response, body);
      assert.equal(complaint(body, 'waiting-time')?.count, 5);
      assert.equal(body.complaints.length, 9);
    }
  });

  it('counts free-text answers without ever showing them', async () => {
    const room = 'loc-yunusobod-room-110';
    for (let i = 0; i < 5; i += 1) {
      await feedback(
        room,
        {},
        { appointment: 'other', appointmentOther: `qoʻshnim ${i}`, suggestion: `Maxfiy taklif ${i}` },
      );
    }
    const response = await statsRequest(await h.tokenFor('admin'), `location=${room}`);
    const text = await response.text();
    assert.ok(!text.includes('Maxfiy taklif') && !text.includes('qoʻshnim'), 'free text leaked into statistics');
    const body = JSON.parse(text) as Stats;
    const appointment = body.questions.find((q) => q.linkId === 'appointment-method');
    assert.deepEqual(appointment?.freeTextCount, { count: 5, suppressed: false });
    assert.equal(answer(body, 'appointment-method', 'other')?.count, 5);
    const suggestions = body.questions.find((q) => q.linkId === 'improvement-suggestions');
    assert.deepEqual(suggestions?.answers, []);
    assert.deepEqual(suggestions?.freeTextCount, { count: 5, suppressed: false });
    assert.deepEqual(body.questions.find((q) => q.linkId === 'wait-time')?.freeTextCount, undefined);
  });

  it('writes question texts and answer displays in the negotiated language', async () => {
    const room = 'loc-yunusobod-room-102';
    const response = await statsRequest(await h.tokenFor('admin'), `location=${room}`, 'ru');
    assert.equal(response.headers.get('content-language'), 'ru');
    const body = (await response.json()) as Stats;
    const wait = body.questions.find((q) => q.linkId === 'wait-time');
    assert.equal(wait?.text, 'Сколько времени вы ожидали приём?');
    assert.equal(answer(body, 'wait-time', '10-15min')?.display, '10-15 минут');
    const uz = await stats('admin', `location=${room}`);
    assert.equal(uz.questions.find((q) => q.linkId === 'wait-time')?.text, 'Qabulni qancha vaqt kutdingiz?');
  });

  it('counts only the period asked for (Tashkent dates, inclusive; default the last 30 days)', async () => {
    const room = 'loc-yunusobod-room-201';
    for (let i = 0; i < 5; i += 1) await feedback(room, { rating: 'good' });
    const now = await stats('admin', `location=${room}`);
    assert.equal(now.to, '2026-03-10');
    assert.equal(now.from, '2026-02-08');
    assert.equal(now.responses.count, 5);
    assert.equal((await stats('admin', `location=${room}&from=2026-03-10&to=2026-03-10`)).responses.count, 5);
    assert.equal((await stats('admin', `location=${room}&from=2026-03-01&to=2026-03-09`)).responses.count, 0);

    clock = START + 31 * DAY;
    try {
      const later = await stats('admin', `location=${room}`);
      assert.equal(later.from, '2026-03-11');
      assert.equal(later.responses.count, 0, 'the default window moved past the answers');
      assert.equal((await stats('admin', `location=${room}&from=2026-03-10`)).responses.count, 5);
    } finally {
      clock = START;
    }
  });

  it('refuses a period that ends before it starts with 400', async () => {
    const response = await statsRequest(
      await h.tokenFor('admin'),
      'location=loc-yunusobod-room-201&from=2026-03-10&to=2026-03-01',
    );
    assert.equal(response.status, 400);
    const { body } = await refusalOf(response);
    h.assertMatchesContract('getFeedbackStats', response, body);
    assert.deepEqual(body.issue[0]?.expression, ['from']);
  });

  it('answers 404 for an unknown location and 403 for a location of another facility', async () => {
    const unknown = await statsRequest(await h.tokenFor('admin'), 'location=loc-nowhere');
    assert.equal(unknown.status, 404);
    assert.deepEqual((await refusalOf(unknown)).body.issue[0]?.expression, ['location']);
    const elsewhere = await statsRequest(await h.tokenFor('admin2'), 'location=loc-yunusobod-room-104');
    assert.equal(elsewhere.status, 403);
    const { body } = await refusalOf(elsewhere);
    h.assertMatchesContract('getFeedbackStats', elsewhere, body);
    assert.equal(body.issue[0]?.code, 'forbidden');
  });

  it('is closed to pharmacists, patients, display screens and anonymous callers', async () => {
    for (const user of ['pharmacist', 'patient', 'display']) {
      const response = await statsRequest(await h.tokenFor(user), 'location=loc-yunusobod-room-104');
      assert.equal(response.status, 403, user);
      assert.deepEqual((await refusalOf(response)).shifoCodes, ['role-forbidden']);
    }
    const anonymous = await statsRequest(undefined, 'location=loc-yunusobod-room-104');
    assert.equal(anonymous.status, 401);
  });
});
