/**
 * Hand-written clinical pictures for 16 patients: conditions (ICD-10), allergies (incl. one explicit
 * "no known allergy" and one with nothing recorded), active prescriptions with (partial) dispenses,
 * recent vital signs and lab results, and the encounters they belong to.
 */
import type { FhirResource, Text3 } from './types.js';
import { CS } from './constants.js';
import {
  allergy,
  bloodPressure,
  condition,
  encounter,
  IdGen,
  labPanel,
  labResult,
  vital,
  type Coded,
  type ClinicalContext,
  type ObsBase,
} from './clinical.js';
import { clamp } from './fhir.js';
import { roomOf, staffOf, type BuiltFacility, type FacilityKey } from './facilities.js';
import { labTest, PANEL } from './lab-tests.js';
import { buildName, type NameLanguage, type Sex } from './names.js';
import { birthDayForAge, buildPatient, type BuiltPatient, type PinflKind } from './patients.js';
import { prescribeRegimen, type Regimen, type Visit } from './prescribing.js';
import { createRng } from './rng.js';
import { ageOn } from './time.js';

/** Allergens used by the scenarios (SNOMED CT, plus the DHP grass-pollen code from the IG example). */
const ALLERGEN = {
  penicillin: {
    code: { system: CS.snomed, code: '764146007', display: 'Penicillin' },
    text: { uz: 'Penitsillin', ru: 'Пенициллин', en: 'Penicillin' },
    category: 'medication',
  },
  amoxicillin: {
    code: { system: CS.snomed, code: '372687004', display: 'Amoxicillin' },
    text: { uz: 'Amoksitsillin', ru: 'Амоксициллин', en: 'Amoxicillin' },
    category: 'medication',
  },
  sulfonamide: {
    code: { system: CS.snomed, code: '387406002', display: 'Sulfamethoxazole' },
    text: {
      uz: 'Sulfanilamidlar (ko-trimoksazol)',
      ru: 'Сульфаниламиды (ко-тримоксазол)',
      en: 'Sulfonamides (co-trimoxazole)',
    },
    category: 'medication',
  },
  ibuprofen: {
    code: { system: CS.snomed, code: '387207008', display: 'Ibuprofen' },
    text: { uz: 'Ibuprofen', ru: 'Ибупрофен', en: 'Ibuprofen' },
    category: 'medication',
  },
  aspirin: {
    code: { system: CS.snomed, code: '387458008', display: 'Aspirin' },
    text: { uz: 'Atsetilsalitsil kislotasi', ru: 'Ацетилсалициловая кислота', en: 'Aspirin' },
    category: 'medication',
  },
  aceInhibitor: {
    code: { system: CS.snomed, code: '41549009', display: 'Angiotensin-converting enzyme inhibitor' },
    text: {
      uz: 'AAF ingibitorlari (lizinopril)',
      ru: 'Ингибиторы АПФ (лизиноприл)',
      en: 'ACE inhibitors (lisinopril)',
    },
    category: 'medication',
  },
  ciprofloxacin: {
    code: { system: CS.atc, code: 'J01MA02', display: 'ciprofloxacin' },
    text: { uz: 'Siprofloksatsin', ru: 'Ципрофлоксацин', en: 'Ciprofloxacin' },
    category: 'medication',
  },
  egg: {
    code: { system: CS.snomed, code: '102263004', display: 'Eggs (edible)' },
    text: { uz: 'Tovuq tuxumi', ru: 'Куриное яйцо', en: 'Egg' },
    category: 'food',
  },
  milk: {
    code: { system: CS.snomed, code: '3718001', display: "Cow's milk" },
    text: { uz: 'Sigir suti', ru: 'Коровье молоко', en: "Cow's milk" },
    category: 'food',
  },
  cashew: {
    code: { system: CS.snomed, code: '227493005', display: 'Cashew nut' },
    text: { uz: "Keshyu yong'og'i", ru: 'Орех кешью', en: 'Cashew nut' },
    category: 'food',
  },
  latex: {
    code: { system: CS.snomed, code: '111088007', display: 'Latex' },
    text: { uz: 'Lateks', ru: 'Латекс', en: 'Latex' },
    category: 'environment',
  },
  beeVenom: {
    code: { system: CS.snomed, code: '288328004', display: 'Bee venom' },
    text: { uz: 'Asalari zahari', ru: 'Пчелиный яд', en: 'Bee venom' },
    category: 'environment',
  },
  grassPollen: {
    code: { system: CS.allergenCodes, code: 'aller-0010-00001', display: 'Grass pollen' },
    text: { uz: "O'tlar changi", ru: 'Пыльца злаковых трав', en: 'Grass pollen' },
    category: 'environment',
  },
} as const satisfies Record<string, { code: Coded; text: Text3; category: 'medication' | 'food' | 'environment' }>;

/** Reaction manifestations (SNOMED CT; shortness of breath from the DHP manifestation code system). */
const MANIFESTATION = {
  urticaria: { system: CS.snomed, code: '126485001', display: 'Urticaria' },
  rash: { system: CS.snomed, code: '271807003', display: 'Eruption of skin' },
  anaphylaxis: { system: CS.snomed, code: '39579001', display: 'Anaphylaxis' },
  angioedema: { system: CS.snomed, code: '41291007', display: 'Angioedema' },
  dyspnoea: { system: CS.snomed, code: '267036007', display: 'Dyspnea' },
  cough: { system: CS.snomed, code: '49727002', display: 'Cough' },
  diarrhoea: { system: CS.snomed, code: '62315008', display: 'Diarrhea' },
  nausea: { system: CS.snomed, code: '422587007', display: 'Nausea' },
  itching: { system: CS.snomed, code: '418290006', display: 'Itching' },
  sneezing: { system: CS.snomed, code: '76067001', display: 'Sneezing' },
  shortnessOfBreath: {
    system: 'https://terminology.dhp.uz/fhir/core/CodeSystem/allergy-reaction-manifestation-cs',
    code: 'aller-0006-00004',
    display: 'Shortness of breath',
  },
} as const satisfies Record<string, Coded>;

type AllergenKey = keyof typeof ALLERGEN;
type ManifestationKey = keyof typeof MANIFESTATION;

interface AllergySpec {
  allergen: AllergenKey;
  type?: 'allergy' | 'intolerance';
  criticality?: 'low' | 'high';
  onsetDaysAgo?: number;
  reactions: readonly [ManifestationKey, 'mild' | 'moderate' | 'severe'][];
  verification?: 'confirmed' | 'unconfirmed';
  note?: string;
}

interface ConditionSpec {
  key: string;
  icd: string;
  onsetDaysAgo: number;
  status?: 'active' | 'resolved' | 'remission' | 'inactive';
  abatedDaysAgo?: number;
  severity?: 'mild' | 'moderate' | 'severe';
  note?: string;
}

interface MedSpec {
  med: string;
  dose: number;
  tpd: number;
  startDaysAgo: number;
  endDaysAgo?: number;
  acuteDays?: number;
  cond: string;
  last?: Regimen['last'];
  stop?: { code: string; display: string };
  status?: 'cancelled' | 'entered-in-error';
  note?: string;
}

interface Vitals {
  sys: number;
  dia: number;
  hr: number;
  temp: number;
  weight: number;
  height: number;
  spo2: number;
  rr: number;
}

/** One hand-written patient. */
export interface Scenario {
  id: string;
  facility: FacilityKey;
  family: string;
  given: string;
  father: string;
  sex: Sex;
  age: number;
  language: NameLanguage;
  traditional?: boolean;
  doctor: readonly string[];
  visitsDaysAgo: readonly number[];
  vitals: Vitals;
  vitalsAt?: Readonly<Record<number, Partial<Vitals>>>;
  conditions: readonly ConditionSpec[];
  allergies: readonly AllergySpec[] | 'no-known-allergy' | 'not-recorded';
  meds: readonly MedSpec[];
  labs?: Readonly<Record<number, Readonly<Record<string, number>>>>;
  consent?: 'deny' | 'permit';
  pinfl?: PinflKind;
  marital?: 'M' | 'S' | 'W' | 'D';
}

const CBC_NORMAL_F = {
  '718-7': 132,
  '6690-2': 6.4,
  '789-8': 4.4,
  '4544-3': 40,
  '777-3': 265,
  '787-2': 89,
  '785-6': 30,
  '786-4': 335,
  '770-8': 58,
  '736-9': 31,
};
const CBC_NORMAL_M = {
  '718-7': 148,
  '6690-2': 6.9,
  '789-8': 4.9,
  '4544-3': 44,
  '777-3': 240,
  '787-2': 90,
  '785-6': 30.5,
  '786-4': 338,
  '770-8': 57,
  '736-9': 32,
};

/** The scenarios (ids are stable; `pt-dilnoza-yusupova` is the `patient` demo user). */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'pt-dilnoza-yusupova',
    facility: 'f1',
    family: 'Yusupova',
    given: 'Dilnoza',
    father: 'Anvar',
    sex: 'female',
    age: 38,
    language: 'uz',
    doctor: ['gp1'],
    visitsDaysAgo: [540, 380, 210, 95, 88, 40, 9],
    marital: 'M',
    consent: 'permit',
    vitals: { sys: 118, dia: 76, hr: 78, temp: 36.6, weight: 64, height: 163, spo2: 97, rr: 16 },
    vitalsAt: { 95: { temp: 38.1, hr: 96, spo2: 95, rr: 20 } },
    conditions: [
      { key: 'asthma', icd: 'J45.0', onsetDaysAgo: 3000, severity: 'moderate' },
      { key: 'rhinitis', icd: 'J30.1', onsetDaysAgo: 3300, severity: 'mild' },
      { key: 'bronchitis', icd: 'J20.9', onsetDaysAgo: 95, status: 'resolved', abatedDaysAgo: 80, severity: 'mild' },
    ],
    allergies: [
      {
        allergen: 'penicillin',
        criticality: 'high',
        onsetDaysAgo: 6000,
        reactions: [
          ['rash', 'moderate'],
          ['urticaria', 'moderate'],
        ],
      },
      {
        allergen: 'grassPollen',
        criticality: 'low',
        onsetDaysAgo: 3300,
        reactions: [
          ['sneezing', 'mild'],
          ['shortnessOfBreath', 'moderate'],
        ],
      },
    ],
    meds: [
      { med: 'med-budesonide-formoterol-160ug-inhpw', dose: 320, tpd: 2, startDaysAgo: 540, cond: 'asthma' },
      { med: 'med-montelukast-10mg-ftab', dose: 10, tpd: 1, startDaysAgo: 380, cond: 'asthma', last: 'partial' },
      {
        med: 'med-salbutamol-100ug-inh',
        dose: 200,
        tpd: 1,
        startDaysAgo: 540,
        cond: 'asthma',
        note: 'Xuruj paytida 2 ingalyatsiya.',
      },
      { med: 'med-cetirizine-10mg-ftab', dose: 10, tpd: 1, startDaysAgo: 210, acuteDays: 30, cond: 'rhinitis' },
      {
        med: 'med-azithromycin-500mg-ftab',
        dose: 500,
        tpd: 1,
        startDaysAgo: 95,
        acuteDays: 3,
        cond: 'bronchitis',
        note: 'Penitsillinga allergiya sababli makrolid.',
      },
    ],
    labs: {
      95: { ...CBC_NORMAL_F, '6690-2': 10.8, '770-8': 76, '736-9': 16, '1988-5': 18, '30341-2': 24 },
      88: { ...CBC_NORMAL_F, '1988-5': 4.1 },
      9: { '14749-6': 5.1, '1742-6': 18, '1920-8': 21 },
    },
  },
  {
    id: 'pt-bahodir-toshmatov',
    facility: 'f1',
    family: 'Toshmatov',
    given: 'Bahodir',
    father: 'Shavkat',
    sex: 'male',
    age: 58,
    language: 'uz',
    traditional: true,
    doctor: ['gp1'],
    visitsDaysAgo: [720, 540, 365, 180, 90, 30, 5],
    marital: 'M',
    vitals: { sys: 146, dia: 92, hr: 80, temp: 36.6, weight: 98, height: 176, spo2: 97, rr: 16 },
    vitalsAt: { 30: { sys: 134, dia: 84 }, 5: { sys: 131, dia: 82, weight: 95 } },
    conditions: [
      { key: 'htn', icd: 'I10', onsetDaysAgo: 2500, severity: 'moderate' },
      { key: 'dm', icd: 'E11.9', onsetDaysAgo: 1800 },
      { key: 'lipid', icd: 'E78.2', onsetDaysAgo: 1500 },
      { key: 'obesity', icd: 'E66.9', onsetDaysAgo: 2000, severity: 'mild' },
      { key: 'liver', icd: 'K76.0', onsetDaysAgo: 900 },
    ],
    allergies: 'no-known-allergy',
    meds: [
      { med: 'med-amlodipine-10mg-tab', dose: 10, tpd: 1, startDaysAgo: 720, cond: 'htn' },
      { med: 'med-lisinopril-20mg-tab', dose: 20, tpd: 1, startDaysAgo: 720, cond: 'htn', last: 'partial' },
      { med: 'med-metformin-850mg-ftab', dose: 850, tpd: 2, startDaysAgo: 720, cond: 'dm' },
      { med: 'med-atorvastatin-20mg-ftab', dose: 20, tpd: 1, startDaysAgo: 540, cond: 'lipid', last: 'dispensed' },
      {
        med: 'med-glibenclamide-5mg-tab',
        dose: 5,
        tpd: 1,
        startDaysAgo: 180,
        acuteDays: 30,
        cond: 'dm',
        status: 'cancelled',
        stop: { code: 'altchoice', display: 'Try another treatment first' },
        note: 'Gipoglikemiya xavfi sababli sitagliptin tanlandi.',
      },
      { med: 'med-sitagliptin-100mg-ftab', dose: 100, tpd: 1, startDaysAgo: 180, cond: 'dm' },
    ],
    labs: {
      180: {
        '4548-4': 8.1,
        '14749-6': 8.9,
        '14682-9': 92,
        '62238-1': 81,
        '1742-6': 48,
        '1920-8': 39,
        '14647-2': 5.9,
        '14646-4': 0.9,
        '22748-8': 3.8,
        '14927-8': 2.6,
      },
      5: {
        '4548-4': 7.3,
        '14749-6': 7.4,
        '14682-9': 95,
        '62238-1': 78,
        '1742-6': 41,
        '1920-8': 33,
        '14647-2': 4.9,
        '14646-4': 1.0,
        '22748-8': 2.9,
        '14927-8': 2.0,
      },
    },
  },
  {
    id: 'pt-gulnora-karimova',
    facility: 'f1',
    family: 'Karimova',
    given: 'Gulnora',
    father: 'Hamid',
    sex: 'female',
    age: 71,
    language: 'uz-Cyrl',
    doctor: ['gp1'],
    visitsDaysAgo: [600, 420, 300, 150, 60, 21],
    marital: 'W',
    vitals: { sys: 132, dia: 80, hr: 88, temp: 36.5, weight: 74, height: 156, spo2: 95, rr: 18 },
    vitalsAt: { 420: { sys: 150, dia: 92, hr: 112, weight: 78, spo2: 93, rr: 22 } },
    conditions: [
      { key: 'af', icd: 'I48.0', onsetDaysAgo: 1400 },
      { key: 'hf', icd: 'I50.0', onsetDaysAgo: 800, severity: 'moderate' },
      { key: 'htn', icd: 'I10', onsetDaysAgo: 4000 },
      { key: 'osteo', icd: 'M81.0', onsetDaysAgo: 1200 },
    ],
    allergies: [
      {
        allergen: 'aspirin',
        criticality: 'high',
        onsetDaysAgo: 5000,
        reactions: [['dyspnoea', 'severe']],
        note: 'Aspirin qabul qilganda bronxospazm.',
      },
    ],
    meds: [
      {
        med: 'med-warfarin-2.5mg-tab',
        dose: 5,
        tpd: 1,
        startDaysAgo: 600,
        cond: 'af',
        note: 'XNN nazorati ostida; maqsad 2,0–3,0.',
      },
      { med: 'med-bisoprolol-5mg-ftab', dose: 5, tpd: 1, startDaysAgo: 600, cond: 'af', last: 'partial' },
      { med: 'med-furosemide-40mg-tab', dose: 40, tpd: 1, startDaysAgo: 420, cond: 'hf' },
      { med: 'med-spironolactone-25mg-tab', dose: 25, tpd: 1, startDaysAgo: 420, cond: 'hf', last: 'dispensed' },
      { med: 'med-calcium-colecalciferol-500mg-tab', dose: 500, tpd: 2, startDaysAgo: 300, cond: 'osteo' },
    ],
    labs: {
      300: { '6301-6': 2.1, '14682-9': 98, '2823-3': 4.6, '62238-1': 51 },
      150: { '6301-6': 3.4, '14682-9': 101, '2823-3': 4.9 },
      60: { '6301-6': 2.6, '14682-9': 104, '2823-3': 5.3, '62238-1': 47 },
      21: { '6301-6': 2.4, ...CBC_NORMAL_F, '718-7': 118 },
    },
  },
  {
    id: 'pt-sardor-rahimov',
    facility: 'f1',
    family: 'Rahimov',
    given: 'Sardor',
    father: 'Rustam',
    sex: 'male',
    age: 6,
    language: 'uz',
    doctor: ['ped', 'gp1'],
    visitsDaysAgo: [400, 120, 112, 30],
    vitals: { sys: 0, dia: 0, hr: 95, temp: 36.7, weight: 21, height: 117, spo2: 98, rr: 22 },
    vitalsAt: { 400: { temp: 38.4, hr: 118, weight: 19, height: 111 }, 120: { temp: 38.9, hr: 124, spo2: 94, rr: 30 } },
    conditions: [
      { key: 'otitis', icd: 'H66.0', onsetDaysAgo: 400, status: 'resolved', abatedDaysAgo: 390 },
      {
        key: 'pneumonia',
        icd: 'J18.9',
        onsetDaysAgo: 120,
        status: 'resolved',
        abatedDaysAgo: 100,
        severity: 'moderate',
      },
      { key: 'adenoids', icd: 'J35.2', onsetDaysAgo: 700 },
    ],
    allergies: [{ allergen: 'egg', criticality: 'low', onsetDaysAgo: 1800, reactions: [['urticaria', 'mild']] }],
    meds: [
      { med: 'med-amoxicillin-250mg-pwsusp', dose: 250, tpd: 3, startDaysAgo: 400, acuteDays: 7, cond: 'otitis' },
      {
        med: 'med-amoxicillin-clavulanate-400mg-pwsusp',
        dose: 400,
        tpd: 2,
        startDaysAgo: 120,
        acuteDays: 10,
        cond: 'pneumonia',
      },
      {
        med: 'med-paracetamol-120mg-susp',
        dose: 240,
        tpd: 3,
        startDaysAgo: 120,
        acuteDays: 5,
        cond: 'pneumonia',
        note: 'Tana harorati 38,5 °C dan yuqori bo‘lganda.',
      },
    ],
    labs: {
      120: {
        '718-7': 121,
        '6690-2': 15.2,
        '789-8': 4.5,
        '4544-3': 36,
        '777-3': 310,
        '787-2': 80,
        '785-6': 27,
        '786-4': 333,
        '770-8': 79,
        '736-9': 14,
        '1988-5': 42,
      },
      112: {
        '718-7': 124,
        '6690-2': 8.1,
        '789-8': 4.6,
        '4544-3': 37,
        '777-3': 330,
        '787-2': 81,
        '785-6': 27,
        '786-4': 334,
        '770-8': 50,
        '736-9': 40,
        '1988-5': 6,
      },
    },
  },
  {
    id: 'pt-malika-ergasheva',
    facility: 'f1',
    family: 'Ergasheva',
    given: 'Malika',
    father: 'Akmal',
    sex: 'female',
    age: 29,
    language: 'ru',
    doctor: ['gyn', 'gp1'],
    visitsDaysAgo: [160, 120, 90, 60, 30, 6],
    marital: 'M',
    vitals: { sys: 108, dia: 68, hr: 86, temp: 36.7, weight: 61, height: 165, spo2: 98, rr: 17 },
    vitalsAt: {
      120: { weight: 62 },
      90: { weight: 63.5 },
      60: { weight: 65.4 },
      30: { weight: 67.2 },
      6: { weight: 68.5, sys: 114, dia: 72 },
    },
    conditions: [
      { key: 'preg', icd: 'Z34.0', onsetDaysAgo: 190 },
      { key: 'anaemia', icd: 'O99.0', onsetDaysAgo: 90, severity: 'mild' },
      { key: 'vomit', icd: 'O21.0', onsetDaysAgo: 160, status: 'resolved', abatedDaysAgo: 120, severity: 'mild' },
    ],
    allergies: 'not-recorded',
    meds: [
      { med: 'med-folic-acid-1mg-tab', dose: 1, tpd: 1, startDaysAgo: 160, cond: 'preg' },
      { med: 'med-iron-polymaltose-100mg-tab', dose: 100, tpd: 1, startDaysAgo: 90, cond: 'anaemia', last: 'partial' },
    ],
    labs: {
      160: { ...CBC_NORMAL_F, '718-7': 121, '14749-6': 4.6 },
      90: { ...CBC_NORMAL_F, '718-7': 104, '787-2': 76, '785-6': 24.5, '4544-3': 33, '2276-4': 12, '14798-3': 7.8 },
      30: { ...CBC_NORMAL_F, '718-7': 109, '787-2': 79, '2276-4': 22 },
    },
  },
  {
    id: 'pt-akmal-nazarov',
    facility: 'f1',
    family: 'Nazarov',
    given: 'Akmal',
    father: 'Sobir',
    sex: 'male',
    age: 45,
    language: 'ru',
    doctor: ['gp2', 'gp1'],
    visitsDaysAgo: [500, 200, 45, 12],
    marital: 'M',
    consent: 'deny',
    vitals: { sys: 126, dia: 82, hr: 72, temp: 36.6, weight: 84, height: 178, spo2: 98, rr: 15 },
    conditions: [
      { key: 'gastritis', icd: 'K29.5', onsetDaysAgo: 1500 },
      { key: 'gerd', icd: 'K21.0', onsetDaysAgo: 500 },
    ],
    allergies: [
      {
        allergen: 'sulfonamide',
        criticality: 'high',
        onsetDaysAgo: 3000,
        reactions: [['rash', 'severe']],
        note: 'Biseptol qabul qilganda keng tarqalgan toshma.',
      },
    ],
    meds: [
      {
        med: 'med-amoxicillin-1000mg-tab',
        dose: 1000,
        tpd: 2,
        startDaysAgo: 200,
        acuteDays: 14,
        cond: 'gastritis',
        note: 'H. pylori eradikatsiyasi.',
      },
      {
        med: 'med-clarithromycin-500mg-ftab',
        dose: 500,
        tpd: 2,
        startDaysAgo: 200,
        acuteDays: 14,
        cond: 'gastritis',
        note: 'H. pylori eradikatsiyasi.',
      },
      { med: 'med-omeprazole-20mg-cap', dose: 20, tpd: 2, startDaysAgo: 200, acuteDays: 14, cond: 'gastritis' },
      { med: 'med-domperidone-10mg-ftab', dose: 10, tpd: 3, startDaysAgo: 45, acuteDays: 14, cond: 'gerd' },
      { med: 'med-omeprazole-20mg-cap', dose: 20, tpd: 1, startDaysAgo: 45, cond: 'gerd', last: 'partial' },
    ],
    labs: { 45: { ...CBC_NORMAL_M, '1742-6': 33, '1920-8': 27 } },
  },
  {
    id: 'pt-zuhra-saidova',
    facility: 'f2',
    family: 'Saidova',
    given: 'Zuhra',
    father: 'Umar',
    sex: 'female',
    age: 72,
    language: 'uz-Cyrl',
    doctor: ['cardio1'],
    visitsDaysAgo: [365, 200, 100, 28],
    marital: 'W',
    vitals: { sys: 148, dia: 88, hr: 68, temp: 36.5, weight: 70, height: 154, spo2: 96, rr: 17 },
    vitalsAt: { 28: { sys: 136, dia: 82 } },
    conditions: [
      { key: 'htn', icd: 'I10', onsetDaysAgo: 5000, severity: 'moderate' },
      { key: 'ihd', icd: 'I25.1', onsetDaysAgo: 1200 },
      { key: 'knee', icd: 'M17.9', onsetDaysAgo: 3000 },
      { key: 'osteo', icd: 'M81.0', onsetDaysAgo: 800 },
      { key: 'cataract', icd: 'H25.9', onsetDaysAgo: 1500 },
    ],
    allergies: [
      {
        allergen: 'ibuprofen',
        type: 'intolerance',
        criticality: 'low',
        onsetDaysAgo: 2000,
        reactions: [['nausea', 'moderate']],
      },
      { allergen: 'latex', criticality: 'low', onsetDaysAgo: 4000, reactions: [['itching', 'mild']] },
    ],
    meds: [
      { med: 'med-amlodipine-5mg-tab', dose: 5, tpd: 1, startDaysAgo: 365, cond: 'htn', last: 'dispensed' },
      { med: 'med-bisoprolol-5mg-ftab', dose: 5, tpd: 1, startDaysAgo: 365, cond: 'ihd' },
      { med: 'med-atorvastatin-20mg-ftab', dose: 20, tpd: 1, startDaysAgo: 365, cond: 'ihd', last: 'partial' },
      { med: 'med-aspirin-75mg-ftab', dose: 75, tpd: 1, startDaysAgo: 365, cond: 'ihd' },
      { med: 'med-calcium-colecalciferol-500mg-tab', dose: 500, tpd: 2, startDaysAgo: 200, cond: 'osteo' },
      {
        med: 'med-meloxicam-7.5mg-tab',
        dose: 7.5,
        tpd: 1,
        startDaysAgo: 100,
        acuteDays: 10,
        cond: 'knee',
        status: 'cancelled',
        stop: { code: 'salg', display: 'Allergy' },
        note: 'Ibuprofenga toqatsizlik (NYaQV) — bekor qilindi, paratsetamol tayinlandi.',
      },
      { med: 'med-paracetamol-500mg-tab', dose: 500, tpd: 3, startDaysAgo: 100, acuteDays: 30, cond: 'knee' },
    ],
    labs: {
      100: {
        '14647-2': 5.1,
        '14646-4': 1.3,
        '22748-8': 3.1,
        '14927-8': 1.5,
        '14682-9': 82,
        '14749-6': 5.8,
        '1989-3': 17,
      },
      28: { '14647-2': 4.4, '14646-4': 1.35, '22748-8': 2.4, '14927-8': 1.4 },
    },
  },
  {
    id: 'pt-jasur-aliyev',
    facility: 'f1',
    family: 'Aliyev',
    given: 'Jasur',
    father: 'Farhod',
    sex: 'male',
    age: 34,
    language: 'uz',
    doctor: ['gp1'],
    visitsDaysAgo: [300, 240, 150, 60, 20],
    marital: 'S',
    consent: 'deny',
    vitals: { sys: 124, dia: 78, hr: 84, temp: 36.6, weight: 77, height: 181, spo2: 99, rr: 15 },
    conditions: [
      { key: 'gad', icd: 'F41.1', onsetDaysAgo: 320 },
      { key: 'insomnia', icd: 'F51.0', onsetDaysAgo: 300 },
    ],
    allergies: [
      {
        allergen: 'beeVenom',
        criticality: 'high',
        onsetDaysAgo: 5500,
        reactions: [['anaphylaxis', 'severe']],
        note: "Adrenalin avtoinyektori yonida bo'lishi kerak.",
      },
    ],
    meds: [
      { med: 'med-sertraline-50mg-ftab', dose: 50, tpd: 1, startDaysAgo: 300, cond: 'gad', last: 'partial' },
      { med: 'med-alprazolam-0.25mg-tab', dose: 0.25, tpd: 2, startDaysAgo: 300, acuteDays: 14, cond: 'gad' },
      { med: 'med-zolpidem-10mg-ftab', dose: 10, tpd: 1, startDaysAgo: 150, acuteDays: 14, cond: 'insomnia' },
      {
        med: 'med-alprazolam-0.5mg-tab',
        dose: 0.5,
        tpd: 2,
        startDaysAgo: 60,
        acuteDays: 14,
        cond: 'gad',
        status: 'entered-in-error',
        note: "Noto'g'ri doza kiritilgan; qayta yozildi.",
      },
      { med: 'med-alprazolam-0.25mg-tab', dose: 0.25, tpd: 2, startDaysAgo: 60, acuteDays: 14, cond: 'gad' },
    ],
    labs: { 300: { ...CBC_NORMAL_M, '3016-3': 1.8, '14920-3': 16.2 } },
  },
  {
    id: 'pt-nigora-hamidova',
    facility: 'f1',
    family: 'Hamidova',
    given: 'Nigora',
    father: 'Tohir',
    sex: 'female',
    age: 52,
    language: 'uz',
    doctor: ['gp1'],
    visitsDaysAgo: [700, 520, 380, 200, 60, 14],
    marital: 'M',
    vitals: { sys: 122, dia: 78, hr: 70, temp: 36.5, weight: 69, height: 160, spo2: 98, rr: 16 },
    conditions: [
      { key: 'ait', icd: 'E06.3', onsetDaysAgo: 900 },
      { key: 'hypo', icd: 'E03.9', onsetDaysAgo: 700 },
      { key: 'meno', icd: 'N95.1', onsetDaysAgo: 400 },
      { key: 'ida', icd: 'D50.9', onsetDaysAgo: 380, status: 'resolved', abatedDaysAgo: 200 },
    ],
    allergies: [{ allergen: 'cashew', criticality: 'low', onsetDaysAgo: 2500, reactions: [['itching', 'mild']] }],
    meds: [
      { med: 'med-levothyroxine-50ug-tab', dose: 50, tpd: 1, startDaysAgo: 700, endDaysAgo: 380, cond: 'hypo' },
      { med: 'med-levothyroxine-75ug-tab', dose: 75, tpd: 1, startDaysAgo: 380, cond: 'hypo' },
      { med: 'med-iron-polymaltose-100mg-tab', dose: 100, tpd: 1, startDaysAgo: 380, acuteDays: 90, cond: 'ida' },
    ],
    labs: {
      700: { '3016-3': 9.6, '14920-3': 9.8 },
      520: { '3016-3': 5.1, '14920-3': 12.4 },
      380: { '3016-3': 3.2, ...CBC_NORMAL_F, '718-7': 108, '787-2': 75, '2276-4': 9 },
      200: { '3016-3': 2.4, ...CBC_NORMAL_F, '718-7': 126, '2276-4': 38 },
      60: { '3016-3': 2.0, '14920-3': 15.8 },
    },
  },
  {
    id: 'pt-rustam-yuldashev',
    facility: 'f3',
    family: 'Yuldashev',
    given: 'Rustam',
    father: 'Ergash',
    sex: 'male',
    age: 63,
    language: 'ru',
    doctor: ['gp1'],
    visitsDaysAgo: [400, 250, 130, 120, 45, 10],
    marital: 'M',
    vitals: { sys: 138, dia: 86, hr: 88, temp: 36.6, weight: 71, height: 172, spo2: 92, rr: 20 },
    vitalsAt: { 130: { spo2: 88, temp: 37.9, rr: 26, hr: 104 } },
    conditions: [
      { key: 'copd', icd: 'J44.9', onsetDaysAgo: 2500, severity: 'moderate' },
      { key: 'exac', icd: 'J44.1', onsetDaysAgo: 130, status: 'resolved', abatedDaysAgo: 115, severity: 'severe' },
      { key: 'tobacco', icd: 'F17.2', onsetDaysAgo: 12000, status: 'remission', note: '2019-yildan beri chekmaydi.' },
      { key: 'htn', icd: 'I10', onsetDaysAgo: 1500 },
    ],
    allergies: [
      {
        allergen: 'amoxicillin',
        criticality: 'low',
        verification: 'unconfirmed',
        onsetDaysAgo: 9000,
        reactions: [['rash', 'mild']],
        note: "Bemorning so'zlariga ko'ra, bolalikda.",
      },
    ],
    meds: [
      { med: 'med-tiotropium-18ug-inhpw', dose: 18, tpd: 1, startDaysAgo: 400, cond: 'copd', last: 'partial' },
      { med: 'med-salbutamol-100ug-inh', dose: 200, tpd: 2, startDaysAgo: 400, cond: 'copd' },
      { med: 'med-enalapril-10mg-tab', dose: 10, tpd: 2, startDaysAgo: 400, cond: 'htn' },
      { med: 'med-prednisolone-5mg-tab', dose: 30, tpd: 1, startDaysAgo: 130, acuteDays: 7, cond: 'exac' },
      { med: 'med-levofloxacin-500mg-ftab', dose: 500, tpd: 1, startDaysAgo: 130, acuteDays: 7, cond: 'exac' },
    ],
    labs: {
      130: { ...CBC_NORMAL_M, '6690-2': 12.4, '770-8': 81, '736-9': 12, '1988-5': 36 },
      120: { ...CBC_NORMAL_M, '6690-2': 8.9, '1988-5': 8 },
    },
  },
  {
    id: 'pt-kamola-usmonova',
    facility: 'f2',
    family: 'Usmonova',
    given: 'Kamola',
    father: 'Bahodir',
    sex: 'female',
    age: 24,
    language: 'uz',
    doctor: ['ther', 'cardio1'],
    visitsDaysAgo: [90, 20, 6],
    marital: 'S',
    vitals: { sys: 112, dia: 70, hr: 76, temp: 36.6, weight: 56, height: 162, spo2: 99, rr: 16 },
    vitalsAt: { 20: { temp: 37.4, hr: 88 } },
    conditions: [
      { key: 'rhinitis', icd: 'J30.1', onsetDaysAgo: 1500, severity: 'mild' },
      { key: 'cystitis', icd: 'N30.0', onsetDaysAgo: 20, status: 'resolved', abatedDaysAgo: 10 },
    ],
    allergies: [
      {
        allergen: 'grassPollen',
        criticality: 'low',
        onsetDaysAgo: 1500,
        reactions: [
          ['sneezing', 'mild'],
          ['itching', 'mild'],
        ],
      },
    ],
    meds: [
      { med: 'med-levocetirizine-5mg-ftab', dose: 5, tpd: 1, startDaysAgo: 90, acuteDays: 30, cond: 'rhinitis' },
      { med: 'med-nitrofurantoin-100mg-tab', dose: 100, tpd: 2, startDaysAgo: 20, acuteDays: 5, cond: 'cystitis' },
    ],
    labs: { 20: { ...CBC_NORMAL_F, '6690-2': 9.8, '1988-5': 9, '5811-5': 1.024 } },
  },
  {
    id: 'pt-otabek-sobirov',
    facility: 'f1',
    family: 'Sobirov',
    given: 'Otabek',
    father: 'Ilhom',
    sex: 'male',
    age: 41,
    language: 'uz',
    doctor: ['gp1'],
    visitsDaysAgo: [220, 190, 130, 70, 10],
    marital: 'M',
    vitals: { sys: 120, dia: 78, hr: 70, temp: 36.6, weight: 80, height: 175, spo2: 98, rr: 15 },
    conditions: [{ key: 'hcv', icd: 'B18.2', onsetDaysAgo: 260, note: 'HCV RNK aniqlangan; genotip 1b.' }],
    allergies: [
      { allergen: 'ciprofloxacin', criticality: 'low', onsetDaysAgo: 1200, reactions: [['rash', 'moderate']] },
    ],
    meds: [
      {
        med: 'med-sofosbuvir-400mg-ftab',
        dose: 400,
        tpd: 1,
        startDaysAgo: 190,
        acuteDays: 84,
        cond: 'hcv',
        note: '12 haftalik kurs.',
      },
      {
        med: 'med-daclatasvir-60mg-ftab',
        dose: 60,
        tpd: 1,
        startDaysAgo: 190,
        acuteDays: 84,
        cond: 'hcv',
        note: '12 haftalik kurs.',
      },
      { med: 'med-ursodeoxycholic-acid-250mg-cap', dose: 250, tpd: 3, startDaysAgo: 70, cond: 'hcv' },
    ],
    labs: {
      220: { '1742-6': 96, '1920-8': 71, '14631-6': 18, '777-3': 162, '2324-2': 74 },
      130: { '1742-6': 38, '1920-8': 31 },
      70: { '1742-6': 29, '1920-8': 25 },
      10: { '1742-6': 26, '1920-8': 22, '14631-6': 11 },
    },
  },
  {
    id: 'pt-mohira-qodirova',
    facility: 'f1',
    family: 'Qodirova',
    given: 'Mohira',
    father: 'Shuhrat',
    sex: 'female',
    age: 8,
    language: 'uz-Cyrl',
    doctor: ['ped', 'gp1'],
    visitsDaysAgo: [330, 180, 40],
    vitals: { sys: 0, dia: 0, hr: 90, temp: 36.6, weight: 26, height: 128, spo2: 99, rr: 20 },
    conditions: [
      { key: 'ad', icd: 'L20.9', onsetDaysAgo: 2500, severity: 'mild' },
      { key: 'pinworm', icd: 'B80', onsetDaysAgo: 180, status: 'resolved', abatedDaysAgo: 150 },
    ],
    allergies: [
      {
        allergen: 'milk',
        criticality: 'low',
        onsetDaysAgo: 2700,
        reactions: [
          ['diarrhoea', 'moderate'],
          ['urticaria', 'mild'],
        ],
      },
    ],
    meds: [
      { med: 'med-cetirizine-10mg-drops', dose: 5, tpd: 1, startDaysAgo: 330, cond: 'ad' },
      {
        med: 'med-mebendazole-100mg-tab',
        dose: 100,
        tpd: 1,
        startDaysAgo: 180,
        acuteDays: 1,
        cond: 'pinworm',
        note: '2 haftadan keyin takrorlash.',
      },
    ],
    labs: {
      180: {
        '718-7': 124,
        '6690-2': 7.2,
        '789-8': 4.5,
        '4544-3': 37,
        '777-3': 300,
        '787-2': 82,
        '785-6': 27.5,
        '786-4': 335,
        '770-8': 45,
        '736-9': 43,
      },
    },
  },
  {
    id: 'pt-sherzod-mirzayev',
    facility: 'f1',
    family: 'Mirzayev',
    given: 'Sherzod',
    father: 'Zafar',
    sex: 'male',
    age: 27,
    language: 'uz',
    doctor: ['gp2', 'gp1'],
    visitsDaysAgo: [50, 42, 10],
    marital: 'S',
    vitals: { sys: 122, dia: 76, hr: 68, temp: 36.6, weight: 74, height: 183, spo2: 99, rr: 14 },
    conditions: [
      { key: 'sprain', icd: 'S93.4', onsetDaysAgo: 50, status: 'resolved', abatedDaysAgo: 30 },
      { key: 'caries', icd: 'K02.1', onsetDaysAgo: 10 },
    ],
    allergies: [
      {
        allergen: 'aspirin',
        criticality: 'high',
        onsetDaysAgo: 4000,
        reactions: [['angioedema', 'severe']],
        note: "NYaQV (nosteroid yallig'lanishga qarshi vositalar) tavsiya etilmaydi.",
      },
    ],
    meds: [{ med: 'med-paracetamol-500mg-tab', dose: 500, tpd: 3, startDaysAgo: 50, acuteDays: 7, cond: 'sprain' }],
  },
  {
    id: 'pt-feruza-islomova',
    facility: 'f1',
    family: 'Islomova',
    given: 'Feruza',
    father: 'Nurali',
    sex: 'female',
    age: 55,
    language: 'ru',
    doctor: ['gp1'],
    visitsDaysAgo: [800, 600, 400, 250, 120, 35, 3],
    marital: 'M',
    vitals: { sys: 136, dia: 84, hr: 78, temp: 36.6, weight: 88, height: 161, spo2: 97, rr: 16 },
    vitalsAt: { 400: { sys: 142, dia: 90 } },
    conditions: [
      {
        key: 'dm',
        icd: 'E11.9',
        onsetDaysAgo: 2200,
        status: 'inactive',
        abatedDaysAgo: 600,
        note: 'E11.4 ga almashtirildi.',
      },
      { key: 'dmneuro', icd: 'E11.4', onsetDaysAgo: 600, severity: 'moderate' },
      { key: 'obesity', icd: 'E66.0', onsetDaysAgo: 3000 },
      { key: 'htn', icd: 'I10', onsetDaysAgo: 1500 },
    ],
    allergies: [
      {
        allergen: 'aceInhibitor',
        type: 'intolerance',
        criticality: 'low',
        onsetDaysAgo: 420,
        reactions: [['cough', 'mild']],
      },
    ],
    meds: [
      { med: 'med-metformin-1000mg-ftab', dose: 1000, tpd: 2, startDaysAgo: 800, cond: 'dmneuro' },
      { med: 'med-insulin-glargine-100iu-pen', dose: 18, tpd: 1, startDaysAgo: 600, cond: 'dmneuro', last: 'partial' },
      {
        med: 'med-lisinopril-10mg-tab',
        dose: 10,
        tpd: 1,
        startDaysAgo: 800,
        endDaysAgo: 400,
        cond: 'htn',
        stop: { code: 'sintol', display: 'Suspected intolerance' },
      },
      { med: 'med-losartan-50mg-ftab', dose: 50, tpd: 1, startDaysAgo: 400, cond: 'htn' },
      { med: 'med-pregabalin-75mg-cap', dose: 75, tpd: 2, startDaysAgo: 250, cond: 'dmneuro' },
    ],
    labs: {
      800: { '4548-4': 9.4, '14749-6': 11.2 },
      600: { '4548-4': 8.8, '14749-6': 10.1, '14682-9': 78, '62238-1': 74 },
      400: { '4548-4': 8.0, '14749-6': 8.7, '14647-2': 5.6, '14646-4': 1.1, '22748-8': 3.5, '14927-8': 2.1 },
      250: { '4548-4': 7.6, '14749-6': 7.9 },
      120: { '4548-4': 7.4, '14749-6': 7.6, '14682-9': 80, '62238-1': 72 },
      35: { '4548-4': 7.1, '14749-6': 7.0 },
    },
  },
  {
    id: 'pt-eldor-jorayev',
    facility: 'f2',
    family: "Jo'rayev",
    given: 'Eldor',
    father: 'Sobir',
    sex: 'male',
    age: 19,
    language: 'uz',
    doctor: ['ther', 'cardio1'],
    visitsDaysAgo: [365, 180, 60],
    marital: 'S',
    vitals: { sys: 118, dia: 72, hr: 66, temp: 36.6, weight: 68, height: 179, spo2: 99, rr: 14 },
    conditions: [{ key: 'epilepsy', icd: 'G40.9', onsetDaysAgo: 2000 }],
    allergies: [
      {
        allergen: 'amoxicillin',
        type: 'intolerance',
        criticality: 'low',
        onsetDaysAgo: 3000,
        reactions: [['diarrhoea', 'mild']],
      },
    ],
    meds: [
      { med: 'med-valproate-500mg-mrtab', dose: 500, tpd: 2, startDaysAgo: 365, cond: 'epilepsy', last: 'partial' },
    ],
    labs: { 180: { ...CBC_NORMAL_M, '777-3': 190, '1742-6': 28, '1920-8': 24 } },
  },
];

/** Result of building scenarios. */
export interface ScenarioResult {
  patients: BuiltPatient[];
  resources: FhirResource[];
  partialIds: string[];
  noKnownAllergies?: string;
  noAllergyInformation?: string;
}

const CBC_MEMBERS = ['718-7', '6690-2', '789-8', '4544-3', '777-3', '787-2', '785-6', '786-4', '770-8', '736-9'];
const LIPID_MEMBERS = ['14647-2', '14646-4', '22748-8', '14927-8'];

/** Build the given scenarios against built facilities. */
export function buildScenarios(
  scenarios: readonly Scenario[],
  facilities: ReadonlyMap<FacilityKey, BuiltFacility>,
  todayDay: number,
): ScenarioResult {
  const result: ScenarioResult = { patients: [], resources: [], partialIds: [] };
  for (const sc of scenarios) {
    const fac = facilities.get(sc.facility);
    if (fac === undefined) throw new Error(`scenario ${sc.id} needs facility ${sc.facility}`);
    const rng = createRng(`scenario/${sc.id}`);
    const birthDay = birthDayForAge(rng, todayDay, sc.age);
    const nameOpts: { traditional?: boolean } = {};
    if (sc.traditional === true) nameOpts.traditional = true;
    const name = buildName(
      { family: sc.family, given: sc.given, father: sc.father, sex: sc.sex },
      sc.language,
      nameOpts,
    );
    const spec: Parameters<typeof buildPatient>[0] = {
      id: sc.id,
      facility: sc.facility,
      sex: sc.sex,
      birthDay,
      name,
      gp: sc.doctor,
      pinfl: sc.pinfl ?? 'valid',
      seedLabel: sc.id,
    };
    if (sc.marital !== undefined) spec.maritalStatus = sc.marital;
    const patient = buildPatient(spec, fac, todayDay);
    result.patients.push(patient);
    const token = sc.id.replace(/^pt-/, '');
    const ctx: ClinicalContext = { patientId: sc.id, patientName: name.text, language: sc.language, token };
    const ids = new IdGen(token);
    const out = result.resources;
    const doctor = staffOf(fac, ...sc.doctor);
    const nurse = staffOf(fac, 'nurse');
    const pharmacist = staffOf(fac, 'pharm');
    const labOrg = fac.deptIds.lab ?? fac.id;
    const room = doctor.roomId ?? roomOf(fac, Object.keys(fac.roomIds)[0] ?? '');
    const deptOrg = doctor.organizationId;

    const visits: Visit[] = [...sc.visitsDaysAgo]
      .sort((a, b) => b - a)
      .map((ago) => ({
        day: todayDay - ago,
        min: rng.int(17, 32) * 30,
        encounterId: ids.next('enc', 3),
        roleId: doctor.roleId,
        roleName: doctor.displayName,
      }));
    const firstVisit = visits[0];
    if (firstVisit === undefined) throw new Error(`scenario ${sc.id} has no visits`);
    const visitOn = (day: number): Visit => visits.find((v) => v.day >= day) ?? firstVisit;

    const condIds = new Map<string, string>();
    const condIcd = new Map<string, string>();
    for (const c of sc.conditions) {
      const id = ids.next('cond', 2);
      condIds.set(c.key, id);
      condIcd.set(c.key, c.icd);
      const onsetDay = todayDay - c.onsetDaysAgo;
      const v = visitOn(onsetDay);
      const o: Parameters<typeof condition>[1] = {
        id,
        icd: c.icd,
        onsetDay,
        recorded: { day: v.day, min: v.min + 10 },
        encounterId: v.encounterId,
        roleId: doctor.roleId,
        status: c.status ?? 'active',
        category: c.status === 'resolved' ? 'encounter-diagnosis' : 'problem-list-item',
      };
      if (c.abatedDaysAgo !== undefined) o.abatementDay = todayDay - c.abatedDaysAgo;
      if (c.severity !== undefined) o.severity = c.severity;
      if (c.note !== undefined) o.note = c.note;
      out.push(condition(ctx, o));
    }

    if (sc.allergies === 'no-known-allergy') {
      result.noKnownAllergies = sc.id;
      out.push(
        allergy(ctx, {
          id: ids.next('ai', 2),
          code: { system: CS.snomed, code: '716186003', display: 'No known allergy' },
          text: { uz: "Ma'lum allergiyalar yo'q", ru: 'Аллергия не известна', en: 'No known allergies' },
          type: 'allergy',
          category: 'medication',
          recorded: { day: firstVisit.day, min: firstVisit.min + 5 },
          roleId: doctor.roleId,
          encounterId: firstVisit.encounterId,
        }),
      );
    } else if (sc.allergies === 'not-recorded') {
      result.noAllergyInformation = sc.id;
    } else {
      for (const a of sc.allergies) {
        const al = ALLERGEN[a.allergen];
        const o: Parameters<typeof allergy>[1] = {
          id: ids.next('ai', 2),
          code: al.code,
          text: al.text,
          type: a.type ?? 'allergy',
          category: al.category,
          recorded: { day: firstVisit.day, min: firstVisit.min + 5 },
          roleId: doctor.roleId,
          encounterId: firstVisit.encounterId,
          reactions: a.reactions.map(([m, severity]) => ({ manifestation: MANIFESTATION[m], severity })),
        };
        if (a.criticality !== undefined) o.criticality = a.criticality;
        if (a.onsetDaysAgo !== undefined) o.onsetDay = todayDay - a.onsetDaysAgo;
        if (a.verification !== undefined) o.verification = a.verification;
        if (a.note !== undefined) o.note = a.note;
        out.push(allergy(ctx, o));
      }
    }

    const age = (day: number): number => ageOn(birthDay, day);
    for (const v of visits) {
      const ago = todayDay - v.day;
      const active = sc.conditions.filter(
        (c) =>
          todayDay - c.onsetDaysAgo <= v.day + 1 &&
          (c.abatedDaysAgo === undefined || todayDay - c.abatedDaysAgo >= v.day),
      );
      out.push(
        encounter(ctx, {
          id: v.encounterId,
          when: { day: v.day, min: v.min },
          minutes: 20,
          roleId: v.roleId,
          roleName: v.roleName,
          organizationId: deptOrg,
          locationId: room,
          conditionIds: active.map((c) => condIds.get(c.key) ?? '').filter((x) => x !== ''),
        }),
      );
      const vit: Vitals = { ...sc.vitals, ...(sc.vitalsAt?.[ago] ?? {}) };
      const b = (plus: number): ObsBase => ({
        id: ids.next('obs', 4),
        when: { day: v.day, min: v.min - 8 + plus },
        encounterId: v.encounterId,
        performer: { type: 'PractitionerRole', id: nurse.roleId },
      });
      const jitter = (x: number, sd: number): number => x + rng.normal(0, sd);
      if (age(v.day) >= 7 && vit.sys > 0) out.push(bloodPressure(ctx, b(0), jitter(vit.sys, 3), jitter(vit.dia, 2)));
      out.push(vital(ctx, b(1), 'hr', clamp(jitter(vit.hr, 3), 40, 180)));
      out.push(vital(ctx, b(1), 'temp', jitter(vit.temp, 0.1)));
      out.push(vital(ctx, b(2), 'spo2', clamp(Math.round(jitter(vit.spo2, 0.5)), 80, 100)));
      out.push(vital(ctx, b(2), 'rr', clamp(jitter(vit.rr, 1), 10, 40)));
      const w = vital(ctx, b(3), 'weight', jitter(vit.weight, 0.3));
      const h = vital(ctx, b(3), 'height', vit.height);
      out.push(w, h);
      if (age(v.day) >= 18) out.push(vital(ctx, b(4), 'bmi', vit.weight / (vit.height / 100) ** 2, [w.id, h.id]));

      const labs = sc.labs?.[ago];
      if (labs === undefined) continue;
      const lb = (): ObsBase => ({
        id: ids.next('obs', 4),
        when: { day: v.day, min: v.min - 30 },
        encounterId: v.encounterId,
        performer: { type: 'Organization', id: labOrg },
      });
      const made = new Map<string, string>();
      for (const [loinc, value] of Object.entries(labs)) {
        labTest(loinc);
        const o = labResult(ctx, lb(), loinc, value);
        out.push(o);
        made.set(loinc, o.id);
      }
      for (const [panel, members] of [
        [PANEL.cbc, CBC_MEMBERS],
        [PANEL.lipid, LIPID_MEMBERS],
      ] as const) {
        const memberIds = members.map((m) => made.get(m));
        if (memberIds.every((x): x is string => x !== undefined)) out.push(labPanel(ctx, lb(), panel, memberIds));
      }
    }

    const partialIds: string[] = [];
    const rxRng = rng.fork('rx');
    for (const m of sc.meds) {
      const r: Regimen = { med: m.med, dose: m.dose, timesPerDay: m.tpd, startDay: todayDay - m.startDaysAgo };
      if (m.endDaysAgo !== undefined) r.endDay = todayDay - m.endDaysAgo;
      if (m.acuteDays !== undefined) r.acuteDays = m.acuteDays;
      const cid = condIds.get(m.cond);
      const cicd = condIcd.get(m.cond);
      if (cid !== undefined) r.conditionId = cid;
      if (cicd !== undefined) r.icd = cicd;
      if (m.last !== undefined) r.last = m.last;
      if (m.stop !== undefined) r.stopReason = m.stop;
      if (m.status !== undefined) r.status = m.status;
      if (m.note !== undefined) r.note = m.note;
      prescribeRegimen(
        {
          ctx,
          ids,
          rng: rxRng,
          todayDay,
          visits,
          pharmacistRoleId: pharmacist.roleId,
          pharmacyId: fac.pharmacyId,
          out,
          partialIds,
        },
        r,
      );
    }
    result.partialIds.push(...partialIds);
  }
  return result;
}
