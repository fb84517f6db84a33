import type { ClientContext } from './client-context.js';
import type { Schemas } from './fhir/types.js';
import { languageHeaders } from './queue/language-headers.js';
import { unwrap } from './transport/unwrap.js';
import type { WriteOptions, WriteResult } from './writes/write-channel.js';
import { writesOf } from './writes/writes-of.js';

/** A signed, single-use, expiring link; show `url` as a QR code. Keep `token` out of logs. */
export type FeedbackLink = Schemas['FeedbackLink'];
/** What the public form shows before answering: location, questionnaire, expiry, whether it was used. */
export type FeedbackLinkInfo = Schemas['FeedbackLinkInfo'];
/** The answers: a QuestionnaireResponse to the national questionnaire, plus a quick rating and complaints. */
export type FeedbackSubmission = Schemas['FeedbackSubmission'];
/** The server's receipt of a submission. */
export type FeedbackReceipt = Schemas['FeedbackReceipt'];
/** Counts per answer, Friends-and-Family-Test percentages and complaints; small counts suppressed. */
export type FeedbackStats = Schemas['FeedbackStats'];
/** The questionnaire a link's form renders. */
export type Questionnaire = Schemas['Questionnaire'];

export interface CreateFeedbackLinkOptions {
  /** The location the feedback is about (of the caller's facility). */
  locationId: string;
  /** The visit, so answers can be tied to it (statistics never expose it). */
  encounterId?: string;
  /** Lifetime (server default: 7 days). */
  expiresInMinutes?: number;
  /** The form's first language; the patient can switch. */
  language?: 'uz' | 'uz-Cyrl' | 'ru' | 'en';
  signal?: AbortSignal;
}

/** `submit`'s result: the receipt, or `queued` when the phone is offline (with `offline` configured). */
export type FeedbackSubmitResult = WriteResult<FeedbackReceipt>;

/** Patient feedback by QR code: links for staff, the public form's calls, and statistics. */
export interface FeedbackApi {
  /**
   * Makes a signed single-use link for the QR code (staff). Never queued offline: the QR is needed now.
   * @example const { url } = await shifo.feedback.createLink({ locationId: 'loc-yunusobod-waiting-room' });
   */
  createLink(options: CreateFeedbackLinkOptions): Promise<FeedbackLink>;
  /**
   * What the link is for (public, no token needed): location name, expiry, `used` / `expired` flags.
   * A forged or unknown token throws a `not-found` ShifoError.
   */
  linkInfo(token: string, options?: { signal?: AbortSignal }): Promise<FeedbackLinkInfo>;
  /** The questionnaire to render (public); an expired link throws (410). */
  questionnaire(token: string, options?: { signal?: AbortSignal }): Promise<Questionnaire>;
  /**
   * Submits the answers (public, authorised by the link). Sent once however often it travels (`Idempotency-Key`);
   * refusals: `link-used` (409), `link-expired` (410), `questionnaire-mismatch` (422, `expression` names the item).
   * @example await feedback.submit(token, { questionnaireResponse, rating: 'very-good' });
   */
  submit(token: string, submission: FeedbackSubmission, options?: WriteOptions): Promise<FeedbackSubmitResult>;
  /**
   * Statistics of a location for a period (Tashkent dates, inclusive; default the last 30 days).
   * `informal-payment` complaints are reported to admins only.
   */
  stats(locationId: string, options?: { from?: string; to?: string; signal?: AbortSignal }): Promise<FeedbackStats>;
}

export function createFeedbackApi(context: ClientContext): FeedbackApi {
  const { api } = context;
  return {
    async createLink({ signal, ...request }) {
      const result = await writesOf(context).write<FeedbackLink>(
        { method: 'POST', path: '/feedback/links', body: request, ...languageHeaders(context) },
        { whenOffline: 'throw', ...(signal ? { signal } : {}) },
      );
      // `whenOffline: 'throw'` never queues; the check keeps the types honest.
      if (result.status !== 'sent') throw new Error('A write that may not wait offline was queued.');
      return result.resource;
    },
    async linkInfo(token, options) {
      return unwrap(await api.GET('/feedback/links/{token}', { params: { path: { token } }, signal: options?.signal }));
    },
    async questionnaire(token, options) {
      return unwrap(
        await api.GET('/feedback/links/{token}/questionnaire', {
          params: { path: { token } },
          signal: options?.signal,
        }),
      );
    },
    submit(token, submission, options) {
      return writesOf(context).write<FeedbackReceipt>(
        {
          method: 'POST',
          path: `/feedback/links/${encodeURIComponent(token)}/responses`,
          body: submission,
          ...languageHeaders(context),
        },
        options,
      );
    },
    async stats(locationId, options) {
      const query = {
        location: locationId,
        ...(options?.from ? { from: options.from } : {}),
        ...(options?.to ? { to: options.to } : {}),
      };
      return unwrap(await api.GET('/feedback/stats', { params: { query }, signal: options?.signal }));
    },
  };
}
