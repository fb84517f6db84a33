/**
 * LOINC laboratory subset with UCUM units and adult reference ranges (SI units, as Uzbek and Russian labs report).
 * English names are LOINC long common names; ranges are typical adult ranges (single range, not sex-specific).
 */
import type { LabTest } from './types.js';
import { uzText } from './fhir.js';

/** LOINC panel codes used as `hasMember` parents. */
export const PANEL = {
  cbc: '58410-2',
  metabolic: '24323-8',
  lipid: '57698-3',
} as const;

type Row = readonly [
  loinc: string,
  en: string,
  ru: string,
  uz: string,
  unit: string,
  unitDisplay: string,
  low: number | null,
  high: number | null,
  decimals: number,
  panel: string | null,
];

// prettier-ignore
const ROWS: readonly Row[] = [
  // CBC (58410-2)
  ['718-7', 'Hemoglobin [Mass/volume] in Blood', 'Гемоглобин', 'Gemoglobin', 'g/L', 'g/L', 120, 160, 0, PANEL.cbc],
  ['6690-2', 'Leukocytes [#/volume] in Blood by Automated count', 'Лейкоциты', 'Leykotsitlar', '10*9/L', '×10⁹/L', 4.0, 9.0, 1, PANEL.cbc],
  ['789-8', 'Erythrocytes [#/volume] in Blood by Automated count', 'Эритроциты', 'Eritrotsitlar', '10*12/L', '×10¹²/L', 3.9, 5.5, 2, PANEL.cbc],
  ['4544-3', 'Hematocrit [Volume Fraction] of Blood by Automated count', 'Гематокрит', 'Gematokrit', '%', '%', 36, 48, 1, PANEL.cbc],
  ['777-3', 'Platelets [#/volume] in Blood by Automated count', 'Тромбоциты', 'Trombotsitlar', '10*9/L', '×10⁹/L', 150, 400, 0, PANEL.cbc],
  ['787-2', 'MCV [Entitic volume] by Automated count', 'Средний объем эритроцита (MCV)', "Eritrotsitning o'rtacha hajmi (MCV)", 'fL', 'fL', 80, 100, 1, PANEL.cbc],
  ['785-6', 'MCH [Entitic mass] by Automated count', 'Среднее содержание гемоглобина в эритроците (MCH)', "Eritrotsitdagi gemoglobinning o'rtacha miqdori (MCH)", 'pg', 'pg', 27, 34, 1, PANEL.cbc],
  ['786-4', 'MCHC [Mass/volume] by Automated count', 'Средняя концентрация гемоглобина в эритроците (MCHC)', "Eritrotsitdagi gemoglobinning o'rtacha konsentratsiyasi (MCHC)", 'g/L', 'g/L', 320, 360, 0, PANEL.cbc],
  ['770-8', 'Neutrophils/100 leukocytes in Blood by Automated count', 'Нейтрофилы, %', 'Neytrofillar, %', '%', '%', 47, 72, 1, PANEL.cbc],
  ['736-9', 'Lymphocytes/100 leukocytes in Blood by Automated count', 'Лимфоциты, %', 'Limfotsitlar, %', '%', '%', 19, 37, 1, PANEL.cbc],
  ['30341-2', 'Erythrocyte sedimentation rate', 'Скорость оседания эритроцитов (СОЭ)', "Eritrotsitlarning cho'kish tezligi (ECHT)", 'mm/h', 'mm/soat', 2, 15, 0, null],
  // Comprehensive metabolic panel (24323-8)
  ['14749-6', 'Glucose [Moles/volume] in Serum or Plasma', 'Глюкоза', 'Glyukoza', 'mmol/L', 'mmol/L', 3.9, 6.1, 1, PANEL.metabolic],
  ['22664-7', 'Urea [Moles/volume] in Serum or Plasma', 'Мочевина', 'Mochevina', 'mmol/L', 'mmol/L', 2.5, 8.3, 1, PANEL.metabolic],
  ['14682-9', 'Creatinine [Moles/volume] in Serum or Plasma', 'Креатинин', 'Kreatinin', 'umol/L', 'µmol/L', 53, 106, 0, PANEL.metabolic],
  ['2951-2', 'Sodium [Moles/volume] in Serum or Plasma', 'Натрий', 'Natriy', 'mmol/L', 'mmol/L', 136, 145, 0, PANEL.metabolic],
  ['2823-3', 'Potassium [Moles/volume] in Serum or Plasma', 'Калий', 'Kaliy', 'mmol/L', 'mmol/L', 3.5, 5.1, 1, PANEL.metabolic],
  ['2075-0', 'Chloride [Moles/volume] in Serum or Plasma', 'Хлориды', 'Xloridlar', 'mmol/L', 'mmol/L', 98, 107, 0, PANEL.metabolic],
  ['2000-8', 'Calcium [Moles/volume] in Serum or Plasma', 'Кальций общий', 'Umumiy kalsiy', 'mmol/L', 'mmol/L', 2.15, 2.55, 2, PANEL.metabolic],
  ['2885-2', 'Protein [Mass/volume] in Serum or Plasma', 'Общий белок', 'Umumiy oqsil', 'g/L', 'g/L', 64, 83, 0, PANEL.metabolic],
  ['1751-7', 'Albumin [Mass/volume] in Serum or Plasma', 'Альбумин', 'Albumin', 'g/L', 'g/L', 35, 52, 0, PANEL.metabolic],
  ['14631-6', 'Bilirubin.total [Moles/volume] in Serum or Plasma', 'Билирубин общий', 'Umumiy bilirubin', 'umol/L', 'µmol/L', 3.4, 20.5, 1, PANEL.metabolic],
  ['6768-6', 'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma', 'Щелочная фосфатаза', 'Ishqoriy fosfataza', 'U/L', 'U/L', 40, 130, 0, PANEL.metabolic],
  ['1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'Аланинаминотрансфераза (АЛТ)', 'Alaninaminotransferaza (ALT)', 'U/L', 'U/L', 0, 41, 0, PANEL.metabolic],
  ['1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'Аспартатаминотрансфераза (АСТ)', 'Aspartataminotransferaza (AST)', 'U/L', 'U/L', 0, 40, 0, PANEL.metabolic],
  // Lipid panel (57698-3)
  ['14647-2', 'Cholesterol [Moles/volume] in Serum or Plasma', 'Холестерин общий', 'Umumiy xolesterin', 'mmol/L', 'mmol/L', null, 5.2, 2, PANEL.lipid],
  ['14646-4', 'Cholesterol in HDL [Moles/volume] in Serum or Plasma', 'Холестерин ЛПВП', 'YuZLP xolesterini', 'mmol/L', 'mmol/L', 1.0, null, 2, PANEL.lipid],
  ['22748-8', 'Cholesterol in LDL [Moles/volume] in Serum or Plasma', 'Холестерин ЛПНП', 'PZLP xolesterini', 'mmol/L', 'mmol/L', null, 3.0, 2, PANEL.lipid],
  ['14927-8', 'Triglyceride [Moles/volume] in Serum or Plasma', 'Триглицериды', 'Triglitseridlar', 'mmol/L', 'mmol/L', null, 1.7, 2, PANEL.lipid],
  // Other chemistry
  ['4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', 'Гликированный гемоглобин (HbA1c)', 'Glikirlangan gemoglobin (HbA1c)', '%', '%', 4.0, 6.0, 1, null],
  ['62238-1', 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)', 'Скорость клубочковой фильтрации (CKD-EPI)', 'Koptokchalar filtratsiyasi tezligi (CKD-EPI)', 'mL/min/{1.73_m2}', 'mL/min/1.73 m²', 90, null, 0, null],
  ['2324-2', 'Gamma glutamyl transferase [Enzymatic activity/volume] in Serum or Plasma', 'Гамма-глутамилтрансфераза (ГГТ)', 'Gamma-glutamiltransferaza (GGT)', 'U/L', 'U/L', 0, 55, 0, null],
  ['14933-6', 'Urate [Moles/volume] in Serum or Plasma', 'Мочевая кислота', 'Siydik kislotasi', 'umol/L', 'µmol/L', 202, 416, 0, null],
  ['1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma', 'С-реактивный белок', 'C-reaktiv oqsil', 'mg/L', 'mg/L', 0, 5, 1, null],
  ['3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', 'Тиреотропный гормон (ТТГ)', 'Tireotrop gormon (TTG)', 'm[IU]/L', 'mIU/L', 0.4, 4.0, 2, null],
  ['14920-3', 'Thyroxine (T4) free [Moles/volume] in Serum or Plasma', 'Тироксин свободный (свТ4)', 'Erkin tiroksin (erkin T4)', 'pmol/L', 'pmol/L', 12, 22, 1, null],
  ['6301-6', 'INR in Platelet poor plasma by Coagulation assay', 'Международное нормализованное отношение (МНО)', 'Xalqaro normallashtirilgan nisbat (XNN)', '{INR}', 'INR', 0.8, 1.2, 2, null],
  ['2276-4', 'Ferritin [Mass/volume] in Serum or Plasma', 'Ферритин', 'Ferritin', 'ug/L', 'µg/L', 30, 400, 0, null],
  ['14798-3', 'Iron [Moles/volume] in Serum or Plasma', 'Железо сывороточное', 'Zardobdagi temir', 'umol/L', 'µmol/L', 10, 30, 1, null],
  ['1989-3', '25-Hydroxyvitamin D3+25-Hydroxyvitamin D2 [Mass/volume] in Serum or Plasma', 'Витамин D (25-OH)', 'D vitamini (25-OH)', 'ng/mL', 'ng/mL', 30, 100, 0, null],
  ['2132-9', 'Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma', 'Витамин B12 (цианокобаламин)', 'B12 vitamini (sianokobalamin)', 'pg/mL', 'pg/mL', 200, 900, 0, null],
  ['2857-1', 'Prostate specific Ag [Mass/volume] in Serum or Plasma', 'Простатспецифический антиген (ПСА) общий', 'Prostata-spetsifik antigen (PSA), umumiy', 'ng/mL', 'ng/mL', 0, 4, 2, null],
  ['9318-7', 'Albumin/Creatinine [Mass Ratio] in Urine', 'Альбумин/креатинин в моче', 'Siydikdagi albumin/kreatinin nisbati', 'mg/g', 'mg/g', 0, 30, 0, null],
  ['5811-5', 'Specific gravity of Urine by Test strip', 'Относительная плотность мочи', 'Siydikning nisbiy zichligi', '1', '', 1.005, 1.03, 3, null],
];

const PANELS: readonly (readonly [string, string, string, string])[] = [
  [PANEL.cbc, 'CBC panel - Blood by Automated count', 'Общий анализ крови', 'Umumiy qon tahlili'],
  [
    PANEL.metabolic,
    'Comprehensive metabolic 2000 panel - Serum or Plasma',
    'Биохимический анализ крови',
    'Qonning bioximik tahlili',
  ],
  [PANEL.lipid, 'Lipid panel with direct LDL - Serum or Plasma', 'Липидограмма', 'Lipidogramma'],
];

/** All lab tests of the demo subset: members first, then the three panels. */
export const LAB_TESTS: readonly LabTest[] = [
  ...ROWS.map(([loinc, en, ru, uz, unit, unitDisplay, low, high, decimals, panel]) => {
    const t: LabTest = { loinc, display: { uz: uzText(uz), ru, en }, unit, unitDisplay, decimals };
    if (low !== null) t.low = low;
    if (high !== null) t.high = high;
    if (panel !== null) t.panel = panel;
    return t;
  }),
  ...PANELS.map(([loinc, en, ru, uz]) => ({
    loinc,
    display: { uz: uzText(uz), ru, en },
    decimals: 0,
    members: ROWS.filter((r) => r[9] === loinc).map((r) => r[0]),
  })),
];

const BY_CODE = new Map(LAB_TESTS.map((t) => [t.loinc, t]));

/** The test for a LOINC code; throws when not in the subset. */
export function labTest(loinc: string): LabTest {
  const t = BY_CODE.get(loinc);
  if (t === undefined) throw new Error(`LOINC ${loinc} is not in the seed subset`);
  return t;
}
