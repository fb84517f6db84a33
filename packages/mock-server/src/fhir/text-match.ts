/** Uzbek apostrophes as written in practice (ʻ ‘ ’ ' `) all mean the same letter mark (oʻ, gʻ). */
const apostrophes = /[\u02BB\u2018\u2019\u0027\u0060]/g;

/** Case-, accent- and apostrophe-insensitive form of a name, for FHIR `name`/`family` searches. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').replace(apostrophes, '\u02BB').toLocaleLowerCase('uz').trim();
}

/** FHIR string search: a value matches when it starts with the query, ignoring case and apostrophe style. */
export function startsWithNormalized(value: string | undefined, query: string): boolean {
  if (!value) return false;
  const target = normalizeForSearch(value);
  const wanted = normalizeForSearch(query);
  return target.startsWith(wanted) || target.split(/\s+/).some((word) => word.startsWith(wanted));
}
