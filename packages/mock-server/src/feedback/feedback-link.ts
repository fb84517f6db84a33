import type { ServerState } from '../state.js';
import { verifyLinkToken } from './link-token.js';
import type { Language } from '../http/language.js';

export const LINK_TYPE = 'x-FeedbackLink';

/** A feedback link as the server keeps it. Only the id, location and expiry travel in the token. */
export interface FeedbackLinkRecord {
  resourceType: typeof LINK_TYPE;
  /** Random UUID; the token's `i` claim. */
  id: string;
  locationId: string;
  /** Top-level Organization of the location, for statistics and facility checks. */
  facilityId?: string;
  /** The visit, kept server-side only: Encounter ids can name the patient. */
  encounterId?: string;
  /** Canonical URL of the questionnaire the form renders. */
  questionnaire: string;
  /** ISO instant, whole seconds (the token carries the same instant in seconds). */
  expiresAt: string;
  createdAt: string;
  language?: Language;
  /** Set by the one accepted submission. */
  usedAt?: string;
  responseId?: string;
}

export function isExpired(link: FeedbackLinkRecord, now: Date): boolean {
  return now.getTime() >= Date.parse(link.expiresAt);
}

/**
 * The link behind a token, or `undefined` when the signature is wrong, the link is unknown (e.g. after a reset)
 * or the token's claims disagree with the stored link. Callers answer 404 to all of these alike, so a prober
 * learns nothing about which links exist.
 */
export function linkOfToken(state: ServerState, token: string): FeedbackLinkRecord | undefined {
  const claims = verifyLinkToken(state.store, token);
  if (!claims) return undefined;
  const stored = state.store.read(LINK_TYPE, claims.linkId) as unknown as FeedbackLinkRecord | undefined;
  if (!stored) return undefined;
  if (stored.locationId !== claims.locationId) return undefined;
  if (Math.floor(Date.parse(stored.expiresAt) / 1000) !== claims.expiresAt) return undefined;
  return stored;
}

/** Stores a new version of a link (the store stamps meta). */
export function saveLink(state: ServerState, link: FeedbackLinkRecord): void {
  state.store.put({ ...link });
}
