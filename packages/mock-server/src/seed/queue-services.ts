/**
 * Waiting-room queue services (Shifo-defined; DHP has none): 4–5 per facility with ticket prefixes,
 * rooms and working blocks for the 14 days from today (Monday–Friday, short Saturdays, Sundays closed).
 * Times are local Asia/Tashkent. The server generates Slots from these schedules.
 */
import type { QueueSchedule, QueueService, Text4 } from './types.js';
import { roomOf, type BuiltFacility, type FacilityKey } from './facilities.js';
import { hhmm, isoDate, weekday } from './time.js';

interface Block {
  staff: string;
  room: string;
  /** [start, end] in minutes after midnight on weekdays. */
  weekday: readonly [number, number];
  /** [start, end] on Saturdays, when the block works then. */
  saturday?: readonly [number, number];
}

interface ServiceDef {
  key: string;
  name: Text4;
  prefix: string;
  dept: string;
  rooms: readonly string[];
  slotMinutes: number;
  blocks: readonly Block[];
}

const h = (hours: number, minutes = 0): number => hours * 60 + minutes;

const NAMES = {
  familyDoctor: {
    uz: 'Oilaviy shifokor (terapevt)',
    'uz-Cyrl': 'Оилавий шифокор (терапевт)',
    ru: 'Семейный врач (терапевт)',
    en: 'Family doctor',
  },
  therapist: { uz: 'Terapevt', 'uz-Cyrl': 'Терапевт', ru: 'Терапевт', en: 'Internist' },
  lab: {
    uz: 'Laboratoriya (qon topshirish)',
    'uz-Cyrl': 'Лаборатория (қон топшириш)',
    ru: 'Лаборатория (сдача крови)',
    en: 'Laboratory (blood tests)',
  },
  pediatrician: { uz: 'Pediatr', 'uz-Cyrl': 'Педиатр', ru: 'Педиатр', en: 'Paediatrician' },
  dentist: { uz: 'Stomatolog', 'uz-Cyrl': 'Стоматолог', ru: 'Стоматолог', en: 'Dentist' },
  gynecologist: { uz: 'Ginekolog', 'uz-Cyrl': 'Гинеколог', ru: 'Гинеколог', en: 'Gynaecologist' },
  cardiologist: { uz: 'Kardiolog', 'uz-Cyrl': 'Кардиолог', ru: 'Кардиолог', en: 'Cardiologist' },
  surgeon: { uz: 'Jarroh', 'uz-Cyrl': 'Жарроҳ', ru: 'Хирург', en: 'Surgeon' },
} as const satisfies Record<string, Text4>;

const SERVICES: Readonly<Record<FacilityKey, readonly ServiceDef[]>> = {
  f1: [
    {
      key: 'therapist',
      name: NAMES.familyDoctor,
      prefix: 'TER',
      dept: 'gp',
      rooms: ['r101', 'r102'],
      slotMinutes: 15,
      blocks: [
        { staff: 'gp1', room: 'r101', weekday: [h(8), h(14)], saturday: [h(9), h(13)] },
        { staff: 'gp2', room: 'r102', weekday: [h(11), h(17)] },
      ],
    },
    {
      key: 'lab',
      name: NAMES.lab,
      prefix: 'LAB',
      dept: 'lab',
      rooms: ['r110'],
      slotMinutes: 10,
      blocks: [{ staff: 'lab', room: 'r110', weekday: [h(7, 30), h(11)], saturday: [h(8), h(10)] }],
    },
    {
      key: 'pediatrician',
      name: NAMES.pediatrician,
      prefix: 'PED',
      dept: 'ped',
      rooms: ['r201', 'r202'],
      slotMinutes: 20,
      blocks: [{ staff: 'ped', room: 'r201', weekday: [h(8), h(15)], saturday: [h(9), h(12)] }],
    },
    {
      key: 'dentist',
      name: NAMES.dentist,
      prefix: 'STM',
      dept: 'gp',
      rooms: ['r105'],
      slotMinutes: 30,
      blocks: [{ staff: 'dent', room: 'r105', weekday: [h(9), h(17)] }],
    },
    {
      key: 'gynecologist',
      name: NAMES.gynecologist,
      prefix: 'GIN',
      dept: 'gp',
      rooms: ['r103'],
      slotMinutes: 20,
      blocks: [{ staff: 'gyn', room: 'r103', weekday: [h(9), h(15)] }],
    },
  ],
  f2: [
    {
      key: 'cardiologist',
      name: NAMES.cardiologist,
      prefix: 'KAR',
      dept: 'cardio',
      rooms: ['r201', 'r202'],
      slotMinutes: 20,
      blocks: [
        { staff: 'cardio1', room: 'r201', weekday: [h(9), h(13)], saturday: [h(9), h(12)] },
        { staff: 'cardio2', room: 'r202', weekday: [h(13), h(17)] },
      ],
    },
    {
      key: 'therapist',
      name: NAMES.therapist,
      prefix: 'TER',
      dept: 'cardio',
      rooms: ['r204'],
      slotMinutes: 15,
      blocks: [{ staff: 'ther', room: 'r204', weekday: [h(8, 30), h(16, 30)] }],
    },
    {
      key: 'surgeon',
      name: NAMES.surgeon,
      prefix: 'XIR',
      dept: 'surgery',
      rooms: ['r301'],
      slotMinutes: 20,
      blocks: [{ staff: 'surgeon', room: 'r301', weekday: [h(10), h(14)] }],
    },
    {
      key: 'lab',
      name: NAMES.lab,
      prefix: 'LAB',
      dept: 'lab',
      rooms: ['r105'],
      slotMinutes: 10,
      blocks: [{ staff: 'lab', room: 'r105', weekday: [h(7, 30), h(11)], saturday: [h(8), h(10)] }],
    },
  ],
  f3: [
    {
      key: 'therapist',
      name: NAMES.familyDoctor,
      prefix: 'TER',
      dept: 'gp',
      rooms: ['r11', 'r12'],
      slotMinutes: 15,
      blocks: [
        { staff: 'gp1', room: 'r11', weekday: [h(8), h(14)], saturday: [h(9), h(13)] },
        { staff: 'gp2', room: 'r12', weekday: [h(12), h(17)] },
      ],
    },
    {
      key: 'pediatrician',
      name: NAMES.pediatrician,
      prefix: 'PED',
      dept: 'ped',
      rooms: ['r21'],
      slotMinutes: 20,
      blocks: [{ staff: 'ped', room: 'r21', weekday: [h(8), h(14)] }],
    },
    {
      key: 'dentist',
      name: NAMES.dentist,
      prefix: 'STM',
      dept: 'gp',
      rooms: ['r15'],
      slotMinutes: 30,
      blocks: [{ staff: 'dent', room: 'r15', weekday: [h(9), h(16)] }],
    },
    {
      key: 'lab',
      name: NAMES.lab,
      prefix: 'LAB',
      dept: 'lab',
      rooms: ['r5'],
      slotMinutes: 10,
      blocks: [{ staff: 'lab', room: 'r5', weekday: [h(7, 30), h(10, 30)], saturday: [h(8), h(10)] }],
    },
  ],
};

/** Queue services of a facility (only the services named in `only`, when given). Blocks of absent staff are dropped. */
export function buildQueueServices(f: BuiltFacility, todayDay: number, only?: readonly string[]): QueueService[] {
  const services: QueueService[] = [];
  for (const def of SERVICES[f.key]) {
    if (only !== undefined && !only.includes(def.key)) continue;
    const schedules: QueueSchedule[] = [];
    for (let d = 0; d < 14; d++) {
      const day = todayDay + d;
      const wd = weekday(day);
      if (wd === 0) continue;
      for (const b of def.blocks) {
        const staff = f.staff[b.staff];
        if (staff === undefined) continue;
        const span = wd === 6 ? b.saturday : b.weekday;
        if (span === undefined) continue;
        schedules.push({
          date: isoDate(day),
          start: hhmm(span[0]),
          end: hhmm(span[1]),
          slotMinutes: def.slotMinutes,
          practitionerRoleId: staff.roleId,
          roomId: roomOf(f, b.room),
        });
      }
    }
    if (schedules.length === 0) continue;
    services.push({
      id: `qs-${f.slug}-${def.key}`,
      facilityId: f.id,
      organizationId: f.deptIds[def.dept] ?? f.id,
      locationId: f.waitingRoomId,
      name: { ...def.name },
      ticketPrefix: def.prefix,
      rooms: def.rooms.map((r) => roomOf(f, r)),
      schedules,
    });
  }
  return services;
}
