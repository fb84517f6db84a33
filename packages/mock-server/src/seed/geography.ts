/**
 * Addresses. Region (`state`) and district codes follow the SOATO numbering the DHP value sets use
 * (1726 Tashkent city, 1735 Republic of Karakalpakstan); mahalla (`city`) codes are invented in the
 * 8-digit shape of the IG examples. See SOURCES.md.
 */
import type { Rng } from './rng.js';
import { cyrillicToRussian, latinToCyrillic, type NameLanguage, withApostrophe } from './names.js';

/** A district patients of a facility live in. */
export interface District {
  /** Region (StateVS) code. */
  state: string;
  /** District (RegionsVS) code. */
  district: string;
  /** Name of the district, Uzbek Latin (ASCII apostrophes). */
  name: string;
  /** First of the invented mahalla codes of the district. */
  mahallaBase: number;
  /** Street names, Uzbek Latin (ASCII apostrophes). */
  streets: readonly string[];
}

/** Districts by facility key. */
export const DISTRICTS: Readonly<Record<'f1' | 'f2' | 'f3', readonly District[]>> = {
  f1: [
    {
      state: '1726',
      district: '1726266',
      name: 'Yunusobod tumani',
      mahallaBase: 26600010,
      streets: ["Bog'ishamol", 'Amir Temur', 'Yunusobod', 'Ahmad Donish', 'Posira', 'Shahriston'],
    },
    {
      state: '1726',
      district: '1726269',
      name: "Mirzo Ulug'bek tumani",
      mahallaBase: 26900010,
      streets: ["Buyuk Ipak yo'li", 'Qorasuv', "Mirzo Ulug'bek", 'Sayram'],
    },
    {
      state: '1726',
      district: '1726290',
      name: 'Yashnobod tumani',
      mahallaBase: 29000010,
      streets: ['Maxtumquli', 'Tuzel', 'Aviasozlar', 'Parkent'],
    },
  ],
  f2: [
    {
      state: '1726',
      district: '1726294',
      name: 'Chilonzor tumani',
      mahallaBase: 29400010,
      streets: ['Bunyodkor', 'Chilonzor', 'Qatortol', 'Arnasoy', 'Muqimiy'],
    },
    {
      state: '1726',
      district: '1726262',
      name: 'Uchtepa tumani',
      mahallaBase: 26200010,
      streets: ['Farhod', 'Lutfiy', "Sag'bon"],
    },
    {
      state: '1726',
      district: '1726280',
      name: 'Olmazor tumani',
      mahallaBase: 28000010,
      streets: ['Qorasaroy', 'Beruniy', 'Talabalar shaharchasi'],
    },
  ],
  f3: [
    {
      state: '1735',
      district: '1735401',
      name: 'Nukus shahri',
      mahallaBase: 40100010,
      streets: ['Berdaq', 'Qaraqalpaqstan', 'Dosnazarov', 'Tatibayev', 'Allamurat Bekbergenov'],
    },
  ],
};

/** A home address in the record's language (line) with coded state/district/city. */
export function homeAddress(
  rng: Rng,
  facility: 'f1' | 'f2' | 'f3',
  language: NameLanguage,
  sinceDay: string,
): Record<string, unknown> {
  const d = rng.pick(DISTRICTS[facility]);
  const street = rng.pick(d.streets);
  const house = rng.int(1, 120);
  const flat = rng.chance(0.7) ? rng.int(1, 90) : undefined;
  let line: string;
  if (language === 'uz') {
    line = withApostrophe(`${street} ko'chasi, ${house}-uy${flat === undefined ? '' : `, ${flat}-xonadon`}`, '\u02BB');
  } else if (language === 'uz-Cyrl') {
    line = `${latinToCyrillic(street)} кўчаси, ${house}-уй${flat === undefined ? '' : `, ${flat}-хонадон`}`;
  } else {
    line = `ул. ${cyrillicToRussian(latinToCyrillic(street))}, д. ${house}${flat === undefined ? '' : `, кв. ${flat}`}`;
  }
  return {
    use: 'home',
    type: 'physical',
    line: [line],
    city: String(d.mahallaBase + rng.int(0, 40)),
    district: d.district,
    state: d.state,
    country: 'UZ',
    period: { start: sinceDay },
  };
}

/** A Uzbek mobile number (+998 and an operator prefix). */
export function mobilePhone(rng: Rng): string {
  const prefix = rng.pick(['90', '91', '93', '94', '95', '97', '98', '99', '88', '33', '77']);
  return `+998${prefix}${String(rng.int(1000000, 9999999))}`;
}
