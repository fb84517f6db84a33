// Uzbek text as people type it: the same name arrives with five different apostrophes, in Latin or in Cyrillic.

/** The signs people use for the ʻ of oʻ/gʻ: ʻ U+02BB (correct), ‘ U+2018, ’ U+2019, ' U+0027, ` U+0060. */
const OKINA_LIKE = /[\u02BB\u2018\u2019'`]/u;
/** Letters proper; excludes modifier letters (\p{Lm}), since ʻ and ʼ themselves are modifier letters. */
const LETTER = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]/u;
/** Every apostrophe-like sign, including the tutuq belgisi ʼ U+02BC and Cyrillic ъ, for folding in search keys. */
const ANY_APOSTROPHE = /[\u02BB\u02BC\u2018\u2019'`ъ]/gu;

/**
 * Canonical form of Uzbek text for storing and comparing search input: NFKC, canonical apostrophes, lowercase
 * (`uz` locale), whitespace collapsed and trimmed.
 *
 * Apostrophe rule:
 * - after o/O/g/G, any of ʻ ‘ ’ ' ` becomes ʻ (U+02BB): oʻ and gʻ are by far the commonest reason to type one,
 *   and gʻ often ends a word (togʻ, bogʻ), so what follows does not matter;
 * - a typed ʼ (U+02BC, tutuq belgisi) is kept everywhere: whoever typed it meant it (Shoʼira, moʼjiza);
 * - between two other letters, any of them becomes ʼ: there the only Uzbek sign is the tutuq (maʼno, sanʼat);
 * - anywhere else (after a space, at the end of a word after other letters) it is a quotation mark and stays.
 * Consequence: "Sho'ira" gives "shoʻira" but "Shoʼira" gives "shoʼira"; `uzbekSearchKey` folds both to "shoira".
 */
export function normalizeUzbek(text: string): string {
  const chars = [...text.normalize('NFKC')];
  const mapped = chars.map((char, i) => {
    if (!OKINA_LIKE.test(char)) return char;
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    if (/^[oOgG]$/u.test(before)) return '\u02BB';
    if (LETTER.test(before) && LETTER.test(after)) return '\u02BC';
    return char;
  });
  return mapped.join('').toLocaleLowerCase('uz').replace(/\s+/gu, ' ').trim();
}

export interface UzbekSearchKeyOptions {
  /** Transliterate Uzbek Cyrillic to Latin (default true), so "Усманов" and "Usmanov" share a key. */
  transliterate?: boolean;
}

/**
 * A key for matching, not for display: `normalizeUzbek`, then Cyrillic → Latin (official 1995 rules), then every
 * apostrophe dropped, so "Gʻulomov", "G'ulomov", "Gulomov" and "Ғуломов" all give "gulomov".
 */
export function uzbekSearchKey(text: string, options: UzbekSearchKeyOptions = {}): string {
  const normalized = normalizeUzbek(text);
  const latin = options.transliterate === false ? normalized : cyrillicToLatin(normalized);
  return latin.replace(ANY_APOSTROPHE, '').replace(/\s+/gu, ' ').trim();
}

/**
 * Whether every word of `query` is the start of some word of `haystack`, compared by `uzbekSearchKey`, in any
 * order (people type "Nodira Karimova" for "Karimova Nodira"). An empty query matches everything.
 */
export function matchesUzbek(haystack: string, query: string): boolean {
  const hayWords = words(uzbekSearchKey(haystack));
  return words(uzbekSearchKey(query)).every((word) => hayWords.some((hay) => hay.startsWith(word)));
}

function words(key: string): string[] {
  return key.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '\u02BC',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ў: 'o\u02BB',
  қ: 'q',
  ғ: 'g\u02BB',
  ҳ: 'h',
};

/** Vowels and signs after which Cyrillic е is pronounced, and written in Latin, "ye" (Алиева → Aliyeva). */
const YE_AFTER = /[аеёиоуўэюяыъь]/u;

/** Lowercase Uzbek Cyrillic → Latin; other characters pass through. */
function cyrillicToLatin(lower: string): string {
  const chars = [...lower];
  return chars
    .map((char, i) => {
      if (char === 'е') {
        const before = chars[i - 1] ?? '';
        return !LETTER.test(before) || YE_AFTER.test(before) ? 'ye' : 'e';
      }
      return CYRILLIC_TO_LATIN[char] ?? char;
    })
    .join('');
}
