import { latinToCyrillic } from '../seed/names.js';
import type { Text4 } from '../seed/types.js';

/** The languages queue texts come in (service names, location names, announcements). */
export type Language = keyof Text4;

const TRANSLATION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';

function languageOfTag(tag: string): Language | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower.startsWith('uz-cyrl')) return 'uz-Cyrl';
  if (lower === 'uz' || lower.startsWith('uz-')) return 'uz';
  if (lower === 'ru' || lower.startsWith('ru-')) return 'ru';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/** The best queue language for an `Accept-Language` header (`ru, uz;q=0.8` → `ru`); Uzbek when none fits. */
export function negotiateLanguage(header: unknown): Language {
  if (typeof header !== 'string' || header.trim() === '') return 'uz';
  let best: { language: Language; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...options] = part.split(';');
    const language = languageOfTag(tag);
    const qOption = options.map((o) => o.trim()).find((o) => o.startsWith('q='));
    const q = qOption === undefined ? 1 : Number(qOption.slice(2));
    if (!language || !Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language, q };
  }
  return best?.language ?? 'uz';
}

interface TranslationExtension {
  url?: unknown;
  extension?: { url?: unknown; valueCode?: unknown; valueString?: unknown }[];
}

/**
 * A FHIR string (written in Uzbek Latin) in the wanted language, from its `_element` translation extensions.
 * Uzbek Cyrillic falls back to a transliteration; other missing translations to the Uzbek text.
 */
export function translatedString(value: string, companion: unknown, language: Language): string {
  if (language === 'uz') return value;
  const extensions = (companion as { extension?: unknown } | undefined)?.extension;
  if (Array.isArray(extensions)) {
    for (const extension of extensions as TranslationExtension[]) {
      if (extension?.url !== TRANSLATION_URL || !Array.isArray(extension.extension)) continue;
      const lang = extension.extension.find((e) => e.url === 'lang')?.valueCode;
      const content = extension.extension.find((e) => e.url === 'content')?.valueString;
      if (typeof lang === 'string' && typeof content === 'string' && languageOfTag(lang) === language) return content;
    }
  }
  // The seed writes oʻ/gʻ with U+02BB and the tutuq belgisi with U+02BC; the transliterator wants ASCII.
  return language === 'uz-Cyrl' ? latinToCyrillic(value.replace(/[\u02BB\u02BC\u2018\u2019`]/g, "'")) : value;
}

/** What a waiting-room screen reads aloud: the ticket number and the room. */
export function announcement(number: string, room: string, language: Language): string {
  switch (language) {
    case 'uz-Cyrl':
      return `${number}, ${room}-хона`;
    case 'ru':
      return `${number}, кабинет ${room}`;
    case 'en':
      return `${number}, room ${room}`;
    default:
      return `${number}, ${room}-xona`;
  }
}
