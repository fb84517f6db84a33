import { outcomeText } from './from-response.js';
import { kindMessages, localeIndex, messageLocale } from './messages.js';
import { isShifoError } from './shifo-error.js';

/**
 * A sentence to show a user for any error the SDK raised, in `uz`, `uz-Cyrl`, `ru` or `en`.
 *
 * The server's own OperationOutcome text is preferred when it is written in the wanted language (the server
 * said so in `Content-Language`, having honoured `Accept-Language`): it names the actual reason. Otherwise the
 * SDK's phrase for the error's kind. Anything that is not a ShifoError reads as a server failure.
 */
export function describeError(error: unknown, locale?: string): string {
  // Uzbek (Latin) is the platform's default language, as on the server.
  const wanted = messageLocale(locale) ?? 'uz';
  if (isShifoError(error)) {
    const text = outcomeText(error.outcome);
    if (text && error.language && messageLocale(error.language) === wanted) return text;
  }
  const kind = isShifoError(error) ? error.kind : 'server';
  return kindMessages[kind][localeIndex[wanted]];
}
