import { randomUUID } from 'node:crypto';
import type { Handler } from '../handler.js';
import { HttpError } from '../http/http-error.js';
import { idempotent } from '../http/idempotency.js';
import { codedIssue } from '../http/outcome.js';
import type { NewResource } from '../store/resource-store.js';
import { checkAnswers } from './check-answers.js';
import { isExpired, linkOfToken, saveLink } from './feedback-link.js';
import {
  FEEDBACK_RESPONSE_TYPE,
  type ComplaintCategory,
  type FeedbackResponseRecord,
  type Rating,
} from './feedback-response.js';
import { negotiateLanguage } from '../http/language.js';
import { message } from './messages.js';
import { findQuestionnaire } from './questionnaire.js';
import { refusal } from './refusal.js';
import { tashkentDateTime } from './tashkent-time.js';

const RESPONSE_PROFILE = 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-questionnaire-response';

interface FeedbackSubmission {
  questionnaireResponse: Record<string, unknown>;
  rating?: Rating;
  complaints?: ComplaintCategory[];
  complaintText?: string;
}

/**
 * The QuestionnaireResponse as stored: only the answers and what describes them. Everything that could point at
 * a person is left out (`subject`, `author`, `source`, and also `identifier`, `contained`, `basedOn`, `partOf`
 * and the narrative); the visit comes from the link, never from the client.
 */
function anonymousResponse(
  submitted: Record<string, unknown>,
  encounterId: string | undefined,
  receivedAt: string,
): NewResource {
  const kept: NewResource = {
    resourceType: 'QuestionnaireResponse',
    meta: { profile: [RESPONSE_PROFILE] },
  };
  for (const key of ['language', 'questionnaire', 'status', 'authored', 'item'] as const) {
    if (submitted[key] !== undefined) kept[key] = submitted[key];
  }
  kept.authored ??= receivedAt;
  if (encounterId !== undefined) kept.encounter = { reference: `Encounter/${encounterId}` };
  return kept;
}

/**
 * `POST /feedback/links/{token}/responses` (public): one anonymous answer per link. Everything between reading
 * the link and marking it used is synchronous, so of any number of concurrent submissions exactly one wins and
 * the others get 409 `link-used`. A retry with the same `Idempotency-Key` gets the stored receipt instead.
 */
export const submitFeedback: Handler = (context) => {
  const { state } = context;
  const token = String(context.params.token);
  const submission = context.body as FeedbackSubmission;
  const first = linkOfToken(state, token);
  const language = negotiateLanguage(context.params['Accept-Language'], first?.language ?? 'uz');
  if (!first) throw refusal(404, 'not-found', 'linkUnknown', language, { expression: 'token' });

  return idempotent(context, () => {
    // Read again inside the write: the idempotency layer may have waited.
    const link = linkOfToken(state, token) ?? first;
    if (link.usedAt !== undefined) {
      throw refusal(409, 'conflict', 'linkUsed', language, { shifoCode: 'link-used', expression: 'token' });
    }
    const now = state.now();
    if (isExpired(link, now)) {
      throw refusal(410, 'expired', 'linkExpired', language, { shifoCode: 'link-expired', expression: 'token' });
    }
    const questionnaire = findQuestionnaire(state.store, link.questionnaire);
    if (!questionnaire) throw refusal(404, 'not-found', 'questionnaireUnavailable', language);
    const problems = checkAnswers(questionnaire, submission.questionnaireResponse);
    if (problems.length > 0) {
      throw new HttpError(
        422,
        problems.map((problem) =>
          codedIssue(
            problem.code,
            'questionnaire-mismatch',
            message(problem.message, language, problem.item),
            problem.expression,
          ),
        ),
        { 'Content-Language': language },
      );
    }

    const receivedAt = tashkentDateTime(now);
    const responseId = randomUUID();
    const record: FeedbackResponseRecord = {
      resourceType: FEEDBACK_RESPONSE_TYPE,
      id: randomUUID(),
      linkId: link.id,
      locationId: link.locationId,
      ...(link.facilityId !== undefined ? { facilityId: link.facilityId } : {}),
      questionnaire: link.questionnaire,
      questionnaireResponseId: responseId,
      receivedAt: now.toISOString(),
      complaints: submission.complaints ?? [],
      ...(submission.rating !== undefined ? { rating: submission.rating } : {}),
      ...(submission.complaintText !== undefined ? { complaintText: submission.complaintText } : {}),
    };
    // The link is spent first: should a later write fail (a full disk under `--data`), the link stays single-use.
    saveLink(state, { ...link, usedAt: now.toISOString(), responseId: record.id });
    state.store.put({
      ...anonymousResponse(submission.questionnaireResponse, link.encounterId, receivedAt),
      id: responseId,
    });
    state.store.put({ ...record });
    return {
      status: 201,
      body: { id: record.id, receivedAt, questionnaireResponse: `QuestionnaireResponse/${responseId}` },
    };
  });
};
