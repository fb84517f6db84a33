import type { Handler } from '../handler.js';
import { FHIR_JSON } from '../http/send.js';
import { isExpired, linkOfToken } from './feedback-link.js';
import { negotiateLanguage } from '../http/language.js';
import { findQuestionnaire } from './questionnaire.js';
import { refusal } from './refusal.js';

/**
 * `GET /feedback/links/{token}/questionnaire` (public): the Questionnaire as stored (uz base text, ru/en
 * translation extensions), so the form needs no FHIR token. Expired links get 410; a used link still gets it
 * (the form learns from the link info that it cannot submit).
 */
export const getFeedbackQuestionnaire: Handler = (context) => {
  const { state } = context;
  const link = linkOfToken(state, String(context.params.token));
  const language = negotiateLanguage(context.params['Accept-Language'], link?.language ?? 'uz');
  if (!link) throw refusal(404, 'not-found', 'linkUnknown', language, { expression: 'token' });
  if (isExpired(link, state.now())) {
    throw refusal(410, 'expired', 'linkExpired', language, { shifoCode: 'link-expired', expression: 'token' });
  }
  const questionnaire = findQuestionnaire(state.store, link.questionnaire);
  if (!questionnaire) throw refusal(404, 'not-found', 'questionnaireUnavailable', language);
  return { status: 200, contentType: FHIR_JSON, body: questionnaire };
};
