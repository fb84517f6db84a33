import type { ClientContext } from '../client-context.js';

/**
 * `Accept-Language` for writes sent through the write channel (which knows no locale), so refusals and
 * announcements come back in the user's language. Not part of the idempotency fingerprint.
 */
export function languageHeaders(context: ClientContext): { headers?: Record<string, string> } {
  const language = context.locale();
  return language ? { headers: { 'Accept-Language': language } } : {};
}
