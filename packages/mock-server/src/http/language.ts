import { latinToCyrillic } from '../seed/names.js';
import type { Text3 } from '../seed/types.js';

/** The languages Shifo answers in (docs/contract.md §12). */
export type Language = 'uz' | 'uz-Cyrl' | 'ru' | 'en';

export const LANGUAGES: readonly Language[] = ['uz', 'uz-Cyrl', 'ru', 'en'];

const TRANSLATION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';

function languageOfTag(tag: string): Language | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower.startsWith('uz-cyrl')) return 'uz-Cyrl';
  if (lower === 'uz' || lower.startsWith('uz-')) return 'uz';
  if (lower === 'ru' || lower.startsWith('ru-')) return 'ru';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/**
 * The best of Shifo's languages for an `Accept-Language` value (`ru, uz;q=0.8`), or `fallback` when the header is
 * absent or names none of them.
 */
export function negotiateLanguage(header: unknown, fallback: Language = 'uz'): Language {
  if (typeof header !== 'string' || header.trim() === '') return fallback;
  let best: { language: Language; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const language = tag.trim() === '*' ? fallback : languageOfTag(tag);
    if (language && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? fallback;
}

interface TranslationExtension {
  url?: unknown;
  extension?: { url?: unknown; valueCode?: unknown; valueString?: unknown }[];
}

/**
 * A FHIR string in the wanted language: the base value when the resource is written in it, else its HL7
 * `translation` extension (in the `_element` companion). Uzbek Cyrillic falls back to a transliteration of the
 * Uzbek Latin base text, other languages to the base text.
 */
export function translated(
  value: string,
  companion: unknown,
  language: Language,
  baseLanguage: string | undefined = 'uz',
): string {
  if (language === (baseLanguage ?? 'uz')) return value;
  const extensions = ((companion as { extension?: unknown } | undefined)?.extension ?? []) as TranslationExtension[];
  if (Array.isArray(extensions)) {
    for (const extension of extensions) {
      if (extension?.url !== TRANSLATION_URL || !Array.isArray(extension.extension)) continue;
      const lang = extension.extension.find((e) => e.url === 'lang')?.valueCode;
      const content = extension.extension.find((e) => e.url === 'content')?.valueString;
      if (typeof lang === 'string' && typeof content === 'string' && languageOfTag(lang) === language) {
        return content;
      }
    }
  }
  if (language === 'uz-Cyrl' && (baseLanguage ?? 'uz') === 'uz') return uzbekCyrillic(value);
  return value;
}

/** Uzbek Latin (with ʻ and ʼ) in Cyrillic script, by the 1995 correspondence the seed uses for names. */
export function uzbekCyrillic(latin: string): string {
  // The seed writes oʻ/gʻ with U+02BB and the tutuq belgisi with U+02BC; the transliterator wants ASCII.
  return latinToCyrillic(latin.replace(/[\u02BB\u02BC\u2018\u2019`]/g, "'"));
}

/** A catalogue text in one of the four languages; Uzbek Cyrillic is transliterated from the Latin text. */
export function textIn(text: Text3, language: Language): string {
  return language === 'uz-Cyrl' ? uzbekCyrillic(text.uz) : text[language];
}
