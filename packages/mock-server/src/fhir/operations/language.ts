import { latinToCyrillic } from '../../seed/names.js';
import type { Text3 } from '../../seed/types.js';

/** The languages Shifo answers in (docs/contract.md §12). */
export type Language = 'uz' | 'uz-Cyrl' | 'ru' | 'en';

export const LANGUAGES: readonly Language[] = ['uz', 'uz-Cyrl', 'ru', 'en'];

function supported(tag: string): Language | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === 'uz-cyrl' || lower.startsWith('uz-cyrl-')) return 'uz-Cyrl';
  if (lower === 'uz' || lower.startsWith('uz-')) return 'uz';
  if (lower === 'ru' || lower.startsWith('ru-')) return 'ru';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/**
 * The best supported language of an `Accept-Language` header (`ru, uz;q=0.8` → `ru`), `uz` when none fits.
 * A malformed header is not an error: the caller simply gets Uzbek.
 */
export function negotiateLanguage(header: unknown): Language {
  if (typeof header !== 'string' || header.trim() === '') return 'uz';
  let best: { language: Language; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...options] = part.split(';');
    const language = supported(tag);
    if (!language) continue;
    const qOption = options.map((o) => o.trim()).find((o) => o.startsWith('q='));
    const q = qOption === undefined ? 1 : Number(qOption.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language, q };
  }
  return best?.language ?? 'uz';
}

/** Uzbek Latin (with ʻ and ʼ) in Cyrillic script, by the 1995 correspondence the seed uses for names. */
export function uzbekCyrillic(latin: string): string {
  return latinToCyrillic(latin.replace(/[\u02BB\u02BC\u2018\u2019]/g, "'"));
}

/** A catalogue text in one of the four languages; Uzbek Cyrillic is transliterated from the Latin text. */
export function textIn(text: Text3, language: Language): string {
  return language === 'uz-Cyrl' ? uzbekCyrillic(text.uz) : text[language];
}
