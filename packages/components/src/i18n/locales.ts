/** The languages every Shifo component speaks: Uzbek (Latin, the state language), Uzbek Cyrillic, Russian, English. */
export const supportedLocales = ['uz', 'uz-Cyrl', 'ru', 'en'] as const;
export type Locale = (typeof supportedLocales)[number];

export const defaultLocale: Locale = 'uz';

/** Maps any BCP 47 tag to a supported locale: `uz-Latn-UZ` → `uz`, `uz-Cyrl-UZ` → `uz-Cyrl`, `ru-RU` → `ru`. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const parts = tag.trim().toLowerCase().split(/[-_]/);
  switch (parts[0]) {
    case 'uz':
      return parts.includes('cyrl') ? 'uz-Cyrl' : 'uz';
    case 'ru':
      return 'ru';
    case 'en':
      return 'en';
    default:
      return undefined;
  }
}
