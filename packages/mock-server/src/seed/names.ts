/**
 * Uzbek (and some Russian/Korean-Uzbek) personal names, patronymics, and Latin → Cyrillic transliteration.
 * Name lists are common Uzbek names (see SOURCES.md); Cyrillic forms are produced by the official 1995
 * Latin ↔ Cyrillic correspondence, Russian forms by replacing the four Uzbek-only letters (ў қ ғ ҳ).
 */
import type { Rng } from './rng.js';

/** Script and language a person's record is written in (the resource `language`). */
export type NameLanguage = 'uz' | 'uz-Cyrl' | 'ru';

/** Administrative gender as FHIR codes it. */
export type Sex = 'male' | 'female';

/** Male given names, Uzbek Latin with ASCII apostrophes. */
export const MALE_GIVEN: readonly string[] = [
  'Aziz',
  'Bahodir',
  'Davron',
  'Eldor',
  'Farhod',
  'Ilhom',
  'Jamshid',
  'Kamol',
  'Laziz',
  'Mansur',
  'Nodir',
  'Otabek',
  'Rustam',
  'Sanjar',
  'Temur',
  "Ulug'bek",
  'Valijon',
  'Hasan',
  'Husan',
  'Shavkat',
  'Sherzod',
  'Shuhrat',
  'Akmal',
  'Alisher',
  'Anvar',
  'Botir',
  'Dilshod',
  'Erkin',
  'Fazliddin',
  "G'ulom",
  'Islom',
  'Javlon',
  'Komil',
  'Murod',
  'Ravshan',
  'Sobir',
  'Tohir',
  'Umar',
  'Zafar',
  'Bekzod',
  'Jasur',
  'Oybek',
  'Sardor',
  'Xurshid',
  "O'tkir",
  'Abdulla',
  'Ibrohim',
  'Muhammadali',
  'Asadbek',
  'Doniyor',
  'Behruz',
  'Said',
];

/** Female given names, Uzbek Latin with ASCII apostrophes. */
export const FEMALE_GIVEN: readonly string[] = [
  'Dilnoza',
  'Gulnora',
  'Mohira',
  'Shahnoza',
  'Yulduz',
  'Zuhra',
  'Feruza',
  'Nilufar',
  'Malika',
  'Sevara',
  'Kamola',
  'Lobar',
  'Nigora',
  'Umida',
  'Zarina',
  'Barno',
  'Dildora',
  'Madina',
  'Maftuna',
  'Mahliyo',
  'Ozoda',
  'Gulchehra',
  'Nargiza',
  'Shoira',
  'Iroda',
  'Nodira',
  'Dilfuza',
  'Hilola',
  'Munisa',
  'Sitora',
  'Zilola',
  'Gulbahor',
  'Muazzam',
  'Robiya',
  'Sabina',
  'Shahzoda',
  'Mushtariy',
  "O'g'iloy",
  'Nafisa',
  'Durdona',
  'Mavluda',
  'Saida',
  'Charos',
  'Gavhar',
  'Xadicha',
  'Oysha',
  'Ruxsora',
  'Latofat',
];

/** Fathers' names used to form patronymics (all end in a consonant, -i, -a or -o). */
export const FATHER_NAMES: readonly string[] = [
  'Anvar',
  'Rustam',
  'Shavkat',
  'Bahodir',
  'Erkin',
  'Akmal',
  'Sobir',
  'Tohir',
  'Karim',
  'Rahim',
  'Salim',
  'Ali',
  'Vali',
  'Abdulla',
  'Mirzo',
  'Ergash',
  'Hamid',
  'Nazar',
  'Yusuf',
  'Ismoil',
  'Qodir',
  'Komil',
  "G'ayrat",
  'Farhod',
  'Ravshan',
  'Zafar',
  'Murod',
  'Ilhom',
  'Alisher',
  'Dilshod',
  'Nurali',
  'Botir',
  'Islom',
  'Mansur',
  'Sherzod',
  "Ulug'bek",
  'Odil',
  'Tursun',
  "Jo'ra",
  'Usmon',
];

/** Surname stems (male form); the female form adds `-a`. */
export const SURNAMES: readonly string[] = [
  'Karimov',
  'Usmonov',
  'Rahimov',
  'Aliyev',
  'Tursunov',
  'Yusupov',
  'Qodirov',
  'Ismoilov',
  'Ergashev',
  'Nazarov',
  'Sobirov',
  'Abdullayev',
  'Mirzayev',
  'Xolmatov',
  'Sultonov',
  'Hamidov',
  'Normatov',
  'Saidov',
  'Rasulov',
  "Jo'rayev",
  'Toshmatov',
  'Umarov',
  'Azimov',
  'Islomov',
  "Yo'ldoshev",
  'Raximov',
  'Axmedov',
  'Mahmudov',
  "Qo'chqorov",
  'Boboyev',
  'Hasanov',
  'Husanov',
  'Safarov',
  'Olimov',
  'Eshonqulov',
  'Murodov',
  'Zokirov',
  'Sharipov',
  'Valiyev',
  'Nurmatov',
  'Xudoyberdiyev',
  "To'xtayev",
  'Fayzullayev',
  "Po'latov",
];

/** Russian (and Korean-Uzbek) names, already in Russian Cyrillic, for part of the `ru` records. */
export const RUSSIAN = {
  male: ['Алексей', 'Дмитрий', 'Сергей', 'Андрей', 'Владимир', 'Игорь', 'Евгений', 'Максим', 'Олег', 'Виктор'],
  female: ['Ольга', 'Елена', 'Наталья', 'Ирина', 'Татьяна', 'Светлана', 'Марина', 'Анна', 'Юлия', 'Галина'],
  /** [male, female] surname pairs; Korean surnames do not change by gender. */
  surnames: [
    ['Иванов', 'Иванова'],
    ['Петров', 'Петрова'],
    ['Смирнов', 'Смирнова'],
    ['Кузнецов', 'Кузнецова'],
    ['Ким', 'Ким'],
    ['Пак', 'Пак'],
    ['Ли', 'Ли'],
    ['Цой', 'Цой'],
    ['Попов', 'Попова'],
    ['Морозов', 'Морозова'],
  ] as const,
  /** [male, female] patronymic pairs. */
  patronymics: [
    ['Викторович', 'Викторовна'],
    ['Николаевич', 'Николаевна'],
    ['Сергеевич', 'Сергеевна'],
    ['Александрович', 'Александровна'],
    ['Владимирович', 'Владимировна'],
    ['Геннадьевич', 'Геннадьевна'],
    ['Юрьевич', 'Юрьевна'],
    ['Борисович', 'Борисовна'],
  ] as const,
} as const;

const LATIN_TO_CYRILLIC: readonly (readonly [string, string])[] = [
  ["yo'", 'йў'],
  ["o'", 'ў'],
  ["g'", 'ғ'],
  ['sh', 'ш'],
  ['ch', 'ч'],
  ['ng', 'нг'],
  ['yo', 'ё'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['ye', 'е'],
  ["'", 'ъ'],
  ['a', 'а'],
  ['b', 'б'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'ҳ'],
  ['i', 'и'],
  ['j', 'ж'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'қ'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['x', 'х'],
  ['y', 'й'],
  ['z', 'з'],
  ['c', 'ц'],
  ['w', 'в'],
];

const VOWELS = 'aeiou';

/**
 * Uzbek Latin (ASCII apostrophes) → Uzbek Cyrillic. Word-initial `e` and `e` after a vowel become `э`;
 * `ye`/`yo`/`yu`/`ya` become е/ё/ю/я. Digits, spaces and punctuation pass through.
 */
export function latinToCyrillic(latin: string): string {
  let out = '';
  let i = 0;
  const lower = latin.toLowerCase();
  while (i < latin.length) {
    const ch = latin.charAt(i);
    const prev = i > 0 ? lower.charAt(i - 1) : ' ';
    const isUpper = ch !== lower.charAt(i);
    if (lower.charAt(i) === 'e' && (!/[a-z']/.test(prev) || VOWELS.includes(prev))) {
      out += isUpper ? 'Э' : 'э';
      i += 1;
      continue;
    }
    let matched = false;
    for (const [lat, cyr] of LATIN_TO_CYRILLIC) {
      if (lower.startsWith(lat, i)) {
        out += isUpper ? cyr.charAt(0).toUpperCase() + cyr.slice(1) : cyr;
        i += lat.length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** Uzbek Cyrillic → the usual Russian spelling (ў→у, қ→к, ғ→г, ҳ→х). */
export function cyrillicToRussian(uzCyrl: string): string {
  return uzCyrl
    .replace(/ў/g, 'у')
    .replace(/Ў/g, 'У')
    .replace(/қ/g, 'к')
    .replace(/Қ/g, 'К')
    .replace(/ғ/g, 'г')
    .replace(/Ғ/g, 'Г')
    .replace(/ҳ/g, 'х')
    .replace(/Ҳ/g, 'Х');
}

/** Patronymic (Latin, ASCII apostrophes) in the Russian-derived form: Anvar → Anvarovich, Ali → Aliyevna, Ergash → Ergashevich. */
export function patronymicLatin(father: string, sex: Sex): string {
  const last = father.charAt(father.length - 1);
  const stem = 'aio'.includes(last) ? `${father}yev` : /(sh|ch|j)$/.test(father) ? `${father}ev` : `${father}ov`;
  return sex === 'male' ? `${stem}ich` : `${stem}na`;
}

/** Traditional patronymic: Anvar o'g'li / Anvar qizi. */
export function patronymicTraditional(father: string, sex: Sex): string {
  return sex === 'male' ? `${father} o'g'li` : `${father} qizi`;
}

/** A person's name parts in the script of their record. */
export interface PersonName {
  /** Record language / script. */
  language: NameLanguage;
  family: string;
  given: string;
  /** Patronymic (goes into `name.suffix`); absent for people recorded without one. */
  patronymic?: string;
  /** "Family Given Patronymic". */
  text: string;
}

/** The apostrophe variants seen in practice for oʻ/gʻ (DOMAIN.md): U+02BB, U+2018, U+2019, ASCII. */
const APOSTROPHES = ['\u02BB', '\u02BB', '\u02BB', '\u2019', "'", '\u2018'] as const;

/** Render Latin text with a chosen apostrophe for oʻ/gʻ (and U+02BC for the tutuq belgisi when proper). */
export function withApostrophe(latin: string, apostrophe: string): string {
  if (apostrophe === "'") return latin;
  return latin.replace(/([oOgG])'/g, `$1${apostrophe}`).replace(/'/g, apostrophe === '\u02BB' ? '\u02BC' : apostrophe);
}

/** Build a name from Latin parts in the requested script. `traditional` selects "o'g'li/qizi" patronymics. */
export function buildName(
  parts: { family: string; given: string; father?: string; sex: Sex },
  language: NameLanguage,
  options: { traditional?: boolean; apostrophe?: string } = {},
): PersonName {
  const patronymicLat =
    parts.father === undefined
      ? undefined
      : options.traditional === true && language !== 'ru'
        ? patronymicTraditional(parts.father, parts.sex)
        : patronymicLatin(parts.father, parts.sex);
  const render = (s: string): string => {
    if (language === 'uz') return withApostrophe(s, options.apostrophe ?? '\u02BB');
    const cyr = latinToCyrillic(s);
    return language === 'ru' ? cyrillicToRussian(cyr) : cyr;
  };
  const family = render(parts.family);
  const given = render(parts.given);
  const patronymic = patronymicLat === undefined ? undefined : render(patronymicLat);
  const text = [family, given, patronymic].filter((x): x is string => x !== undefined).join(' ');
  return patronymic === undefined ? { language, family, given, text } : { language, family, given, patronymic, text };
}

/** Female form of a surname stem. */
export function surnameFor(stem: string, sex: Sex): string {
  return sex === 'female' ? `${stem}a` : stem;
}

/** A random Uzbek or Russian name for a new person. */
export function randomName(rng: Rng, sex: Sex, language: NameLanguage): PersonName {
  if (language === 'ru' && rng.chance(0.3)) {
    const given = rng.pick(sex === 'male' ? RUSSIAN.male : RUSSIAN.female);
    const pair = rng.pick(RUSSIAN.surnames);
    const pat = rng.pick(RUSSIAN.patronymics);
    const family = sex === 'male' ? pair[0] : pair[1];
    const patronymic = sex === 'male' ? pat[0] : pat[1];
    return { language, family, given, patronymic, text: `${family} ${given} ${patronymic}` };
  }
  const given = rng.pick(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
  const family = surnameFor(rng.pick(SURNAMES), sex);
  const father = rng.pick(FATHER_NAMES);
  return buildName({ family, given, father, sex }, language, {
    traditional: language !== 'ru' && rng.chance(0.25),
    apostrophe: rng.pick(APOSTROPHES),
  });
}

/** The FHIR HumanName for a PersonName (patronymic in `suffix`, as UZ Core does). */
export function humanName(name: PersonName, use = 'official'): Record<string, unknown> {
  const hn: Record<string, unknown> = { use, text: name.text, family: name.family, given: [name.given] };
  if (name.patronymic !== undefined) hn.suffix = [name.patronymic];
  return hn;
}

/** URL-safe slug of a Latin name part: "Jo'rayev" → "jorayev". */
export function slug(latin: string): string {
  return latin
    .toLowerCase()
    .replace(/['\u02BB\u02BC\u2018\u2019`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
