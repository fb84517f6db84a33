/** Builds `FormularyEntry` records and UZ Core `Medication` resources from the tables in formulary-data.ts. */
import type { AllergyClass, DoseForm, FhirResource, FormularyEntry, FormularyFlags, Strength, Text3 } from './types.js';
import { CS, PROFILE, SID } from './constants.js';
import { coding, meta, translations, uzText } from './fhir.js';
import { INNS, PRODUCTS, type FormKey, type InnDef, type ProductDef, type RouteKey } from './formulary-data.js';
import { isoDate, pad } from './time.js';

const t3 = (uz: string, ru: string, en: string): Text3 => ({ uz: uzText(uz), ru, en });

/** Dose forms. TAB101 "tabletkalar" is from the IG example; the other codes are invented in its pattern. */
export const DOSE_FORMS: Readonly<Record<FormKey, DoseForm>> = {
  TAB101: { code: 'TAB101', display: t3('tabletkalar', 'таблетки', 'tablets') },
  TAB102: {
    code: 'TAB102',
    display: t3(
      'plyonka qobiq bilan qoplangan tabletkalar',
      'таблетки, покрытые пленочной оболочкой',
      'film-coated tablets',
    ),
  },
  TAB103: {
    code: 'TAB103',
    display: t3(
      "ta'sir etuvchi moddasi modifikatsiyalangan ajraluvchi tabletkalar",
      'таблетки с модифицированным высвобождением',
      'modified-release tablets',
    ),
  },
  TAB104: {
    code: 'TAB104',
    display: t3('eruvchan (shipuchi) tabletkalar', 'таблетки шипучие', 'effervescent tablets'),
  },
  TAB105: {
    code: 'TAB105',
    display: t3("til ostiga qo'yiladigan tabletkalar", 'таблетки подъязычные', 'sublingual tablets'),
  },
  CAP101: { code: 'CAP101', display: t3('kapsulalar', 'капсулы', 'capsules') },
  INJ101: { code: 'INJ101', display: t3("in'eksiya uchun eritma", 'раствор для инъекций', 'solution for injection') },
  INJ102: {
    code: 'INJ102',
    display: t3(
      "in'eksiya uchun eritma tayyorlash uchun kukun",
      'порошок для приготовления раствора для инъекций',
      'powder for solution for injection',
    ),
  },
  INF101: { code: 'INF101', display: t3('infuziya uchun eritma', 'раствор для инфузий', 'solution for infusion') },
  EMU101: {
    code: 'EMU101',
    display: t3('vena ichiga yuborish uchun emulsiya', 'эмульсия для внутривенного введения', 'emulsion for injection'),
  },
  SYR101: { code: 'SYR101', display: t3('sirop', 'сироп', 'syrup') },
  SUS101: { code: 'SUS101', display: t3('ichish uchun suspenziya', 'суспензия для приема внутрь', 'oral suspension') },
  POW101: {
    code: 'POW101',
    display: t3(
      'ichish uchun suspenziya tayyorlash uchun kukun',
      'порошок для приготовления суспензии для приема внутрь',
      'powder for oral suspension',
    ),
  },
  SAC101: {
    code: 'SAC101',
    display: t3(
      'ichish uchun eritma tayyorlash uchun kukun (paketcha)',
      'порошок для приготовления раствора для приема внутрь (пакет)',
      'powder for oral solution (sachet)',
    ),
  },
  DRP101: { code: 'DRP101', display: t3('ichish uchun tomchilar', 'капли для приема внутрь', 'oral drops') },
  INH101: {
    code: 'INH101',
    display: t3(
      'ingalyatsiya uchun dozalangan aerozol',
      'аэрозоль для ингаляций дозированный',
      'pressurised inhalation',
    ),
  },
  INH102: { code: 'INH102', display: t3('ingalyatsiya uchun kukun', 'порошок для ингаляций', 'inhalation powder') },
  INH103: {
    code: 'INH103',
    display: t3(
      'ingalyatsiya uchun suspenziya (nebulayzer)',
      'суспензия для ингаляций (небулайзер)',
      'nebuliser suspension',
    ),
  },
  INH104: {
    code: 'INH104',
    display: t3('ingalyatsiya uchun suyuqlik', 'жидкость для ингаляций', 'inhalation vapour, liquid'),
  },
  EYE101: { code: 'EYE101', display: t3("ko'z tomchilari", 'капли глазные', 'eye drops') },
  NAS101: { code: 'NAS101', display: t3('dozalangan burun spreyi', 'спрей назальный дозированный', 'nasal spray') },
  NAS102: { code: 'NAS102', display: t3('burun tomchilari', 'капли назальные', 'nasal drops') },
  CRM101: { code: 'CRM101', display: t3('krem', 'крем', 'cream') },
  OIN101: { code: 'OIN101', display: t3('surtma (malham)', 'мазь', 'ointment') },
  TDS101: {
    code: 'TDS101',
    display: t3('transdermal terapevtik tizim', 'трансдермальная терапевтическая система', 'transdermal patch'),
  },
  SUP101: { code: 'SUP101', display: t3('rektal shamchalar', 'суппозитории ректальные', 'suppositories') },
  PEN101: {
    code: 'PEN101',
    display: t3(
      "shprits-ruchkadagi in'eksiya eritmasi",
      'раствор для инъекций в шприц-ручке',
      'solution for injection in pre-filled pen',
    ),
  },
};

/** SNOMED CT routes; `display.en` is the SNOMED CT display. */
export const ROUTES: Readonly<Record<RouteKey, { code: string; en: string; display: Text3 }>> = {
  oral: { code: '26643006', en: 'Oral route', display: t3("og'iz orqali", 'внутрь', 'Oral route') },
  sublingual: { code: '37839007', en: 'Sublingual route', display: t3('til ostiga', 'под язык', 'Sublingual route') },
  iv: { code: '47625008', en: 'Intravenous route', display: t3('vena ichiga', 'внутривенно', 'Intravenous route') },
  im: {
    code: '78421000',
    en: 'Intramuscular route',
    display: t3('mushak ichiga', 'внутримышечно', 'Intramuscular route'),
  },
  sc: { code: '34206005', en: 'Subcutaneous route', display: t3('teri ostiga', 'подкожно', 'Subcutaneous route') },
  inhal: {
    code: '447694001',
    en: 'Respiratory tract route',
    display: t3('ingalyatsiya orqali', 'ингаляционно', 'Respiratory tract route'),
  },
  topical: { code: '6064005', en: 'Topical route', display: t3('tashqi (teriga)', 'наружно', 'Topical route') },
  ophth: { code: '54485002', en: 'Ophthalmic route', display: t3("ko'zga", 'в глаза', 'Ophthalmic route') },
  nasal: { code: '46713006', en: 'Nasal route', display: t3('burunga', 'интраназально', 'Nasal route') },
  transdermal: {
    code: '45890007',
    en: 'Transdermal route',
    display: t3('teri orqali (transdermal)', 'трансдермально', 'Transdermal route'),
  },
  rectal: { code: '37161004', en: 'Rectal route', display: t3("to'g'ri ichakka", 'ректально', 'Rectal route') },
};

/** What one "unit" of a form is, for strength denominators and dispensing. */
const FORM_UNIT: Readonly<Record<FormKey, { unit: string; system: string; code: string; uz: string }>> = {
  TAB101: { unit: 'tablet', system: CS.v3OrderableDrugForm, code: 'TAB', uz: 'tabletka' },
  TAB102: { unit: 'tablet', system: CS.v3OrderableDrugForm, code: 'TAB', uz: 'tabletka' },
  TAB103: { unit: 'tablet', system: CS.v3OrderableDrugForm, code: 'TAB', uz: 'tabletka' },
  TAB104: { unit: 'tablet', system: CS.v3OrderableDrugForm, code: 'TAB', uz: 'tabletka' },
  TAB105: { unit: 'tablet', system: CS.v3OrderableDrugForm, code: 'TAB', uz: 'tabletka' },
  CAP101: { unit: 'capsule', system: CS.v3OrderableDrugForm, code: 'CAP', uz: 'kapsula' },
  SUP101: { unit: 'suppository', system: CS.v3OrderableDrugForm, code: 'SUPP', uz: 'shamcha' },
  SAC101: { unit: 'sachet', system: CS.ucum, code: '{sachet}', uz: 'paketcha' },
  INJ102: { unit: 'vial', system: CS.ucum, code: '{vial}', uz: 'flakon' },
  INH101: { unit: 'dose', system: CS.ucum, code: '{dose}', uz: 'doza' },
  INH102: { unit: 'dose', system: CS.ucum, code: '{dose}', uz: 'doza' },
  NAS101: { unit: 'dose', system: CS.ucum, code: '{dose}', uz: 'doza' },
  TDS101: { unit: 'h', system: CS.ucum, code: 'h', uz: 'soat' },
  INJ101: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  INF101: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  EMU101: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  PEN101: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  DRP101: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  EYE101: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  NAS102: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  INH103: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  INH104: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  SYR101: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  SUS101: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  POW101: { unit: 'mL', system: CS.ucum, code: 'mL', uz: 'ml' },
  CRM101: { unit: 'g', system: CS.ucum, code: 'g', uz: 'g' },
  OIN101: { unit: 'g', system: CS.ucum, code: 'g', uz: 'g' },
};

const FORM_ID: Readonly<Record<FormKey, string>> = {
  TAB101: 'tab',
  TAB102: 'ftab',
  TAB103: 'mrtab',
  TAB104: 'efftab',
  TAB105: 'sltab',
  CAP101: 'cap',
  INJ101: 'inj',
  INJ102: 'pwinj',
  INF101: 'inf',
  EMU101: 'emu',
  SYR101: 'syr',
  SUS101: 'susp',
  POW101: 'pwsusp',
  SAC101: 'sach',
  DRP101: 'drops',
  INH101: 'inh',
  INH102: 'inhpw',
  INH103: 'neb',
  INH104: 'vap',
  EYE101: 'eye',
  NAS101: 'nspray',
  NAS102: 'ndrops',
  CRM101: 'cream',
  OIN101: 'oint',
  TDS101: 'patch',
  SUP101: 'supp',
  PEN101: 'pen',
};

const DEFAULT_ROUTE: Readonly<Partial<Record<FormKey, RouteKey>>> = {
  INJ101: 'im',
  INJ102: 'im',
  INF101: 'iv',
  EMU101: 'iv',
  PEN101: 'sc',
  INH101: 'inhal',
  INH102: 'inhal',
  INH103: 'inhal',
  INH104: 'inhal',
  EYE101: 'ophth',
  NAS101: 'nasal',
  NAS102: 'nasal',
  CRM101: 'topical',
  OIN101: 'topical',
  TDS101: 'transdermal',
  SUP101: 'rectal',
  TAB105: 'sublingual',
};

/** UCUM code → how people write it. */
export function unitLabel(ucumCode: string): string {
  return ucumCode === 'ug' ? 'µg' : ucumCode === '[iU]' ? 'IU' : ucumCode;
}

/** Allergy classes used by drug–allergy checks. */
export const ALLERGY_CLASSES: readonly AllergyClass[] = [
  {
    id: 'penicillins',
    display: t3('penitsillinlar', 'пенициллины', 'penicillins'),
    codes: [
      { system: CS.snomed, code: '764146007', display: 'Penicillin' },
      { system: CS.snomed, code: '372687004', display: 'Amoxicillin' },
      { system: CS.snomed, code: '91936005', display: 'Allergy to penicillin' },
    ],
    atcPrefixes: ['J01C'],
    crossReactsWith: ['cephalosporins', 'carbapenems'],
  },
  {
    id: 'cephalosporins',
    display: t3('sefalosporinlar', 'цефалоспорины', 'cephalosporins'),
    codes: [],
    atcPrefixes: ['J01DB', 'J01DC', 'J01DD', 'J01DE'],
    crossReactsWith: ['penicillins'],
  },
  {
    id: 'carbapenems',
    display: t3('karbapenemlar', 'карбапенемы', 'carbapenems'),
    codes: [],
    atcPrefixes: ['J01DH'],
    crossReactsWith: ['penicillins'],
  },
  {
    id: 'macrolides',
    display: t3('makrolidlar', 'макролиды', 'macrolides'),
    codes: [],
    atcPrefixes: ['J01FA'],
    crossReactsWith: [],
  },
  {
    id: 'tetracyclines',
    display: t3('tetratsiklinlar', 'тетрациклины', 'tetracyclines'),
    codes: [],
    atcPrefixes: ['J01AA'],
    crossReactsWith: [],
  },
  {
    id: 'fluoroquinolones',
    display: t3('ftorxinolonlar', 'фторхинолоны', 'fluoroquinolones'),
    codes: [],
    atcPrefixes: ['J01MA', 'S01AE'],
    crossReactsWith: [],
  },
  {
    id: 'aminoglycosides',
    display: t3('aminoglikozidlar', 'аминогликозиды', 'aminoglycosides'),
    codes: [],
    atcPrefixes: ['J01GB', 'S01AA12'],
    crossReactsWith: [],
  },
  {
    id: 'sulfonamides',
    display: t3('sulfanilamidlar', 'сульфаниламиды', 'sulfonamides'),
    codes: [{ system: CS.snomed, code: '387406002', display: 'Sulfamethoxazole' }],
    atcPrefixes: ['J01E'],
    crossReactsWith: [],
  },
  {
    id: 'nsaids',
    display: t3(
      "nosteroid yallig'lanishga qarshi vositalar",
      'нестероидные противовоспалительные средства',
      'non-steroidal anti-inflammatory drugs',
    ),
    codes: [
      { system: CS.snomed, code: '372665008', display: 'Non-steroidal anti-inflammatory agent' },
      { system: CS.snomed, code: '387207008', display: 'Ibuprofen' },
      { system: CS.snomed, code: '387458008', display: 'Aspirin' },
    ],
    atcPrefixes: ['M01A', 'B01AC06', 'N02BA'],
    crossReactsWith: [],
  },
  {
    id: 'ace-inhibitors',
    display: t3('AAF ingibitorlari', 'ингибиторы АПФ', 'ACE inhibitors'),
    codes: [{ system: CS.snomed, code: '41549009', display: 'Angiotensin-converting enzyme inhibitor' }],
    atcPrefixes: ['C09A', 'C09B'],
    crossReactsWith: [],
  },
];

function flagsOf(inn: InnDef): FormularyFlags {
  const f = inn.flags ?? '';
  return {
    reimbursed: f.includes('R'),
    anabolic: f.includes('A'),
    psychotropic: f.includes('P'),
    narcotic: f.includes('N'),
    anaesthetic: f.includes('X'),
    registeredInUz: !f.includes('U'),
  };
}

function numberToken(n: number): string {
  return String(n);
}

function productId(p: ProductDef): string {
  const unit = p.u === '[iU]' ? 'iu' : p.u.toLowerCase();
  return `med-${p.inn}-${numberToken(p.s)}${unit}-${FORM_ID[p.form]}`;
}

function strengthOf(p: ProductDef): Strength {
  const fu = FORM_UNIT[p.form];
  const perValue = p.per ?? 1;
  const perUnit = fu.unit;
  const isCountable = fu.system === CS.v3OrderableDrugForm || fu.code.startsWith('{');
  const base = `${p.s} ${unitLabel(p.u)}`;
  const text = p.text ?? (isCountable ? base : `${base}/${perValue === 1 ? '' : `${perValue} `}${perUnit}`);
  return { value: p.s, unit: p.u, per: { value: perValue, unit: perUnit }, text };
}

/** A product joined with its INN. */
interface Joined {
  product: ProductDef;
  inn: InnDef;
  id: string;
  index: number;
}

const INN_BY_KEY = new Map(INNS.map((i) => [i.key, i]));

const JOINED: readonly Joined[] = PRODUCTS.map((product, index) => {
  const inn = INN_BY_KEY.get(product.inn);
  if (inn === undefined) throw new Error(`product refers to unknown INN ${product.inn}`);
  return { product, inn, id: productId(product), index };
});

{
  const seen = new Set<string>();
  for (const j of JOINED) {
    if (seen.has(j.id)) throw new Error(`duplicate medication id ${j.id}`);
    seen.add(j.id);
  }
}

const INN_CODES = new Map<string, string>();
for (const inn of INNS) {
  const en = inn.names[2];
  if (!INN_CODES.has(en)) INN_CODES.set(en, en === 'paracetamol' ? '005325' : `9${pad(INN_CODES.size + 1, 5)}`);
}

function entryOf(j: Joined): FormularyEntry {
  const { product: p, inn } = j;
  const flags = flagsOf(inn);
  const routeKey = p.route ?? DEFAULT_ROUTE[p.form] ?? 'oral';
  const route = ROUTES[routeKey];
  const max = p.max ?? inn.max;
  const entry: FormularyEntry = {
    medicationId: j.id,
    inn: t3(inn.names[0], inn.names[1], inn.names[2]),
    tradeNames: [...inn.tradeNames],
    atc: inn.atc,
    innCode: INN_CODES.get(inn.names[2]) ?? '',
    form: DOSE_FORMS[p.form],
    strength: strengthOf(p),
    route: { code: route.code, display: route.display },
    flags,
    prescribable: !flags.anaesthetic && flags.registeredInUz,
    validityDaysCap: flags.reimbursed ? 30 : flags.anabolic ? 60 : 90,
    therapeuticClass: inn.therapeuticClass,
    packSize: p.pack,
  };
  if (max !== undefined) entry.maxDailyDose = { value: max, unit: p.u };
  if (inn.allergyClass !== undefined) entry.allergyClass = inn.allergyClass;
  if (p.dose !== undefined) entry.usualDose = { value: p.dose[0], unit: p.u, timesPerDay: p.dose[1] };
  return entry;
}

/** All formulary entries (independent of the date). */
export const FORMULARY: readonly FormularyEntry[] = JOINED.map(entryOf);

const ENTRY_BY_ID = new Map(FORMULARY.map((e) => [e.medicationId, e]));

/** The entry for a Medication id; throws when unknown (keeps seed references consistent). */
export function formularyEntry(medicationId: string): FormularyEntry {
  const e = ENTRY_BY_ID.get(medicationId);
  if (e === undefined) throw new Error(`medication ${medicationId} is not in the formulary`);
  return e;
}

/** Capitalised Uzbek product label, e.g. "Amlodipin 5 mg, tabletkalar". */
export function productLabel(e: FormularyEntry, lang: keyof Text3 = 'uz'): string {
  const name = e.inn[lang];
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${e.strength.text}, ${e.form.display[lang]}`;
}

/** The medication concept (INN + ATC codings) used in Medication.code and CodeableReference.concept. */
export function medicationConcept(e: FormularyEntry): Record<string, unknown> {
  return {
    coding: [coding(CS.innMedicationName, e.innCode, e.inn.uz), coding(CS.atc, e.atc, e.inn.en)],
    text: productLabel(e, 'uz'),
    _text: translations({ ru: productLabel(e, 'ru'), en: productLabel(e, 'en') }),
  };
}

/** The UZ Core Medication resources, one per formulary entry (batch expiry relative to `todayDay`). */
export function buildMedications(entries: readonly FormularyEntry[], todayDay: number): FhirResource[] {
  return entries.map((e) => {
    const j = JOINED.find((x) => x.id === e.medicationId);
    if (j === undefined) throw new Error(`unknown medication ${e.medicationId}`);
    const fu = FORM_UNIT[j.product.form];
    const identifier: unknown[] = [
      {
        use: 'official',
        type: { coding: [coding(CS.medicineIdentifierType, 'pharm_id', 'Pharmaceutical agency drug ID')] },
        system: SID.medPharmId,
        value: String(20001 + j.index),
      },
    ];
    if (e.flags.registeredInUz) {
      identifier.push({
        use: 'official',
        type: { coding: [coding(CS.medicineIdentifierType, 'registration_number', 'Registration Certificate')] },
        system: SID.medRegistration,
        value: `UZ/MED/${2018 + (j.index % 8)}/${pad(100 + ((j.index * 397) % 9900), 5)}`,
      });
    }
    const numerator = {
      value: e.strength.value,
      unit: unitLabel(e.strength.unit),
      system: CS.ucum,
      code: e.strength.unit,
    };
    const denominator =
      fu.system === CS.ucum
        ? { value: e.strength.per.value, unit: fu.unit, system: CS.ucum, code: fu.code }
        : { value: e.strength.per.value, unit: fu.unit, system: fu.system, code: fu.code };
    const resource: FhirResource = {
      resourceType: 'Medication',
      id: e.medicationId,
      meta: meta(PROFILE.medication),
      language: 'uz',
      identifier,
      code: medicationConcept(e),
      status: 'active',
      doseForm: {
        coding: [coding(CS.medicationDoseForm, e.form.code, e.form.display.uz)],
        text: e.form.display.uz,
        _text: translations({ ru: e.form.display.ru, en: e.form.display.en }),
      },
      ingredient: [
        {
          item: { concept: { coding: [coding(CS.atc, e.atc, e.inn.en)], text: e.inn.uz } },
          isActive: true,
          strengthRatio: { numerator, denominator },
        },
      ],
      batch: {
        lotNumber: `${e.atc.slice(0, 3)}${pad(10000 + ((j.index * 7919) % 89999), 5)}`,
        expirationDate: isoDate(todayDay + 300 + ((j.index * 37) % 700)),
      },
    };
    return resource;
  });
}
