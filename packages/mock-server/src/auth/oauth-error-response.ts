import type { IncomingMessage } from 'node:http';
import type { HandlerResult } from '../handler.js';
import type { OAuthError } from './oauth-error.js';
import { HTML_TYPE, pageHeaders, renderSignInError } from './sign-in-page.js';
import { negotiateSignInLocale } from './sign-in-texts.js';

/** A browser asking for a page (it sends `Accept: text/html`); API clients get JSON. */
function wantsHtml(req: IncomingMessage): boolean {
  return /\btext\/html\b/i.test(req.headers.accept ?? '');
}

/**
 * How an OAuth refusal is answered: RFC 6749 JSON, except that a person whose browser was sent to the authorization
 * endpoint with a bad client or redirect URI sees a page explaining it — never a redirect to an untrusted URI.
 */
export function oauthErrorResponse(error: OAuthError, operationId: string, req: IncomingMessage): HandlerResult {
  if (operationId === 'authorize' && wantsHtml(req)) {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const locale = negotiateSignInLocale(
      url.searchParams.get('ui_locales') ?? undefined,
      req.headers['accept-language'],
    );
    return {
      status: error.status,
      body: renderSignInError(locale, error.error, error.description),
      contentType: HTML_TYPE,
      headers: { ...pageHeaders(locale), ...error.headers },
    };
  }
  return {
    status: error.status,
    body: error.body,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...error.headers },
  };
}
