import { randomUUID } from 'node:crypto';
import { caller, type Handler } from '../handler.js';
import { idempotent } from '../http/idempotency.js';
import { LINK_TYPE, saveLink, type FeedbackLinkRecord } from './feedback-link.js';
import { negotiateLanguage, type Language } from '../http/language.js';
import { signLinkToken } from './link-token.js';
import { facilityOfEncounter, facilityOfLocation } from './location-facility.js';
import { findQuestionnaire, SATISFACTION_QUESTIONNAIRE } from './questionnaire.js';
import { refusal } from './refusal.js';
import { tashkentDateTime } from './tashkent-time.js';

interface CreateFeedbackLinkRequest {
  locationId: string;
  encounterId?: string;
  expiresInMinutes?: number;
  language?: Language;
}

const DEFAULT_LIFETIME_MINUTES = 10_080;

/**
 * `POST /feedback/links`: a signed, single-use, expiring link for one location (and optionally one visit) of the
 * caller's own facility. The token carries only the link id, location and expiry; the visit stays on the server.
 */
export const createFeedbackLink: Handler = (context) => {
  const principal = caller(context);
  const { store } = context.state;
  const language = negotiateLanguage(context.params['Accept-Language']);
  const request = context.body as CreateFeedbackLinkRequest;

  return idempotent(context, () => {
    const location = store.read('Location', request.locationId);
    if (!location) throw refusal(404, 'not-found', 'locationUnknown', language, { expression: 'locationId' });
    if (location.status !== undefined && location.status !== 'active') {
      throw refusal(422, 'business-rule', 'locationInactive', language, { expression: 'locationId' });
    }
    const facility = facilityOfLocation(store, location);
    if (principal.facilityId !== undefined && facility !== undefined && facility.id !== principal.facilityId) {
      throw refusal(403, 'forbidden', 'otherFacility', language, { expression: 'locationId' });
    }
    if (request.encounterId !== undefined) {
      const encounter = store.read('Encounter', request.encounterId);
      if (!encounter) throw refusal(404, 'not-found', 'encounterUnknown', language, { expression: 'encounterId' });
      const visitedFacility = facilityOfEncounter(store, encounter);
      if (visitedFacility !== undefined && facility !== undefined && visitedFacility.id !== facility.id) {
        throw refusal(422, 'business-rule', 'encounterElsewhere', language, { expression: 'encounterId' });
      }
    }
    const questionnaire = findQuestionnaire(store, SATISFACTION_QUESTIONNAIRE);
    if (!questionnaire) throw refusal(422, 'business-rule', 'questionnaireUnavailable', language);

    const now = context.state.now();
    const lifetimeMs = (request.expiresInMinutes ?? DEFAULT_LIFETIME_MINUTES) * 60_000;
    // Whole seconds, because the token carries the expiry in seconds and must agree with the stored link.
    const expiresAtSeconds = Math.floor((now.getTime() + lifetimeMs) / 1000);
    const expiresAt = new Date(expiresAtSeconds * 1000);
    const link: FeedbackLinkRecord = {
      resourceType: LINK_TYPE,
      id: randomUUID(),
      locationId: request.locationId,
      questionnaire: SATISFACTION_QUESTIONNAIRE,
      expiresAt: expiresAt.toISOString(),
      createdAt: now.toISOString(),
      ...(facility ? { facilityId: facility.id } : {}),
      ...(request.encounterId !== undefined ? { encounterId: request.encounterId } : {}),
      ...(request.language !== undefined ? { language: request.language } : {}),
    };
    saveLink(context.state, link);
    const token = signLinkToken(store, { linkId: link.id, locationId: link.locationId, expiresAt: expiresAtSeconds });
    return {
      status: 201,
      body: {
        token,
        url: `${context.origin}/f/${token}`,
        expiresAt: tashkentDateTime(expiresAt),
        locationId: link.locationId,
        ...(link.encounterId !== undefined ? { encounterId: link.encounterId } : {}),
        questionnaire: link.questionnaire,
      },
    };
  });
};
