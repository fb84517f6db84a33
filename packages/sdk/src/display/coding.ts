// Terminology in DHP carries its base language (usually uz) in `display`/`text` and other languages in the FHIR
// `translation` extension on the primitive's `_display`/`_text` element.

const TRANSLATION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';

/** The parts of a FHIR Extension this module reads; anything else is allowed and ignored. */
export interface TranslationExtension {
  url?: string;
  valueCode?: string;
  valueString?: string;
  valueMarkdown?: string;
  extension?: readonly TranslationExtension[];
}

/** The `_field` companion of a FHIR primitive (`_display`, `_text`, `_name`…). */
export interface PrimitiveExtensions {
  extension?: readonly TranslationExtension[];
}

export interface TranslatableCoding {
  system?: string;
  code?: string;
  display?: string;
  _display?: PrimitiveExtensions | null;
  extension?: readonly TranslationExtension[];
}

export interface TranslatableConcept {
  coding?: readonly TranslatableCoding[];
  text?: string;
  _text?: PrimitiveExtensions | null;
}

/**
 * What to show for a CodeableConcept in `locale`, in this order:
 * 1. a `translation` of `text`, then of a coding's `display`, in the user's language;
 * 2. `text`, then the first coding's `display`, then the first `code`.
 * `text` comes before `display` because it is the concept as the author wrote it and is more specific: in DHP's
 * example practitioner the qualification's coding display is "Certificate" (English, HL7 v2) while the text is
 * "Psixiatriya, oliy toifa, shifokor" with ru/en translations; `display` first would show "Certificate" to Uzbek
 * readers and the specialty to everyone else.
 */
export function codingDisplay(concept: TranslatableConcept | undefined, locale: string): string | undefined {
  if (!concept) return undefined;
  const codings = concept.coding ?? [];
  const localized =
    translationFor(concept._text, locale) ?? firstDefined(codings, (coding) => translationFor(coding._display, locale));
  return (
    localized ??
    nonBlank(concept.text) ??
    firstDefined(codings, (coding) => nonBlank(coding.display)) ??
    firstDefined(codings, (coding) => nonBlank(coding.code))
  );
}

/**
 * A FHIR primitive in `locale`: its translation in `element` (the `_field` sibling) if there is one for that
 * language, else `value` itself.
 */
export function translated(
  value: string | undefined,
  element: PrimitiveExtensions | null | undefined,
  locale: string,
): string | undefined {
  return translationFor(element, locale) ?? value;
}

/**
 * The best `translation` for `locale` in `element`, or undefined. Language and script must agree (`uz` means
 * `uz-Latn`; `uz-Cyrl` is different text); a region is only a tie-breaker (`ru-RU` accepts `ru`).
 */
export function translationFor(element: PrimitiveExtensions | null | undefined, locale: string): string | undefined {
  const wanted = parseTag(locale);
  if (!wanted) return undefined;
  let best: { score: number; content: string } | undefined;
  for (const extension of element?.extension ?? []) {
    if (extension.url !== TRANSLATION_URL) continue;
    const parts = extension.extension ?? [];
    const lang = parts.find((part) => part.url === 'lang')?.valueCode;
    const contentPart = parts.find((part) => part.url === 'content');
    const content = nonBlank(contentPart?.valueString ?? contentPart?.valueMarkdown);
    const offered = parseTag(lang ?? '');
    if (!offered || content === undefined) continue;
    if (offered.language !== wanted.language) continue;
    if (offered.script && wanted.script && offered.script !== wanted.script) continue;
    const score = offered.region === wanted.region ? 2 : 1;
    if (!best || score > best.score) best = { score, content };
  }
  return best?.content;
}

interface LanguageTag {
  language: string;
  script: string;
  region: string;
}

/**
 * BCP 47 tag → language, script, region, lower-cased; '' when absent, and an absent script matches any. Uzbek is
 * written in two scripts, so a bare `uz` (like `uz-UZ`) means Latin, the official one.
 */
function parseTag(tag: string): LanguageTag | undefined {
  const subtags = tag.trim().replace(/_/gu, '-').toLowerCase().split('-');
  const language = subtags[0] ?? '';
  if (!/^[a-z]{2,3}$/u.test(language)) return undefined;
  const script = subtags.find((subtag, i) => i > 0 && /^[a-z]{4}$/u.test(subtag)) ?? (language === 'uz' ? 'latn' : '');
  const region = subtags.find((subtag, i) => i > 0 && /^(?:[a-z]{2}|\d{3})$/u.test(subtag)) ?? '';
  return { language, script, region };
}

function firstDefined<T>(items: readonly T[], pick: (item: T) => string | undefined): string | undefined {
  for (const item of items) {
    const value = pick(item);
    if (value !== undefined) return value;
  }
  return undefined;
}

function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
