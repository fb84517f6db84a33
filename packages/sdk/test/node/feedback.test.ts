import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createShifoClient, type FeedbackSubmission, type ShifoClient } from '../../src/index.js';
import { losingFirstAnswer, startQueueServer, WAITING_ROOM, type QueueServer } from './support/queue-server.js';
import { refusal } from './support/refusal.js';

const QUESTIONNAIRE = 'https://dhp.uz/fhir/core/Questionnaire/PatientSatisfactionQuestionnaire';
const ANSWERS = 'https://terminology.dhp.uz/fhir/core/CodeSystem/patient-satisfaction-cs';

const coded = (linkId: string, code: string) => ({ linkId, answer: [{ valueCoding: { system: ANSWERS, code } }] });

/** A complete, valid answer set to the national questionnaire (without `drop`). */
function submission(rating: FeedbackSubmission['rating'] = 'very-good', drop?: string): FeedbackSubmission {
  const items = [
    coded('appointment-method', 'remote'),
    coded('wait-time', '10-15min'),
    coded('doctor-competence-satisfaction', 'fully-satisfied'),
    coded('health-info-completeness', 'yes-complete'),
    coded('questions-answered', 'yes-complete'),
  ].filter((item) => item.linkId !== drop);
  return {
    questionnaireResponse: {
      resourceType: 'QuestionnaireResponse',
      questionnaire: QUESTIONNAIRE,
      status: 'completed',
      item: items,
    },
    ...(rating ? { rating } : {}),
  };
}

describe('feedback helpers against the mock server', () => {
  let mock: QueueServer;
  let registrar: ShifoClient;
  /** The patient's phone: no token at all. */
  let phone: ShifoClient;
  before(async () => {
    mock = await startQueueServer();
    registrar = mock.client('registrar', { locale: 'en' });
    phone = createShifoClient({ baseUrl: mock.url, locale: 'en' });
  });
  after(() => mock.close());

  const responsesOnServer = () => [...mock.server.state.store.all('QuestionnaireResponse')].length;
  const newLink = () => registrar.feedback.createLink({ locationId: WAITING_ROOM, language: 'ru' });

  it('createLink makes a signed link for the QR code; linkInfo and questionnaire read it without a token', async () => {
    const link = await newLink();
    assert.equal(link.locationId, WAITING_ROOM);
    assert.ok(link.url.endsWith(`/f/${link.token}`));
    assert.equal(link.questionnaire, QUESTIONNAIRE);
    const info = await phone.feedback.linkInfo(link.token);
    assert.equal(info.locationId, WAITING_ROOM);
    assert.equal(info.used, false);
    assert.equal(info.expired, false);
    assert.ok(info.locationName.length > 0);
    const questionnaire = await phone.feedback.questionnaire(link.token);
    assert.equal(questionnaire.resourceType, 'Questionnaire');
    assert.equal(questionnaire.url, QUESTIONNAIRE);
  });

  it('a forged token is not-found', async () => {
    const link = await newLink();
    const forged = `${link.token.slice(0, -2)}xx`;
    const error = await refusal(phone.feedback.linkInfo(forged));
    assert.equal(error.kind, 'not-found');
    assert.equal(error.status, 404);
  });

  it('submit stores the answers once; a second submit is refused with link-used', async () => {
    const link = await newLink();
    const stored = responsesOnServer();
    const result = await phone.feedback.submit(link.token, { ...submission('good'), complaints: ['waiting-time'] });
    assert.equal(result.status, 'sent');
    assert.ok(result.status === 'sent' && result.resource.id);
    assert.equal(responsesOnServer(), stored + 1);
    assert.equal((await phone.feedback.linkInfo(link.token)).used, true);
    const error = await refusal(phone.feedback.submit(link.token, submission('good')));
    assert.equal(error.status, 409);
    assert.equal(error.code, 'link-used');
  });

  it('answers that do not fit the questionnaire are refused with questionnaire-mismatch naming the item', async () => {
    const link = await newLink();
    const error = await refusal(phone.feedback.submit(link.token, submission('good', 'wait-time')));
    assert.equal(error.status, 422);
    assert.equal(error.code, 'questionnaire-mismatch');
    assert.ok(JSON.stringify(error.outcome?.issue[0]?.expression ?? []).includes('wait-time'));
    assert.equal((await phone.feedback.linkInfo(link.token)).used, false, 'a refused submit leaves the link unused');
  });

  it('a submit whose answer is lost is sent again and answered with the receipt, not link-used', async () => {
    const link = await newLink();
    const losing = losingFirstAnswer((request) => request.url.endsWith('/responses'));
    const flakyPhone = createShifoClient({ baseUrl: mock.url, fetch: losing.fetch });
    const stored = responsesOnServer();
    const result = await flakyPhone.feedback.submit(link.token, submission('very-good'));
    assert.equal(losing.lost(), 1);
    assert.equal(result.status, 'sent');
    assert.equal(result.status === 'sent' && result.replayed, true);
    assert.equal(responsesOnServer(), stored + 1, 'one response on the server');
  });

  it('stats counts ratings of the location, suppressing small counts', async () => {
    for (let i = 0; i < 5; i++) {
      const link = await newLink();
      await phone.feedback.submit(link.token, submission('very-good'));
    }
    const admin = mock.client('admin', { locale: 'en' });
    const stats = await admin.feedback.stats(WAITING_ROOM, { from: '2026-03-01', to: '2026-03-12' });
    assert.equal(stats.locationId, WAITING_ROOM);
    assert.equal(stats.from, '2026-03-01');
    const veryGood = stats.fft.counts.find((count) => count.rating === 'very-good');
    assert.ok(veryGood && veryGood.count !== null && veryGood.count >= 5, JSON.stringify(stats.fft.counts));
    const good = stats.fft.counts.find((count) => count.rating === 'good');
    assert.equal(good?.suppressed, true, 'one "good" rating is suppressed');
    assert.equal(good?.count, null);
    assert.ok(stats.fft.positivePercent !== null && stats.fft.positivePercent > 0);
  });

  it('stats is refused to the patient role', async () => {
    const error = await refusal(mock.client('patient').feedback.stats(WAITING_ROOM));
    assert.equal(error.kind, 'forbidden');
  });
});
