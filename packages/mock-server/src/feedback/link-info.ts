import type { Handler } from '../handler.js';
import { isExpired, linkOfToken } from './feedback-link.js';
import { negotiateLanguage } from '../http/language.js';
import { nameOf } from './location-facility.js';
import { refusal } from './refusal.js';
import { tashkentDateTime } from './tashkent-time.js';

/**
 * `GET /feedback/links/{token}` (public): what the form needs to greet the patient. A used or expired link still
 * answers 200 with its flags, so the page can say so; a token this server did not sign is 404.
 */
export const getFeedbackLink: Handler = (context) => {
  const { state } = context;
  const link = linkOfToken(state, String(context.params.token));
  const language = negotiateLanguage(context.params['Accept-Language'], link?.language ?? 'uz');
  if (!link) throw refusal(404, 'not-found', 'linkUnknown', language, { expression: 'token' });
  const organizationName =
    link.facilityId === undefined ? undefined : nameOf(state.store, 'Organization', link.facilityId, language);
  return {
    status: 200,
    headers: { 'Content-Language': language },
    body: {
      locationId: link.locationId,
      locationName: nameOf(state.store, 'Location', link.locationId, language) ?? link.locationId,
      ...(organizationName !== undefined ? { organizationName } : {}),
      questionnaire: link.questionnaire,
      expiresAt: tashkentDateTime(new Date(link.expiresAt)),
      used: link.usedAt !== undefined,
      expired: isExpired(link, state.now()),
      language: link.language ?? language,
    },
  };
};
