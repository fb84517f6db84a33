import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  ANSWERS,
  answers,
  createLink,
  QUESTIONNAIRE,
  questionnaireResponse,
  refusalOf,
  submit,
  WAITING_ROOM,
  type ResponseItem,
} from './feedback-helpers.js';
import { startHarness, type Harness } from './harness.js';

interface Receipt {
  id: string;
  receivedAt: string;
  questionnaireResponse: string;
}

describe('Feedback submission', () => {
  let h: Harness;
  let clock = Date.parse('2026-03-10T05:00:00Z');
  let nurse: string;
  before(async () => {
    h = await startHarness({ now: () => new Date(clock) });
    nurse = await h.tokenFor('nurse');
  });
  after(() => h.close());

  const freshToken = async (body: Record<string, unknown> = { locationId: WAITING_ROOM }) =>
    (await createLink(h, nurse, body)).token;

  it('walks the whole way: link → info → questionnaire → answers → receipt, stored anonymously', async () => {
    const link = await createLink(h, nurse, {
      locationId: 'loc-yunusobod-room-101',
      encounterId: 'enc-dilnoza-yusupova-002',
      language: 'uz',
    });
    const infoResponse = await fetch(`${h.url}/feedback/links/${link.token}`);
    assert.equal(infoResponse.status, 200);
    const questionnaire = (await (await fetch(`${h.url}/feedback/links/${link.token}/questionnaire`)).json()) as {
      url: string;
    };
    assert.equal(questionnaire.url, QUESTIONNAIRE);

    const response = await submit(h, link.token, {
      questionnaireResponse: questionnaireResponse(
        answers({ appointment: 'other', appointmentOther: 'Qoʻshnim yozdi', suggestion: 'SMS eslatma kerak' }),
        {
          // What a careless client might send along: none of it may be stored.
          subject: { reference: 'Patient/pt-dilnoza-yusupova' },
          author: { reference: 'Patient/pt-dilnoza-yusupova' },
          source: { reference: 'Patient/pt-dilnoza-yusupova' },
          encounter: { reference: 'Encounter/enc-somebody-else' },
          contained: [{ resourceType: 'Patient', id: 'me', name: [{ family: 'Yusupova' }] }],
          identifier: [{ system: 'https://dhp.uz/fhir/core/sid/pid/uz/ni', value: '41407886698335' }],
          language: 'uz',
        },
      ),
      rating: 'very-good',
      complaints: ['waiting-time', 'informal-payment'],
      complaintText: 'Navbatsiz kirish uchun pul soʻrashdi.',
    });
    assert.equal(response.status, 201);
    const receipt = (await response.json()) as Receipt;
    h.assertMatchesContract('submitFeedback', response, receipt);
    assert.match(receipt.questionnaireResponse, /^QuestionnaireResponse\/[\w-]+$/);

    const used = (await (await fetch(`${h.url}/feedback/links/${link.token}`)).json()) as { used: boolean };
    assert.equal(used.used, true);

    const { store } = h.server.state;
    const stored = store.read('QuestionnaireResponse', receipt.questionnaireResponse.split('/')[1]!);
    assert.ok(stored, 'the answers are a FHIR QuestionnaireResponse in the store');
    assert.equal(stored.questionnaire, QUESTIONNAIRE);
    assert.equal(stored.status, 'completed');
    assert.deepEqual(stored.meta?.profile, [
      'https://dhp.uz/fhir/core/StructureDefinition/uz-core-questionnaire-response',
    ]);
    assert.deepEqual(stored.encounter, { reference: 'Encounter/enc-dilnoza-yusupova-002' }, 'the visit of the link');
    for (const key of ['subject', 'author', 'source', 'contained', 'identifier']) {
      assert.equal(stored[key], undefined, `${key} must not be stored`);
    }
    assert.deepEqual((stored.item as ResponseItem[])[0]?.answer?.[0]?.item?.[0]?.answer, [
      { valueString: 'Qoʻshnim yozdi' },
    ]);

    const record = store.read('x-FeedbackResponse', receipt.id);
    assert.equal(record?.rating, 'very-good');
    assert.deepEqual(record?.complaints, ['waiting-time', 'informal-payment']);
    assert.equal(record?.locationId, 'loc-yunusobod-room-101');
    assert.ok(!JSON.stringify(record).includes('pt-dilnoza-yusupova'));

    // The one response is counted in the room's statistics, but too few to be shown.
    const statsResponse = await fetch(`${h.url}/feedback/stats?location=loc-yunusobod-room-101`, {
      headers: { Authorization: `Bearer ${await h.tokenFor('admin')}` },
    });
    const stats = (await statsResponse.json()) as { responses: unknown; complaints: { category: string }[] };
    h.assertMatchesContract('getFeedbackStats', statsResponse, stats);
    assert.deepEqual(stats.responses, { count: null, suppressed: true });
    assert.deepEqual(
      stats.complaints.find((c) => c.category === 'informal-payment'),
      { category: 'informal-payment', count: null, suppressed: true },
    );
  });

  it('accepts answers without a rating or complaints', async () => {
    const response = await submit(h, await freshToken(), { questionnaireResponse: questionnaireResponse() });
    assert.equal(response.status, 201);
    h.assertMatchesContract('submitFeedback', response, await response.json());
  });

  it('refuses a second use of the link with 409 link-used, in the language asked for', async () => {
    const token = await freshToken();
    assert.equal((await submit(h, token, { questionnaireResponse: questionnaireResponse() })).status, 201);
    const again = await submit(h, token, { questionnaireResponse: questionnaireResponse() }, { language: 'ru' });
    assert.equal(again.status, 409);
    assert.equal(again.headers.get('content-language'), 'ru');
    const refused = await refusalOf(again);
    h.assertMatchesContract('submitFeedback', again, refused.body);
    assert.equal(refused.body.issue[0]?.code, 'conflict');
    assert.deepEqual(refused.shifoCodes, ['link-used']);
    assert.equal(refused.body.issue[0]?.diagnostics, 'По этой ссылке ответ уже отправлен.');
  });

  it('gives a network retry with the same Idempotency-Key the stored receipt, not 409', async () => {
    const token = await freshToken();
    const key = randomUUID();
    const submission = { questionnaireResponse: questionnaireResponse(), rating: 'good' };
    const first = await submit(h, token, submission, { key });
    const retry = await submit(h, token, submission, { key });
    assert.equal(first.status, 201);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await retry.json(), await first.json());
    const changed = await submit(h, token, { ...submission, rating: 'poor' }, { key });
    assert.equal(changed.status, 422);
    assert.deepEqual((await refusalOf(changed)).shifoCodes, ['idempotency-key-reused']);
  });

  it('refuses an expired link with 410 link-expired', async () => {
    const token = await freshToken({ locationId: WAITING_ROOM, expiresInMinutes: 5 });
    clock += 6 * 60_000;
    try {
      const response = await submit(h, token, { questionnaireResponse: questionnaireResponse() });
      assert.equal(response.status, 410);
      const refused = await refusalOf(response);
      h.assertMatchesContract('submitFeedback', response, refused.body);
      assert.equal(refused.body.issue[0]?.code, 'expired');
      assert.deepEqual(refused.shifoCodes, ['link-expired']);
    } finally {
      clock -= 6 * 60_000;
    }
  });

  it('refuses forged and tampered tokens with 404', async () => {
    const token = await freshToken();
    const [payload = '', signature = ''] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const later = Buffer.from(JSON.stringify({ ...claims, e: Number(claims.e) + 86_400 })).toString('base64url');
    for (const bad of [
      randomUUID(),
      `${later}.${signature}`,
      `${payload}.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`,
    ]) {
      const response = await submit(h, bad, { questionnaireResponse: questionnaireResponse() });
      assert.equal(response.status, 404, bad);
      const refused = await refusalOf(response);
      h.assertMatchesContract('submitFeedback', response, refused.body);
      assert.equal(refused.body.issue[0]?.code, 'not-found');
    }
    assert.equal((await submit(h, token, { questionnaireResponse: questionnaireResponse() })).status, 201);
  });

  describe('answers that do not fit the questionnaire → 422 questionnaire-mismatch naming the item', () => {
    const withItems = (change: (items: ResponseItem[]) => ResponseItem[]) => questionnaireResponse(change(answers()));
    const replace = (items: ResponseItem[], linkId: string, item: ResponseItem) =>
      items.map((existing) => (existing.linkId === linkId ? item : existing));

    const cases: { name: string; body: Record<string, unknown>; code: string; expression: string }[] = [
      {
        name: 'a required question left out',
        body: withItems((items) => items.filter((item) => item.linkId !== 'wait-time')),
        code: 'required',
        expression: "QuestionnaireResponse.item.where(linkId='wait-time')",
      },
      {
        name: 'a required question with no answer',
        body: withItems((items) => replace(items, 'wait-time', { linkId: 'wait-time', answer: [] })),
        code: 'required',
        expression: "QuestionnaireResponse.item.where(linkId='wait-time')",
      },
      {
        name: 'an answer that is not one of the options',
        body: withItems((items) =>
          replace(items, 'wait-time', {
            linkId: 'wait-time',
            answer: [{ valueCoding: { system: ANSWERS, code: '5min' } }],
          }),
        ),
        code: 'value',
        expression: "QuestionnaireResponse.item.where(linkId='wait-time').answer[0].valueCoding",
      },
      {
        name: 'an option code from another code system',
        body: withItems((items) =>
          replace(items, 'wait-time', {
            linkId: 'wait-time',
            answer: [{ valueCoding: { system: 'http://example.org/other', code: '10-15min' } }],
          }),
        ),
        code: 'value',
        expression: "QuestionnaireResponse.item.where(linkId='wait-time').answer[0].valueCoding",
      },
      {
        name: 'a string where a coding belongs',
        body: withItems((items) =>
          replace(items, 'wait-time', { linkId: 'wait-time', answer: [{ valueString: '10-15min' }] }),
        ),
        code: 'value',
        expression: "QuestionnaireResponse.item.where(linkId='wait-time').answer[0]",
      },
      {
        name: 'a coding where text belongs',
        body: withItems((items) => [
          ...items,
          { linkId: 'improvement-suggestions', answer: [{ valueCoding: { system: ANSWERS, code: 'remote' } }] },
        ]),
        code: 'value',
        expression: "QuestionnaireResponse.item.where(linkId='improvement-suggestions').answer[0]",
      },
      {
        name: 'two answers to a single-choice question',
        body: withItems((items) =>
          replace(items, 'wait-time', {
            linkId: 'wait-time',
            answer: [
              { valueCoding: { system: ANSWERS, code: '10-15min' } },
              { valueCoding: { system: ANSWERS, code: '20-30min' } },
            ],
          }),
        ),
        code: 'value',
        expression: "QuestionnaireResponse.item.where(linkId='wait-time').answer",
      },
      {
        name: 'an unknown linkId',
        body: withItems((items) => [...items, { linkId: 'favourite-colour', answer: [{ valueString: 'blue' }] }]),
        code: 'structure',
        expression: "QuestionnaireResponse.item.where(linkId='favourite-colour')",
      },
      {
        name: 'a question answered twice',
        body: withItems((items) => [...items, items[1]!]),
        code: 'structure',
        expression: "QuestionnaireResponse.item.where(linkId='wait-time')",
      },
      {
        name: "a question's child placed beside its answer instead of under it",
        body: withItems((items) =>
          replace(items, 'appointment-method', {
            linkId: 'appointment-method',
            answer: [{ valueCoding: { system: ANSWERS, code: 'other' } }],
            item: [{ linkId: 'appointment-method-other', answer: [{ valueString: 'qoʻshnim' }] }],
          }),
        ),
        code: 'structure',
        expression: "QuestionnaireResponse.item.where(linkId='appointment-method').item",
      },
      {
        name: 'an unknown child under an answer',
        body: withItems((items) =>
          replace(items, 'appointment-method', {
            linkId: 'appointment-method',
            answer: [
              {
                valueCoding: { system: ANSWERS, code: 'other' },
                item: [{ linkId: 'wait-time-other', answer: [{ valueString: 'x' }] }],
              },
            ],
          }),
        ),
        code: 'structure',
        expression:
          "QuestionnaireResponse.item.where(linkId='appointment-method').answer[0].item.where(linkId='wait-time-other')",
      },
      {
        name: 'answers to another questionnaire',
        body: questionnaireResponse(answers(), { questionnaire: 'https://example.org/Questionnaire/other' }),
        code: 'value',
        expression: 'QuestionnaireResponse.questionnaire',
      },
      {
        name: 'answers pinned to a version the questionnaire does not have',
        body: questionnaireResponse(answers(), { questionnaire: `${QUESTIONNAIRE}|9.9.9` }),
        code: 'value',
        expression: 'QuestionnaireResponse.questionnaire',
      },
      {
        name: 'an unfinished response',
        body: questionnaireResponse(answers(), { status: 'in-progress' }),
        code: 'value',
        expression: 'QuestionnaireResponse.status',
      },
    ];

    for (const { name, body, code, expression } of cases) {
      it(name, async () => {
        const token = await freshToken();
        const response = await submit(h, token, { questionnaireResponse: body, rating: 'good' }, { language: 'en' });
        assert.equal(response.status, 422);
        const refused = await refusalOf(response);
        h.assertMatchesContract('submitFeedback', response, refused.body);
        assert.ok(refused.shifoCodes.length > 0 && refused.shifoCodes.every((c) => c === 'questionnaire-mismatch'));
        const issue = refused.body.issue.find((candidate) => candidate.expression?.[0] === expression);
        assert.ok(issue, `no issue at ${expression}: ${JSON.stringify(refused.body.issue)}`);
        assert.equal(issue.code, code);
        // A refused submission does not use up the link.
        const retry = await submit(h, token, { questionnaireResponse: questionnaireResponse() });
        assert.equal(retry.status, 201);
      });
    }

    it('says which question in the patient’s language', async () => {
      const response = await submit(
        h,
        await freshToken(),
        { questionnaireResponse: withItems((items) => items.filter((item) => item.linkId !== 'wait-time')) },
        { language: 'uz-Cyrl' },
      );
      const refused = await refusalOf(response);
      assert.equal(refused.body.issue[0]?.diagnostics, 'Мажбурий саволга жавоб берилмаган: wait-time.');
    });
  });

  it('refuses a rating or complaint category outside the contract with 400', async () => {
    const token = await freshToken();
    const badRating = await submit(h, token, { questionnaireResponse: questionnaireResponse(), rating: 'excellent' });
    assert.equal(badRating.status, 400);
    assert.deepEqual((await refusalOf(badRating)).body.issue[0]?.expression, ['body.rating']);
    const badComplaint = await submit(h, token, {
      questionnaireResponse: questionnaireResponse(),
      complaints: ['bribe'],
    });
    assert.equal(badComplaint.status, 400);
    assert.equal((await submit(h, token, { questionnaireResponse: questionnaireResponse() })).status, 201);
  });

  it('accepts exactly one of 10 concurrent submissions with one link', async () => {
    const token = await freshToken();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submit(h, token, { questionnaireResponse: questionnaireResponse(), rating: i % 2 ? 'good' : 'poor' }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const response of responses) await response.body?.cancel();
    const [payload = ''] = token.split('.');
    const linkId = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { i: string }).i;
    const stored = [...h.server.state.store.all('x-FeedbackResponse')].filter((record) => record.linkId === linkId);
    assert.equal(stored.length, 1, 'one response stored for the link');
  });
});
