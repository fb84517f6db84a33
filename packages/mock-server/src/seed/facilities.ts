/**
 * Three demo facilities with departments (Organization partOf), a pharmacy, Locations (building, waiting room,
 * registry, rooms) and staff (Practitioner + PractitionerRole) in every role. All names, tax ids and people
 * are fictional; see SOURCES.md for which codes are real.
 */
import type { FacilitySummary, FhirResource, Text3, UserRole } from './types.js';
import { CS, PROFILE, SID } from './constants.js';
import { coding, concept, identifier, meta, ref, translations, uzText } from './fhir.js';
import { buildName, humanName, type Sex } from './names.js';
import { buildPinfl } from './pinfl.js';
import { createRng } from './rng.js';
import { dayOf, isoDate, yearsBefore } from './time.js';

/** Facility keys. */
export type FacilityKey = 'f1' | 'f2' | 'f3';

/** A text with optional Karakalpak. */
type Named = Text3 & { kaa?: string };

const n = (uz: string, ru: string, en: string, kaa?: string): Named =>
  kaa === undefined ? { uz: uzText(uz), ru, en } : { uz: uzText(uz), ru, en, kaa };

/** Positions (position-and-profession-cs). 2212.14 is from the IG example; the other codes are invented. */
const POSITION = {
  gp: ['2211.01', n('Umumiy amaliyot shifokori', 'Врач общей практики', 'General practitioner')],
  therapist: ['2212.60', n('Vrach terapevt', 'Врач-терапевт', 'Internist')],
  gyn: ['2212.14', n('Vrach ginekolog', 'Врач-гинеколог', 'Gynaecologist')],
  dentist: ['2261.01', n('Vrach stomatolog', 'Врач-стоматолог', 'Dentist')],
  ped: ['2212.27', n('Vrach pediatr', 'Врач-педиатр', 'Paediatrician')],
  cardio: ['2212.19', n('Vrach kardiolog', 'Врач-кардиолог', 'Cardiologist')],
  surgeon: ['2212.45', n('Vrach xirurg', 'Врач-хирург', 'Surgeon')],
  nurse: ['3221.01', n('Hamshira', 'Медицинская сестра', 'Nurse')],
  lab: ['3212.01', n('Laborant', 'Лаборант', 'Laboratory technician')],
  registrar: ['4226.01', n('Registrator', 'Медицинский регистратор', 'Medical registrar')],
  pharmacist: ['2262.01', n('Provizor', 'Провизор', 'Pharmacist')],
  admin: [
    '2522.01',
    n("Axborot tizimlari ma'muri", 'Администратор информационных систем', 'Information systems administrator'),
  ],
} as const;

/** Specialties (profession-specialization-cs uses SNOMED CT specialty codes, as the IG example does). */
const SPECIALTY = {
  family: ['419772000', n('Oilaviy tibbiyot', 'Семейная медицина', 'Family practice')],
  internal: ['394802001', n('Ichki kasalliklar', 'Терапия', 'General medicine')],
  obgyn: ['394585009', n('Akusherlik va ginekologiya', 'Акушерство и гинекология', 'Obstetrics and gynecology')],
  dental: ['394812008', n('Stomatologiya', 'Стоматология', 'Dental medicine specialties')],
  ped: ['394537008', n('Pediatriya', 'Педиатрия', 'Pediatric specialty')],
  cardio: ['394579002', n('Kardiologiya', 'Кардиология', 'Cardiology')],
  surgery: ['394609007', n('Umumiy jarrohlik', 'Общая хирургия', 'General surgery')],
} as const;

type PositionKey = keyof typeof POSITION;
type SpecialtyKey = keyof typeof SPECIALTY;

/** A staff member definition. */
interface StaffDef {
  key: string;
  username: string;
  role: UserRole;
  family: string;
  given: string;
  father: string;
  sex: Sex;
  birthYear: number;
  position: PositionKey;
  specialty?: SpecialtyKey;
  /** Department key, `pharmacy`, or `facility`. */
  org: string;
  room?: string;
  /** Qualification text (speciality, category, role) for the specialist certificate. */
  cert?: Named;
}

interface DeptDef {
  key: string;
  name: Named;
}

interface RoomDef {
  key: string;
  label: string;
  purpose: Named;
  dept: string;
  physical?: 'ro' | 'wa';
}

interface FacilityDef {
  key: FacilityKey;
  id: string;
  slug: string;
  name: Named;
  taxId: string;
  argosId: string;
  shifId?: string;
  hospital: boolean;
  address: { line: string; city: string; district: string; state: string; lat: number; lon: number };
  phone: string;
  depts: readonly DeptDef[];
  pharmacy: { name: Named; taxId?: string; partOfFacility: boolean; line: string };
  rooms: readonly RoomDef[];
  staff: readonly StaffDef[];
}

const CAT = {
  doctor: (spec: Named, cat: 'oliy' | 'birinchi' | 'ikkinchi'): Named => {
    const ru = cat === 'oliy' ? 'высшая' : cat === 'birinchi' ? 'первая' : 'вторая';
    const en = cat === 'oliy' ? 'higher' : cat === 'birinchi' ? 'first' : 'second';
    return n(
      `${spec.uz}, ${cat} toifa, shifokor`,
      `${spec.ru}, ${ru} категория, врач`,
      `${spec.en}, ${en} category, doctor`,
    );
  },
  nurse: n(
    'Hamshiralik ishi, birinchi toifa, hamshira',
    'Сестринское дело, первая категория, медицинская сестра',
    'Nursing, first category, nurse',
  ),
  lab: n(
    'Laboratoriya ishi, ikkinchi toifa, laborant',
    'Лабораторное дело, вторая категория, лаборант',
    'Laboratory diagnostics, second category, laboratory technician',
  ),
  pharm: n(
    'Farmatsiya, oliy toifa, provizor',
    'Фармация, высшая категория, провизор',
    'Pharmacy, higher category, pharmacist',
  ),
};

/** The three facilities. */
const FACILITIES: readonly FacilityDef[] = [
  {
    key: 'f1',
    id: 'org-yunusobod-polyclinic',
    slug: 'yunusobod',
    name: n(
      'Yunusobod tumani 41-son oilaviy poliklinikasi',
      'Семейная поликлиника №41 Юнусабадского района',
      'Family Polyclinic No. 41, Yunusobod District',
    ),
    taxId: '207154321',
    argosId: '10441',
    shifId: 'TSH000041',
    hospital: false,
    address: {
      line: "Bog'ishamol ko'chasi, 12",
      city: '26600012',
      district: '1726266',
      state: '1726',
      lat: 41.3668,
      lon: 69.2912,
    },
    phone: '+998712344141',
    depts: [
      {
        key: 'gp',
        name: n("Umumiy amaliyot bo'limi", 'Отделение общей врачебной практики', 'General practice department'),
      },
      { key: 'ped', name: n("Pediatriya bo'limi", 'Педиатрическое отделение', 'Paediatrics department') },
      {
        key: 'lab',
        name: n(
          'Klinik-diagnostika laboratoriyasi',
          'Клинико-диагностическая лаборатория',
          'Clinical diagnostic laboratory',
        ),
      },
    ],
    pharmacy: {
      name: n(
        '"Salomat-Farm" MChJ 3-son dorixonasi',
        'Аптека №3 ООО «Саломат-Фарм»',
        '"Salomat-Farm" LLC Pharmacy No. 3',
      ),
      taxId: '306445566',
      partOfFacility: false,
      line: "Bog'ishamol ko'chasi, 14",
    },
    rooms: [
      {
        key: 'r101',
        label: '101',
        purpose: n('Umumiy amaliyot shifokori qabuli', 'Приём врача общей практики', 'General practitioner'),
        dept: 'gp',
      },
      {
        key: 'r102',
        label: '102',
        purpose: n('Umumiy amaliyot shifokori qabuli', 'Приём врача общей практики', 'General practitioner'),
        dept: 'gp',
      },
      { key: 'r103', label: '103', purpose: n('Ginekolog qabuli', 'Приём гинеколога', 'Gynaecologist'), dept: 'gp' },
      { key: 'r104', label: '104', purpose: n('Muolaja xonasi', 'Процедурный кабинет', 'Treatment room'), dept: 'gp' },
      { key: 'r105', label: '105', purpose: n('Stomatolog qabuli', 'Приём стоматолога', 'Dentist'), dept: 'gp' },
      {
        key: 'r110',
        label: '110',
        purpose: n('Qon olish xonasi', 'Кабинет забора крови', 'Blood sampling room'),
        dept: 'lab',
      },
      { key: 'r201', label: '201', purpose: n('Pediatr qabuli', 'Приём педиатра', 'Paediatrician'), dept: 'ped' },
      { key: 'r202', label: '202', purpose: n('Pediatr qabuli', 'Приём педиатра', 'Paediatrician'), dept: 'ped' },
    ],
    staff: [
      {
        key: 'gp1',
        username: 'doctor',
        role: 'doctor',
        family: 'Azimov',
        given: 'Bahodir',
        father: 'Rustam',
        sex: 'male',
        birthYear: 1979,
        position: 'gp',
        specialty: 'family',
        org: 'gp',
        room: 'r101',
        cert: CAT.doctor(SPECIALTY.family[1], 'oliy'),
      },
      {
        key: 'gp2',
        username: 'therapist',
        role: 'doctor',
        family: 'Yusupova',
        given: 'Malika',
        father: 'Erkin',
        sex: 'female',
        birthYear: 1986,
        position: 'gp',
        specialty: 'family',
        org: 'gp',
        room: 'r102',
        cert: CAT.doctor(SPECIALTY.family[1], 'birinchi'),
      },
      {
        key: 'gyn',
        username: 'gynecologist',
        role: 'doctor',
        family: 'Saidova',
        given: 'Nigora',
        father: 'Alisher',
        sex: 'female',
        birthYear: 1975,
        position: 'gyn',
        specialty: 'obgyn',
        org: 'gp',
        room: 'r103',
        cert: CAT.doctor(SPECIALTY.obgyn[1], 'oliy'),
      },
      {
        key: 'dent',
        username: 'dentist',
        role: 'doctor',
        family: 'Ergashev',
        given: 'Sardor',
        father: 'Komil',
        sex: 'male',
        birthYear: 1990,
        position: 'dentist',
        specialty: 'dental',
        org: 'gp',
        room: 'r105',
        cert: CAT.doctor(SPECIALTY.dental[1], 'ikkinchi'),
      },
      {
        key: 'ped',
        username: 'pediatrician',
        role: 'doctor',
        family: 'Nazarova',
        given: 'Feruza',
        father: 'Botir',
        sex: 'female',
        birthYear: 1982,
        position: 'ped',
        specialty: 'ped',
        org: 'ped',
        room: 'r201',
        cert: CAT.doctor(SPECIALTY.ped[1], 'birinchi'),
      },
      {
        key: 'nurse',
        username: 'nurse',
        role: 'nurse',
        family: 'Tursunova',
        given: 'Zilola',
        father: 'Ravshan',
        sex: 'female',
        birthYear: 1992,
        position: 'nurse',
        org: 'gp',
        room: 'r104',
        cert: CAT.nurse,
      },
      {
        key: 'lab',
        username: 'lab',
        role: 'nurse',
        family: 'Islomova',
        given: 'Sitora',
        father: 'Murod',
        sex: 'female',
        birthYear: 1995,
        position: 'lab',
        org: 'lab',
        room: 'r110',
        cert: CAT.lab,
      },
      {
        key: 'reg',
        username: 'registrar',
        role: 'registrar',
        family: 'Hamidova',
        given: 'Dildora',
        father: 'Sobir',
        sex: 'female',
        birthYear: 1997,
        position: 'registrar',
        org: 'facility',
      },
      {
        key: 'pharm',
        username: 'pharmacist',
        role: 'pharmacist',
        family: 'Sultonov',
        given: 'Javlon',
        father: 'Ilhom',
        sex: 'male',
        birthYear: 1988,
        position: 'pharmacist',
        org: 'pharmacy',
        cert: CAT.pharm,
      },
      {
        key: 'admin',
        username: 'admin',
        role: 'admin',
        family: 'Mirzayev',
        given: 'Otabek',
        father: 'Farhod',
        sex: 'male',
        birthYear: 1985,
        position: 'admin',
        org: 'facility',
      },
    ],
  },
  {
    key: 'f2',
    id: 'org-tashkent-city-hospital',
    slug: 'tashkent-hospital',
    name: n(
      "Toshkent shahar ko'p tarmoqli klinik shifoxonasi",
      'Ташкентская городская многопрофильная клиническая больница',
      'Tashkent City Multidisciplinary Clinical Hospital',
    ),
    taxId: '201987654',
    argosId: '10217',
    shifId: 'TSH000217',
    hospital: true,
    address: {
      line: "Bunyodkor shoh ko'chasi, 50",
      city: '29400021',
      district: '1726294',
      state: '1726',
      lat: 41.2787,
      lon: 69.2036,
    },
    phone: '+998712770217',
    depts: [
      {
        key: 'cardio',
        name: n(
          "Kardiologiya va ichki kasalliklar bo'limi",
          'Отделение кардиологии и внутренних болезней',
          'Cardiology and internal medicine department',
        ),
      },
      { key: 'surgery', name: n("Umumiy jarrohlik bo'limi", 'Отделение общей хирургии', 'General surgery department') },
      { key: 'lab', name: n('Klinik laboratoriya', 'Клиническая лаборатория', 'Clinical laboratory') },
    ],
    pharmacy: {
      name: n('Shifoxona dorixonasi', 'Больничная аптека', 'Hospital pharmacy'),
      partOfFacility: true,
      line: "Bunyodkor shoh ko'chasi, 50, A-bino",
    },
    rooms: [
      { key: 'r201', label: '201', purpose: n('Kardiolog qabuli', 'Приём кардиолога', 'Cardiologist'), dept: 'cardio' },
      { key: 'r202', label: '202', purpose: n('Kardiolog qabuli', 'Приём кардиолога', 'Cardiologist'), dept: 'cardio' },
      { key: 'r204', label: '204', purpose: n('Terapevt qabuli', 'Приём терапевта', 'Internist'), dept: 'cardio' },
      {
        key: 'r205',
        label: '205',
        purpose: n('Muolaja xonasi', 'Процедурный кабинет', 'Treatment room'),
        dept: 'cardio',
      },
      { key: 'r301', label: '301', purpose: n('Jarroh qabuli', 'Приём хирурга', 'Surgeon'), dept: 'surgery' },
      {
        key: 'r105',
        label: '105',
        purpose: n('Qon olish xonasi', 'Кабинет забора крови', 'Blood sampling room'),
        dept: 'lab',
      },
      {
        key: 'ward',
        label: '12',
        purpose: n('Kardiologiya palatasi', 'Кардиологическая палата', 'Cardiology ward'),
        dept: 'cardio',
        physical: 'wa',
      },
    ],
    staff: [
      {
        key: 'cardio1',
        username: 'doctor2',
        role: 'doctor',
        family: 'Xolmatov',
        given: 'Shuhrat',
        father: 'Akmal',
        sex: 'male',
        birthYear: 1976,
        position: 'cardio',
        specialty: 'cardio',
        org: 'cardio',
        room: 'r201',
        cert: CAT.doctor(SPECIALTY.cardio[1], 'oliy'),
      },
      {
        key: 'cardio2',
        username: 'cardiologist2',
        role: 'doctor',
        family: 'Umarova',
        given: 'Madina',
        father: 'Rustam',
        sex: 'female',
        birthYear: 1987,
        position: 'cardio',
        specialty: 'cardio',
        org: 'cardio',
        room: 'r202',
        cert: CAT.doctor(SPECIALTY.cardio[1], 'birinchi'),
      },
      {
        key: 'ther',
        username: 'therapist2',
        role: 'doctor',
        family: 'Abdullayev',
        given: 'Sanjar',
        father: 'Zafar',
        sex: 'male',
        birthYear: 1983,
        position: 'therapist',
        specialty: 'internal',
        org: 'cardio',
        room: 'r204',
        cert: CAT.doctor(SPECIALTY.internal[1], 'birinchi'),
      },
      {
        key: 'surgeon',
        username: 'surgeon2',
        role: 'doctor',
        family: 'Boboyev',
        given: 'Jamshid',
        father: "Ulug'bek",
        sex: 'male',
        birthYear: 1978,
        position: 'surgeon',
        specialty: 'surgery',
        org: 'surgery',
        room: 'r301',
        cert: CAT.doctor(SPECIALTY.surgery[1], 'oliy'),
      },
      {
        key: 'nurse',
        username: 'nurse2',
        role: 'nurse',
        family: 'Qodirova',
        given: 'Mohira',
        father: 'Ilhom',
        sex: 'female',
        birthYear: 1991,
        position: 'nurse',
        org: 'cardio',
        room: 'r205',
        cert: CAT.nurse,
      },
      {
        key: 'lab',
        username: 'lab2',
        role: 'nurse',
        family: 'Normatova',
        given: 'Barno',
        father: 'Karim',
        sex: 'female',
        birthYear: 1994,
        position: 'lab',
        org: 'lab',
        room: 'r105',
        cert: CAT.lab,
      },
      {
        key: 'reg',
        username: 'registrar2',
        role: 'registrar',
        family: 'Sobirova',
        given: 'Kamola',
        father: 'Davron',
        sex: 'female',
        birthYear: 1999,
        position: 'registrar',
        org: 'facility',
      },
      {
        key: 'pharm',
        username: 'pharmacist2',
        role: 'pharmacist',
        family: 'Safarov',
        given: 'Aziz',
        father: 'Nodir',
        sex: 'male',
        birthYear: 1984,
        position: 'pharmacist',
        org: 'pharmacy',
        cert: CAT.pharm,
      },
      {
        key: 'admin',
        username: 'admin2',
        role: 'admin',
        family: 'Olimov',
        given: 'Temur',
        father: 'Bahodir',
        sex: 'male',
        birthYear: 1989,
        position: 'admin',
        org: 'facility',
      },
    ],
  },
  {
    key: 'f3',
    id: 'org-nukus-polyclinic',
    slug: 'nukus',
    name: n(
      'Nukus shahar 3-son oilaviy poliklinikasi',
      'Семейная поликлиника №3 города Нукуса',
      'Family Polyclinic No. 3, Nukus',
      'Nókis qalası 3-sanlı shańaraqlıq poliklinikası',
    ),
    taxId: '305112233',
    argosId: '35003',
    hospital: false,
    address: {
      line: "Berdaq ko'chasi, 41",
      city: '40100025',
      district: '1735401',
      state: '1735',
      lat: 42.4611,
      lon: 59.6103,
    },
    phone: '+998612225003',
    depts: [
      {
        key: 'gp',
        name: n(
          "Umumiy amaliyot bo'limi",
          'Отделение общей врачебной практики',
          'General practice department',
          'Ulıwma ámeliyat bólimi',
        ),
      },
      {
        key: 'ped',
        name: n("Pediatriya bo'limi", 'Педиатрическое отделение', 'Paediatrics department', 'Pediatriya bólimi'),
      },
      { key: 'lab', name: n('Laboratoriya', 'Лаборатория', 'Laboratory', 'Laboratoriya') },
    ],
    pharmacy: {
      name: n(
        '"Nukus-Farm" MChJ dorixonasi',
        'Аптека ООО «Нукус-Фарм»',
        '"Nukus-Farm" LLC Pharmacy',
        '"Nókis-Farm" JShJ dárixanası',
      ),
      taxId: '307001122',
      partOfFacility: false,
      line: "Berdaq ko'chasi, 39",
    },
    rooms: [
      {
        key: 'r11',
        label: '11',
        purpose: n('Umumiy amaliyot shifokori qabuli', 'Приём врача общей практики', 'General practitioner'),
        dept: 'gp',
      },
      {
        key: 'r12',
        label: '12',
        purpose: n('Umumiy amaliyot shifokori qabuli', 'Приём врача общей практики', 'General practitioner'),
        dept: 'gp',
      },
      { key: 'r14', label: '14', purpose: n('Muolaja xonasi', 'Процедурный кабинет', 'Treatment room'), dept: 'gp' },
      { key: 'r15', label: '15', purpose: n('Stomatolog qabuli', 'Приём стоматолога', 'Dentist'), dept: 'gp' },
      { key: 'r21', label: '21', purpose: n('Pediatr qabuli', 'Приём педиатра', 'Paediatrician'), dept: 'ped' },
      {
        key: 'r5',
        label: '5',
        purpose: n('Qon olish xonasi', 'Кабинет забора крови', 'Blood sampling room'),
        dept: 'lab',
      },
    ],
    staff: [
      {
        key: 'gp1',
        username: 'doctor3',
        role: 'doctor',
        family: 'Jumabayev',
        given: 'Ernazar',
        father: 'Seytmurat',
        sex: 'male',
        birthYear: 1981,
        position: 'gp',
        specialty: 'family',
        org: 'gp',
        room: 'r11',
        cert: CAT.doctor(SPECIALTY.family[1], 'birinchi'),
      },
      {
        key: 'gp2',
        username: 'therapist3',
        role: 'doctor',
        family: 'Qurbanbayeva',
        given: 'Aysulu',
        father: 'Alisher',
        sex: 'female',
        birthYear: 1988,
        position: 'gp',
        specialty: 'family',
        org: 'gp',
        room: 'r12',
        cert: CAT.doctor(SPECIALTY.family[1], 'ikkinchi'),
      },
      {
        key: 'ped',
        username: 'pediatrician3',
        role: 'doctor',
        family: "O'tepova",
        given: 'Gulnara',
        father: 'Baxit',
        sex: 'female',
        birthYear: 1980,
        position: 'ped',
        specialty: 'ped',
        org: 'ped',
        room: 'r21',
        cert: CAT.doctor(SPECIALTY.ped[1], 'oliy'),
      },
      {
        key: 'dent',
        username: 'dentist3',
        role: 'doctor',
        family: 'Allamuratov',
        given: 'Ruslan',
        father: 'Temir',
        sex: 'male',
        birthYear: 1986,
        position: 'dentist',
        specialty: 'dental',
        org: 'gp',
        room: 'r15',
        cert: CAT.doctor(SPECIALTY.dental[1], 'birinchi'),
      },
      {
        key: 'nurse',
        username: 'nurse3',
        role: 'nurse',
        family: 'Dauletova',
        given: 'Zamira',
        father: 'Ajiniyaz',
        sex: 'female',
        birthYear: 1993,
        position: 'nurse',
        org: 'gp',
        room: 'r14',
        cert: CAT.nurse,
      },
      {
        key: 'lab',
        username: 'lab3',
        role: 'nurse',
        family: 'Kalimbetova',
        given: 'Venera',
        father: 'Ergash',
        sex: 'female',
        birthYear: 1990,
        position: 'lab',
        org: 'lab',
        room: 'r5',
        cert: CAT.lab,
      },
      {
        key: 'reg',
        username: 'registrar3',
        role: 'registrar',
        family: 'Tleuova',
        given: 'Aygul',
        father: 'Berdaq',
        sex: 'female',
        birthYear: 1998,
        position: 'registrar',
        org: 'facility',
      },
      {
        key: 'pharm',
        username: 'pharmacist3',
        role: 'pharmacist',
        family: 'Seytmuratov',
        given: 'Nurlan',
        father: 'Jaksilik',
        sex: 'male',
        birthYear: 1985,
        position: 'pharmacist',
        org: 'pharmacy',
        cert: CAT.pharm,
      },
      {
        key: 'admin',
        username: 'admin3',
        role: 'admin',
        family: 'Ismailov',
        given: 'Marat',
        father: 'Kuanish',
        sex: 'male',
        birthYear: 1984,
        position: 'admin',
        org: 'facility',
      },
    ],
  },
];

/** Staff kept in the `minimal` seed (one per role). */
const MINIMAL_STAFF = new Set(['gp1', 'nurse', 'reg', 'pharm', 'admin']);

/** A built staff member, as other parts of the seed need it. */
export interface StaffRef {
  key: string;
  username: string;
  role: UserRole;
  practitionerId: string;
  roleId: string;
  displayName: string;
  organizationId: string;
  roomId?: string;
}

/** A built facility. */
export interface BuiltFacility {
  key: FacilityKey;
  id: string;
  slug: string;
  name: Text3;
  address: string;
  deptIds: Readonly<Record<string, string>>;
  pharmacyId: string;
  buildingId: string;
  waitingRoomId: string;
  registryId: string;
  roomIds: Readonly<Record<string, string>>;
  staff: Readonly<Record<string, StaffRef>>;
  summary: FacilitySummary;
  resources: FhirResource[];
}

/** Staff member by key, falling back to other keys when the (minimal) seed left it out. */
export function staffOf(f: BuiltFacility, ...keys: string[]): StaffRef {
  for (const k of keys) {
    const s = f.staff[k];
    if (s !== undefined) return s;
  }
  throw new Error(`facility ${f.id} has none of the staff ${keys.join(', ')}`);
}

/** Room id by key; throws when unknown. */
export function roomOf(f: BuiltFacility, key: string): string {
  const id = f.roomIds[key];
  if (id === undefined) throw new Error(`facility ${f.id} has no room ${key}`);
  return id;
}

function nameExt(name: Named): Record<string, unknown> {
  return translations({ ru: name.ru, kaa: name.kaa, en: name.en });
}

function organization(id: string, name: Named, extra: Record<string, unknown>): FhirResource {
  return {
    resourceType: 'Organization',
    id,
    meta: meta(PROFILE.organization),
    language: 'uz',
    ...extra,
    name: name.uz,
    _name: nameExt(name),
  };
}

function location(
  id: string,
  name: Named,
  physical: string,
  physicalDisplay: string,
  extra: Record<string, unknown>,
): FhirResource {
  return {
    resourceType: 'Location',
    id,
    meta: meta(PROFILE.location),
    language: 'uz',
    status: 'active',
    name: name.uz,
    _name: nameExt(name),
    mode: 'instance',
    physicalType: concept(CS.locationPhysicalType, physical, physicalDisplay),
    ...extra,
  };
}

/** Build the given facilities (all staff for `demo`, one per role for `minimal`). */
export function buildFacilities(keys: readonly FacilityKey[], todayDay: number, minimal: boolean): BuiltFacility[] {
  return FACILITIES.filter((f) => keys.includes(f.key)).map((def) => buildFacility(def, todayDay, minimal));
}

function buildFacility(def: FacilityDef, todayDay: number, minimal: boolean): BuiltFacility {
  const rng = createRng(`facility/${def.key}`);
  const resources: FhirResource[] = [];
  const ids = (suffix: string): string => `${def.id}-${suffix}`;
  const addressLine = uzText(def.address.line);
  const address = {
    use: 'work',
    type: 'physical',
    line: [addressLine],
    city: def.address.city,
    district: def.address.district,
    state: def.address.state,
    country: 'UZ',
  };
  const identifiers: unknown[] = [
    identifier(SID.orgTax, def.taxId, 'TAX', 'official', 'Tax ID number'),
    identifier(SID.orgArgos, def.argosId, 'XX', 'official', 'Organization Identifier'),
  ];
  if (def.shifId !== undefined)
    identifiers.push(identifier(SID.orgShif, def.shifId, 'PRN', 'official', 'Provider number'));
  const typeCodings = def.hospital
    ? [
        coding(CS.organizationTypesUz, 'I', 'Boshqaruv boyicha taqsimlanishi'),
        coding(CS.nomenclatureGroup, 'II_100', 'Shifoxona muassasalari'),
        coding(CS.organizationalServiceGroup, 'III_100', "Poliklinika bo'limi va statsionar bo'limi mavjud"),
        coding(CS.organizationType, 'prov', 'Healthcare Provider'),
      ]
    : [coding(CS.organizationType, 'prov', 'Healthcare Provider')];
  resources.push(
    organization(def.id, def.name, {
      identifier: identifiers,
      active: true,
      type: [{ coding: typeCodings, text: def.hospital ? 'Shifoxona' : 'Oilaviy poliklinika' }],
      contact: [{ telecom: [{ system: 'phone', value: def.phone, use: 'work' }], address }],
    }),
  );

  const deptIds: Record<string, string> = {};
  for (const d of def.depts) {
    const id = ids(d.key);
    deptIds[d.key] = id;
    resources.push(
      organization(id, d.name, {
        active: true,
        type: [{ coding: [coding(CS.organizationType, 'dept', 'Hospital Department')] }],
        partOf: ref('Organization', def.id, def.name.uz),
      }),
    );
  }

  const pharmacyId = def.pharmacy.partOfFacility ? ids('pharmacy') : `org-pharmacy-${def.slug}`;
  const pharmacyExtra: Record<string, unknown> = {
    active: true,
    type: [{ coding: [coding(CS.organizationType, 'prov', 'Healthcare Provider')], text: 'Dorixona' }],
    contact: [{ address: { ...address, line: [uzText(def.pharmacy.line)] } }],
  };
  if (def.pharmacy.taxId !== undefined)
    pharmacyExtra.identifier = [identifier(SID.orgTax, def.pharmacy.taxId, 'TAX', 'official', 'Tax ID number')];
  if (def.pharmacy.partOfFacility) pharmacyExtra.partOf = ref('Organization', def.id, def.name.uz);
  resources.push(organization(pharmacyId, def.pharmacy.name, pharmacyExtra));

  const buildingId = `loc-${def.slug}-building`;
  resources.push(
    location(buildingId, def.name, 'bu', 'Building', {
      address,
      position: { latitude: def.address.lat, longitude: def.address.lon },
      managingOrganization: ref('Organization', def.id, def.name.uz),
      telecom: [{ system: 'phone', value: def.phone, use: 'work' }],
    }),
  );
  const waitingRoomId = `loc-${def.slug}-waiting-room`;
  resources.push(
    location(
      waitingRoomId,
      n('Kutish zali', 'Зал ожидания', 'Waiting area', def.key === 'f3' ? 'Kútiw zalı' : undefined),
      'area',
      'Area',
      {
        description: 'Navbat tablosi (ekran) shu yerda',
        managingOrganization: ref('Organization', def.id, def.name.uz),
        partOf: ref('Location', buildingId),
      },
    ),
  );
  const registryId = `loc-${def.slug}-registry`;
  resources.push(
    location(registryId, n('Registratura', 'Регистратура', 'Registration desk'), 'area', 'Area', {
      managingOrganization: ref('Organization', def.id, def.name.uz),
      partOf: ref('Location', buildingId),
    }),
  );
  const roomIds: Record<string, string> = {};
  for (const r of def.rooms) {
    const id = `loc-${def.slug}-${r.physical === 'wa' ? 'ward' : 'room'}-${r.label}`;
    roomIds[r.key] = id;
    const deptId = deptIds[r.dept] ?? def.id;
    const label =
      r.physical === 'wa'
        ? n(`${r.label}-palata`, `Палата ${r.label}`, `Ward ${r.label}`)
        : n(`${r.label}-xona`, `Кабинет ${r.label}`, `Room ${r.label}`);
    resources.push(
      location(id, label, r.physical ?? 'ro', r.physical === 'wa' ? 'Ward' : 'Room', {
        alias: [r.label],
        description: r.purpose.uz,
        _description: nameExt(r.purpose),
        managingOrganization: ref('Organization', deptId),
        partOf: ref('Location', buildingId),
      }),
    );
  }

  const staff: Record<string, StaffRef> = {};
  for (const s of def.staff) {
    if (minimal && !MINIMAL_STAFF.has(s.key)) continue;
    const srng = rng.fork(s.key);
    const practitionerId = `pract-${def.key}-${s.key}`;
    const roleId = `prole-${def.key}-${s.key}`;
    const name = buildName({ family: s.family, given: s.given, father: s.father, sex: s.sex }, 'uz');
    const birthDay = dayOf(s.birthYear, srng.int(1, 12), srng.int(1, 28));
    const pinfl = buildPinfl({ sex: s.sex, birthDay, place: srng.int(100, 999), serial: srng.int(1, 999) });
    const orgId = s.org === 'pharmacy' ? pharmacyId : s.org === 'facility' ? def.id : (deptIds[s.org] ?? def.id);
    const roomId = s.room === undefined ? undefined : roomIds[s.room];
    const practitioner: FhirResource = {
      resourceType: 'Practitioner',
      id: practitionerId,
      meta: meta(PROFILE.practitioner),
      language: 'uz',
      identifier: [identifier(SID.pinfl, pinfl, 'NI', 'official', 'National unique individual identifier')],
      active: true,
      name: [humanName(name)],
      telecom: [
        { system: 'phone', value: `+99890${String(srng.int(1000000, 9999999))}`, use: 'mobile' },
        { system: 'email', value: `${s.username}@${def.slug}.shifo.example`, use: 'work' },
      ],
      gender: s.sex,
      birthDate: isoDate(birthDay),
    };
    if (s.cert !== undefined) {
      const start = yearsBefore(todayDay, srng.int(0, 4)) - srng.int(0, 300);
      practitioner.qualification = [
        {
          code: concept(
            CS.v2_0360,
            s.role === 'pharmacist' ? 'PharmD' : 'DIP',
            s.role === 'pharmacist' ? 'Doctor of Pharmacy' : 'Diploma',
          ),
        },
        {
          identifier: [
            {
              system: SID.specialistCertificate,
              value: `${srng.pick(['CA', 'CB', 'SA', 'TA'])}${String(srng.int(100000, 999999))}`,
            },
          ],
          code: {
            coding: [coding(CS.v2_0360, 'CER', 'Certificate')],
            text: s.cert.uz,
            _text: translations({ ru: s.cert.ru, en: s.cert.en }),
          },
          period: { start: isoDate(start), end: isoDate(start + 5 * 365 + 1) },
        },
      ];
    }
    resources.push(practitioner);
    const [posCode, posName] = POSITION[s.position];
    const role: FhirResource = {
      resourceType: 'PractitionerRole',
      id: roleId,
      meta: meta(PROFILE.practitionerRole),
      language: 'uz',
      active: true,
      period: { start: isoDate(yearsBefore(todayDay, 9)) },
      practitioner: ref('Practitioner', practitionerId, name.text),
      organization: ref('Organization', orgId),
      code: [
        {
          coding: [coding(CS.positionAndProfession, posCode, posName.uz)],
          text: posName.uz,
          _text: translations({ ru: posName.ru, en: posName.en }),
        },
      ],
    };
    if (s.specialty !== undefined) {
      const [specCode, specName] = SPECIALTY[s.specialty];
      role.specialty = [
        {
          coding: [coding(CS.professionSpecialization, specCode, specName.uz)],
          text: specName.uz,
          _text: translations({ ru: specName.ru, en: specName.en }),
        },
      ];
    }
    if (roomId !== undefined) role.location = [ref('Location', roomId)];
    else if (s.role === 'registrar') role.location = [ref('Location', registryId)];
    resources.push(role);
    const sref: StaffRef = {
      key: s.key,
      username: s.username,
      role: s.role,
      practitionerId,
      roleId,
      displayName: name.text,
      organizationId: orgId,
    };
    if (roomId !== undefined) sref.roomId = roomId;
    staff[s.key] = sref;
  }

  const summary: FacilitySummary = {
    id: def.id,
    name: { uz: def.name.uz, ru: def.name.ru, en: def.name.en },
    taxId: def.taxId,
    departmentIds: Object.values(deptIds),
    pharmacyId,
    buildingId,
    waitingRoomId,
    roomIds: Object.values(roomIds),
  };
  return {
    key: def.key,
    id: def.id,
    slug: def.slug,
    name: summary.name,
    address: addressLine,
    deptIds,
    pharmacyId,
    buildingId,
    waitingRoomId,
    registryId,
    roomIds,
    staff,
    summary,
    resources,
  };
}
