import type { HandlerContext } from '../handler.js';
import { negotiateLanguage, type Language } from '../http/language.js';

/** The language of the request (`Accept-Language`, validated by the contract). */
export function languageOf(context: HandlerContext): Language {
  return negotiateLanguage(context.params['Accept-Language']);
}

/** A string path or query parameter, validated by the contract. */
export function stringParam(context: HandlerContext, name: string): string | undefined {
  const value = context.params[name];
  return typeof value === 'string' ? value : undefined;
}

/** The request body as an object (the contract validated its shape); `{}` when there is none. */
export function bodyOf<T extends object>(context: HandlerContext): Partial<T> {
  const body = context.body;
  return body && typeof body === 'object' ? (body as Partial<T>) : {};
}
