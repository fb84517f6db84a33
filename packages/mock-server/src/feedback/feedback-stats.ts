import { caller, type Handler } from '../handler.js';
import type { StoredResource } from '../store/resource-store.js';
import {
  COMPLAINT_CATEGORIES,
  CONFIDENTIAL_CATEGORY,
  FEEDBACK_RESPONSE_TYPE,
  RATINGS,
  type FeedbackResponseRecord,
} from './feedback-response.js';
import { negotiateLanguage, translated, type Language } from '../http/language.js';
import { facilityOfLocation } from './location-facility.js';
import { findQuestionnaire, SATISFACTION_QUESTIONNAIRE, type QuestionnaireItem } from './questionnaire.js';
import { refusal } from './refusal.js';
import { SUPPRESSION_THRESHOLD, suppressed } from './suppression.js';
import { tashkentDate, tashkentDateTime } from './tashkent-time.js';

const DEFAULT_PERIOD_DAYS = 30;
const DAY_MS = 86_400_000;

/** Items of one response by linkId, wherever they sit (groups, or children under an answer). */
function itemsByLinkId(response: StoredResource | undefined): Map<string, Record<string, unknown>[]> {
  const index = new Map<string, Record<string, unknown>[]>();
  const visit = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items as Record<string, unknown>[]) {
      const linkId = String(item?.linkId ?? '');
      index.set(linkId, [...(index.get(linkId) ?? []), item]);
      visit(item.item);
      for (const answer of Array.isArray(item.answer) ? (item.answer as Record<string, unknown>[]) : []) {
        visit(answer?.item);
      }
    }
  };
  visit(response?.item);
  return index;
}

function answersOf(items: Record<string, unknown>[] | undefined): Record<string, unknown>[] {
  return (items ?? []).flatMap((item) =>
    Array.isArray(item.answer) ? (item.answer as Record<string, unknown>[]) : [],
  );
}

function hasText(items: Record<string, unknown>[] | undefined): boolean {
  return answersOf(items).some((answer) => typeof answer.valueString === 'string' && answer.valueString.trim() !== '');
}

/** Question items to count, looking through groups but not into a question's own children. */
function questionsOf(items: QuestionnaireItem[] | undefined): QuestionnaireItem[] {
  return (items ?? []).flatMap((item) => (item.type === 'group' ? questionsOf(item.item) : [item]));
}

const isFreeText = (item: QuestionnaireItem) => item.type === 'string' || item.type === 'text';

/**
 * `GET /feedback/stats`: counts for one location of the caller's facility and one period (Tashkent dates,
 * inclusive). Small counts are withheld, percentages need 5 ratings, and the confidential complaint category
 * exists only for the facility administrator. Free-text answers are counted, never shown.
 */
export const getFeedbackStats: Handler = (context) => {
  const principal = caller(context);
  const { store } = context.state;
  const language: Language = negotiateLanguage(context.params['Accept-Language']);
  const locationId = String(context.params.location);
  const location = store.read('Location', locationId);
  if (!location) throw refusal(404, 'not-found', 'locationUnknown', language, { expression: 'location' });
  const facility = facilityOfLocation(store, location);
  if (principal.facilityId !== undefined && facility !== undefined && facility.id !== principal.facilityId) {
    throw refusal(403, 'forbidden', 'otherFacility', language, { expression: 'location' });
  }

  const now = context.state.now();
  const to = typeof context.params.to === 'string' ? context.params.to : tashkentDate(now);
  const from =
    typeof context.params.from === 'string'
      ? context.params.from
      : tashkentDate(new Date(now.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS));
  if (from > to) throw refusal(400, 'invalid', 'periodReversed', language, { expression: 'from' });

  const records = [...store.all(FEEDBACK_RESPONSE_TYPE)]
    .map((record) => record as unknown as Readonly<FeedbackResponseRecord>)
    .filter((record) => {
      if (record.locationId !== locationId) return false;
      const day = tashkentDate(new Date(record.receivedAt));
      return day >= from && day <= to;
    });
  const answerIndexes = records.map((record) =>
    itemsByLinkId(store.read('QuestionnaireResponse', record.questionnaireResponseId)),
  );

  const countRating = (rating: string) => records.filter((record) => record.rating === rating).length;
  const rated = records.filter((record) => record.rating !== undefined).length;
  const percentOf = (count: number) => (rated < SUPPRESSION_THRESHOLD ? null : Math.round((count * 1000) / rated) / 10);

  const questionnaire = findQuestionnaire(store, SATISFACTION_QUESTIONNAIRE);
  const base = questionnaire?.language as string | undefined;
  const questions = questionsOf(questionnaire?.item)
    .filter((item) => item.type === 'coding' || isFreeText(item))
    .map((item) => {
      const text = item.text === undefined ? undefined : translated(item.text, item._text, language, base);
      const answers =
        item.type === 'coding'
          ? (item.answerOption ?? []).flatMap((option) => {
              const coding = option.valueCoding;
              if (coding?.code === undefined) return [];
              const count = answerIndexes.filter((index) =>
                answersOf(index.get(item.linkId)).some(
                  (answer) => (answer.valueCoding as { code?: unknown } | undefined)?.code === coding.code,
                ),
              ).length;
              return [
                {
                  code: coding.code,
                  ...(coding.display !== undefined
                    ? { display: translated(coding.display, coding._display, language, base) }
                    : {}),
                  ...suppressed(count),
                },
              ];
            })
          : [];
      // Free text: the item's own answers (a text question) or its "other (please specify)" children.
      const textItems = isFreeText(item) ? [item] : (item.item ?? []).filter(isFreeText);
      const freeText =
        textItems.length === 0
          ? {}
          : {
              freeTextCount: suppressed(
                answerIndexes.filter((index) => textItems.some((textItem) => hasText(index.get(textItem.linkId))))
                  .length,
              ),
            };
      return { linkId: item.linkId, ...(text !== undefined ? { text } : {}), answers, ...freeText };
    });

  const mayReadConfidential = principal.role === 'admin';
  const complaints = COMPLAINT_CATEGORIES.filter(
    (category) => mayReadConfidential || category !== CONFIDENTIAL_CATEGORY,
  ).map((category) => ({
    category,
    ...suppressed(records.filter((record) => record.complaints.includes(category)).length),
  }));

  return {
    status: 200,
    headers: { 'Content-Language': language },
    body: {
      locationId,
      from,
      to,
      generatedAt: tashkentDateTime(now),
      suppressionThreshold: SUPPRESSION_THRESHOLD,
      responses: suppressed(records.length),
      fft: {
        counts: RATINGS.map((rating) => ({ rating, ...suppressed(countRating(rating)) })),
        positivePercent: percentOf(countRating('very-good') + countRating('good')),
        negativePercent: percentOf(countRating('poor') + countRating('very-poor')),
      },
      questions,
      complaints,
    },
  };
};
