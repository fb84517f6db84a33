/**
 * The "long history" patient (id `long-history`): a man in his early sixties followed for 8.6 years at
 * facility 1 for hypertension, type 2 diabetes (later with nephropathy and CKD stage 3), mixed
 * hyperlipidaemia, obesity and hypothyroidism, with one hospital stay (unstable angina) at facility 2.
 * About 140 visits with vital signs and ~70 blood draws give 2,000+ Observations with trends.
 */
import type { FhirResource } from './types.js';
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
  type ClinicalContext,
  type ObsBase,
  type When,
} from './clinical.js';
import { clamp } from './fhir.js';
import { roomOf, staffOf, type BuiltFacility } from './facilities.js';
import { PANEL } from './lab-tests.js';
import { buildName } from './names.js';
import { buildPatient, type BuiltPatient } from './patients.js';
import { prescribeRegimen, type PrescribingContext, type Regimen, type Visit } from './prescribing.js';
import { createRng } from './rng.js';
import { ageOn, yearsBefore } from './time.js';

/** Id of the long-history patient. */
export const LONG_HISTORY_ID = 'long-history';

/** Output of the long-history builder. */
export interface LongHistoryResult {
  patient: BuiltPatient;
  resources: FhirResource[];
  partialIds: string[];
}

const YEAR = 365.25;

/** Just the Patient resource of the long-history patient. */
export function longHistoryPatient(f1: BuiltFacility, todayDay: number): BuiltPatient {
  const birthDay = yearsBefore(todayDay, 62) - 137;
  const name = buildName({ family: 'Rahimov', given: 'Abdulla', father: 'Karim', sex: 'male' }, 'uz-Cyrl');
  return buildPatient(
    {
      id: LONG_HISTORY_ID,
      facility: 'f1',
      sex: 'male',
      birthDay,
      name,
      gp: ['gp1'],
      pinfl: 'valid',
      seedLabel: 'long-history',
      maritalStatus: 'M',
    },
    f1,
    todayDay,
  );
}

/** Build the patient and the whole history. `f2` (the hospital) is optional (absent in `minimal`). */
export function buildLongHistory(
  f1: BuiltFacility,
  f2: BuiltFacility | undefined,
  todayDay: number,
): LongHistoryResult {
  const rng = createRng('long-history');
  const patient = longHistoryPatient(f1, todayDay);
  const birthDay = patient.spec.birthDay;
  const name = patient.spec.name;
  const ctx: ClinicalContext = { patientId: LONG_HISTORY_ID, patientName: name.text, language: 'uz-Cyrl', token: 'lh' };
  const ids = new IdGen('lh');
  const out: FhirResource[] = [];
  const start = todayDay - Math.round(8.6 * YEAR);
  const tau = (day: number): number => (day - start) / YEAR;
  const dayAt = (t: number): number => start + Math.round(t * YEAR);

  const doctor = staffOf(f1, 'gp1');
  const doctor2 = staffOf(f1, 'gp2', 'gp1');
  const nurse = staffOf(f1, 'nurse');
  const pharmacist = staffOf(f1, 'pharm');
  const labOrg = f1.deptIds.lab ?? f1.id;
  const gpOrg = f1.deptIds.gp ?? f1.id;

  // Visits
  const visits: Visit[] = [];
  const screeningDays = new Set<number>();
  for (let day = start; day < todayDay - 2; day += rng.int(14, 30)) {
    const who = rng.chance(0.1) ? doctor2 : doctor;
    const min = rng.int(17, 32) * 30;
    visits.push({ day, min, encounterId: ids.next('enc'), roleId: who.roleId, roleName: who.displayName });
  }
  // Make sure there is a visit in the last week (for active prescriptions and recent results).
  const lastVisit = visits[visits.length - 1];
  if (lastVisit !== undefined && lastVisit.day < todayDay - 7) {
    visits.push({
      day: todayDay - 3,
      min: 10 * 60,
      encounterId: ids.next('enc'),
      roleId: doctor.roleId,
      roleName: doctor.displayName,
    });
  }
  for (let y = 0; y < 9; y++) {
    const v = visits.find((x) => tau(x.day) >= y + 0.5);
    if (v !== undefined) screeningDays.add(v.day);
  }

  // Conditions
  const cond = (
    icdCode: string,
    onsetT: number,
    status: 'active' | 'resolved' | 'remission' | 'inactive',
    abateT?: number,
    extra: { severity?: 'mild' | 'moderate' | 'severe'; note?: string; episode?: boolean } = {},
  ): string => {
    const id = ids.next('cond', 2);
    const v = visits.find((x) => x.day >= dayAt(Math.max(0, onsetT))) ?? visits[0];
    if (v === undefined) throw new Error('no visits');
    const o: Parameters<typeof condition>[1] = {
      id,
      icd: icdCode,
      onsetDay: dayAt(onsetT),
      recorded: { day: v.day, min: v.min + 10 },
      encounterId: v.encounterId,
      roleId: v.roleId,
      status,
      category: extra.episode === true ? 'encounter-diagnosis' : 'problem-list-item',
    };
    if (abateT !== undefined) o.abatementDay = dayAt(abateT);
    if (extra.severity !== undefined) o.severity = extra.severity;
    if (extra.note !== undefined) o.note = extra.note;
    out.push(condition(ctx, o));
    return id;
  };
  const cI10 = cond('I10', -0.5, 'active', undefined, { severity: 'moderate' });
  const cE66 = cond('E66.0', 0, 'active', undefined, { severity: 'mild' });
  const cE11 = cond('E11.9', 0.3, 'inactive', 6.0, { note: 'Tashxis E11.2 ga almashtirildi (diabetik nefropatiya).' });
  const cE78 = cond('E78.2', 1.0, 'active');
  const cE03 = cond('E03.9', 2.9, 'active');
  const cK29 = cond('K29.5', 4.1, 'remission');
  const cZ79 = cond('Z79.4', 4.5, 'active');
  const cE112 = cond('E11.2', 6.0, 'active', undefined, { severity: 'moderate' });
  const cN18 = cond('N18.3', 6.0, 'active', undefined, { severity: 'moderate' });
  const cE79 = cond('E79.0', 7.0, 'active', undefined, { severity: 'mild' });
  const cI25 = cond('I25.1', 6.82, 'active');
  const cM54 = cond('M54.5', 5.1, 'resolved', 5.2, { episode: true });
  const episodes: { t: number; icd: string; id: string; fever: boolean }[] = [
    { t: 1.1, icd: 'J06.9', id: '', fever: true },
    { t: 2.2, icd: 'J20.9', id: '', fever: true },
    { t: 3.6, icd: 'J06.9', id: '', fever: false },
    { t: 5.8, icd: 'J20.9', id: '', fever: true },
    { t: 7.2, icd: 'J06.9', id: '', fever: true },
  ];
  for (const e of episodes) e.id = cond(e.icd, e.t, 'resolved', e.t + 0.03, { episode: true, severity: 'mild' });

  // Allergies
  const firstVisit = visits[0];
  if (firstVisit === undefined) throw new Error('no visits');
  out.push(
    allergy(ctx, {
      id: ids.next('ai', 2),
      code: { system: CS.snomed, code: '764146007', display: 'Penicillin' },
      text: { uz: 'Penitsillin', ru: 'Пенициллин', en: 'Penicillin' },
      type: 'allergy',
      category: 'medication',
      criticality: 'high',
      onsetDay: start - 2900,
      recorded: { day: firstVisit.day, min: firstVisit.min + 5 },
      roleId: firstVisit.roleId,
      encounterId: firstVisit.encounterId,
      reactions: [
        {
          manifestation: { system: CS.snomed, code: '126485001', display: 'Urticaria' },
          severity: 'moderate',
          substance: { system: CS.snomed, code: '372687004', display: 'Amoxicillin' },
        },
        { manifestation: { system: CS.snomed, code: '41291007', display: 'Angioedema' }, severity: 'severe' },
      ],
      note: 'Amoksitsillin qabul qilgandan keyin eshakyemi va lab shishi (2009-yil).',
    }),
  );
  const coughVisit = visits.find((v) => tau(v.day) >= 0.6) ?? firstVisit;
  out.push(
    allergy(ctx, {
      id: ids.next('ai', 2),
      code: { system: CS.snomed, code: '41549009', display: 'Angiotensin-converting enzyme inhibitor' },
      text: { uz: 'AAF ingibitorlari (enalapril)', ru: 'Ингибиторы АПФ (эналаприл)', en: 'ACE inhibitors (enalapril)' },
      type: 'intolerance',
      category: 'medication',
      criticality: 'low',
      onsetDay: dayAt(0.55),
      recorded: { day: coughVisit.day, min: coughVisit.min + 8 },
      roleId: coughVisit.roleId,
      encounterId: coughVisit.encounterId,
      reactions: [{ manifestation: { system: CS.snomed, code: '49727002', display: 'Cough' }, severity: 'mild' }],
    }),
  );

  // Physiology over time
  const noise = (sd: number): number => rng.normal(0, sd);
  const hba1c = (t: number): number =>
    (t < 4.5 ? 6.9 + 0.28 * t : t < 5.2 ? 8.2 - 1.4 * (t - 4.5) : 7.2 + 0.05 * (t - 5.2) - (t > 6.5 ? 0.3 : 0)) +
    noise(0.18);
  const creatinine = (t: number): number => 88 + 3.5 * t + 1.5 * Math.max(0, t - 5) ** 2 + noise(4);
  const ageYears = (day: number): number => ageOn(birthDay, day);
  const egfr = (scr: number, day: number): number => {
    const mgdl = scr / 88.4;
    return 141 * Math.min(mgdl / 0.9, 1) ** -0.411 * Math.max(mgdl / 0.9, 1) ** -1.209 * 0.993 ** ageYears(day);
  };
  const infectionNear = (day: number): { fever: boolean } | undefined => {
    const e = episodes.find((x) => day >= dayAt(x.t) && day <= dayAt(x.t) + 10);
    return e === undefined ? undefined : { fever: e.fever };
  };

  const hospitalT = 6.8;
  let heightCm = 174;
  const nextHeight = new Set<number>();
  for (let y = 0; y < 9; y++) {
    const v = visits.find((x) => tau(x.day) >= y);
    if (v !== undefined) nextHeight.add(v.day);
  }

  visits.forEach((v, i) => {
    const t = tau(v.day);
    const when: When = { day: v.day, min: v.min };
    const inf = infectionNear(v.day);
    const activeConds = [
      cI10,
      t < 6 ? cE11 : cE112,
      ...(t >= 6 ? [cN18] : []),
      ...episodes.filter((e) => v.day >= dayAt(e.t) && v.day <= dayAt(e.t) + 10).map((e) => e.id),
    ];
    out.push(
      encounter(ctx, {
        id: v.encounterId,
        when,
        minutes: 25,
        roleId: v.roleId,
        roleName: v.roleName,
        organizationId: gpOrg,
        locationId: roomOf(f1, v.roleId === doctor.roleId ? 'r101' : 'r102'),
        conditionIds: activeConds,
        kind: screeningDays.has(v.day) ? 'screening' : 'treatment',
      }),
    );
    const vb = (plus: number): ObsBase => ({
      id: ids.next('obs', 5),
      when: { day: v.day, min: v.min - 10 + plus },
      encounterId: v.encounterId,
      performer: { type: 'PractitionerRole', id: nurse.roleId },
    });
    const treated = t > 0.05;
    const sys = (treated ? (t < 2 ? 142 : 132) : 158) + (inf !== undefined ? 6 : 0) + noise(8);
    const dia = (treated ? (t < 2 ? 90 : 82) : 96) + noise(5);
    out.push(bloodPressure(ctx, vb(0), clamp(sys, 105, 190), clamp(dia, 62, 115)));
    out.push(vital(ctx, vb(1), 'hr', clamp(76 + (inf?.fever === true ? 14 : 0) + noise(6), 52, 120)));
    out.push(vital(ctx, vb(1), 'temp', inf?.fever === true ? 37.8 + rng.real(0, 0.9) : 36.6 + noise(0.15)));
    out.push(vital(ctx, vb(2), 'spo2', clamp(inf !== undefined ? 95 + noise(1) : 97 + noise(0.8), 90, 100)));
    out.push(vital(ctx, vb(2), 'rr', clamp((inf !== undefined ? 19 : 16) + noise(1.5), 12, 26)));
    if (nextHeight.has(v.day)) {
      heightCm = Math.max(172.5, heightCm - rng.real(0, 0.25));
      out.push(vital(ctx, vb(3), 'height', heightCm));
    }
    const weight = 97 - 0.45 * t + 2 * Math.sin(t * 1.7) + noise(0.8);
    const weightObs = vital(ctx, vb(3), 'weight', weight);
    out.push(weightObs);
    out.push(vital(ctx, vb(4), 'bmi', weight / (heightCm / 100) ** 2, [weightObs.id]));

    if (i % 2 !== 0 && !(inf !== undefined && rng.chance(0.5))) return;
    // Blood draw
    const draw = Math.floor(i / 2);
    const lb = (): ObsBase => ({
      id: ids.next('obs', 5),
      when: { day: v.day, min: v.min - 40 },
      encounterId: v.encounterId,
      performer: { type: 'Organization', id: labOrg },
    });
    const hb = 147 - 2.2 * t + noise(4);
    const wbc = inf !== undefined ? 11.2 + noise(1) : 6.6 + noise(1);
    const cbc: [string, number][] = [
      ['718-7', hb],
      ['6690-2', wbc],
      ['789-8', hb / 30.5 + noise(0.08)],
      ['4544-3', hb / 3.3 + noise(0.8)],
      ['777-3', 245 + noise(35)],
      ['787-2', 89 + noise(2.5)],
      ['785-6', 30 + noise(0.9)],
      ['786-4', 336 + noise(7)],
      ['770-8', inf !== undefined ? 78 + noise(3) : 58 + noise(5)],
      ['736-9', inf !== undefined ? 15 + noise(3) : 30 + noise(4)],
    ];
    const cbcIds = cbc.map(([code, value]) => {
      const o = labResult(ctx, lb(), code, value);
      out.push(o);
      return o.id;
    });
    out.push(labPanel(ctx, lb(), PANEL.cbc, cbcIds));
    out.push(labResult(ctx, lb(), '30341-2', inf !== undefined ? 28 + noise(5) : 11 + noise(4)));
    out.push(labResult(ctx, lb(), '4548-4', hba1c(t)));
    const scr = creatinine(t);
    const gluc = clamp(hba1c(t) * 1.59 - 2.59 - 1.2 + noise(0.6), 4.2, 16);
    if (draw % 2 === 0) {
      const cmp: [string, number][] = [
        ['14749-6', gluc],
        ['22664-7', 5.4 + 0.38 * t + noise(0.6)],
        ['14682-9', scr],
        ['2951-2', 140 + noise(1.8)],
        ['2823-3', 4.4 + 0.06 * t + noise(0.25)],
        ['2075-0', 102 + noise(2)],
        ['2000-8', 2.36 + noise(0.06)],
        ['2885-2', 72 + noise(3)],
        ['1751-7', 43 - 0.5 * t + noise(2)],
        ['14631-6', 12 + noise(3)],
        ['6768-6', 78 + noise(14)],
        ['1742-6', (t > 1 && t < 1.4 ? 52 : 27) + noise(7)],
        ['1920-8', (t > 1 && t < 1.4 ? 45 : 23) + noise(5)],
      ];
      const ids2 = cmp.map(([code, value]) => {
        const o = labResult(ctx, lb(), code, value);
        out.push(o);
        return o.id;
      });
      out.push(labPanel(ctx, lb(), PANEL.metabolic, ids2));
    } else {
      out.push(labResult(ctx, lb(), '14749-6', gluc));
      out.push(labResult(ctx, lb(), '14682-9', scr));
      out.push(labResult(ctx, lb(), '2823-3', 4.4 + 0.06 * t + noise(0.25)));
    }
    out.push(labResult(ctx, lb(), '62238-1', egfr(scr, v.day)));
    if (draw % 2 === 0) {
      const onStatin = t >= 1.0;
      const hiDose = t >= 5.0;
      const lipids: [string, number][] = [
        ['14647-2', (onStatin ? (hiDose ? 4.3 : 4.9) : 6.4) + noise(0.3)],
        ['14646-4', (onStatin ? 1.05 : 0.94) + noise(0.08)],
        ['22748-8', (onStatin ? (hiDose ? 2.2 : 2.8) : 4.2) + noise(0.25)],
        ['14927-8', (onStatin ? 1.8 : 2.4) + noise(0.3)],
      ];
      const lipIds = lipids.map(([code, value]) => {
        const o = labResult(ctx, lb(), code, value);
        out.push(o);
        return o.id;
      });
      out.push(labPanel(ctx, lb(), PANEL.lipid, lipIds));
      out.push(labResult(ctx, lb(), '9318-7', 14 + 13 * t + noise(6)));
      out.push(labResult(ctx, lb(), '1988-5', inf !== undefined ? 24 + noise(6) : 2.8 + Math.abs(noise(1.5))));
      out.push(labResult(ctx, lb(), '14933-6', 360 + 12 * t + noise(25)));
    }
    if (draw % 3 === 0) out.push(labResult(ctx, lb(), '2324-2', 38 + noise(10)));
    if (t > 2.4 && draw % 4 === 0) {
      const tsh = t < 2.95 ? 7.8 + noise(0.6) : t < 3.5 ? 4.6 + noise(0.5) : 2.1 + noise(0.6);
      out.push(labResult(ctx, lb(), '3016-3', clamp(tsh, 0.3, 12)));
      out.push(labResult(ctx, lb(), '14920-3', t < 2.95 ? 10.2 + noise(0.6) : 15.5 + noise(1.5)));
    }
    if (screeningDays.has(v.day)) {
      out.push(labResult(ctx, lb(), '1989-3', 21 + noise(4)));
      out.push(labResult(ctx, lb(), '2857-1', 1.1 + 0.14 * t + Math.abs(noise(0.2))));
      out.push(labResult(ctx, lb(), '2132-9', 430 - 20 * t + noise(40)));
    }
  });

  // Hospital stay at facility 2 (unstable angina)
  const resources2: FhirResource[] = [];
  if (f2 !== undefined) {
    const admitDay = dayAt(hospitalT);
    const cardio = staffOf(f2, 'cardio1');
    const nurse2 = staffOf(f2, 'nurse');
    const encId = ids.next('enc');
    const cI20 = ids.next('cond', 2);
    out.push(
      condition(ctx, {
        id: cI20,
        icd: 'I20.0',
        onsetDay: admitDay,
        recorded: { day: admitDay, min: 11 * 60 },
        encounterId: encId,
        roleId: cardio.roleId,
        status: 'resolved',
        abatementDay: admitDay + 6,
        severity: 'severe',
        category: 'encounter-diagnosis',
        note: "Ko'krak qafasidagi og'riq bilan shoshilinch yotqizildi; koronarografiya: o'ng koronar arteriya stenozi, stent qo'yildi.",
      }),
    );
    resources2.push(
      encounter(ctx, {
        id: encId,
        when: { day: admitDay, min: 10 * 60 + 40 },
        minutes: 0,
        roleId: cardio.roleId,
        roleName: cardio.displayName,
        organizationId: f2.deptIds.cardio ?? f2.id,
        locationId: roomOf(f2, 'ward'),
        conditionIds: [cI20, cI10, cE112],
        inpatientDays: 6,
      }),
    );
    for (let d = 0; d <= 6; d++) {
      for (const min of [8 * 60, 20 * 60]) {
        const hb = (): ObsBase => ({
          id: ids.next('obs', 5),
          when: { day: admitDay + d, min },
          encounterId: encId,
          performer: { type: 'PractitionerRole', id: nurse2.roleId },
        });
        out.push(
          bloodPressure(
            ctx,
            hb(),
            clamp((d === 0 ? 164 : 134) + noise(7), 100, 200),
            clamp((d === 0 ? 98 : 80) + noise(5), 60, 120),
          ),
        );
        out.push(vital(ctx, hb(), 'hr', clamp((d === 0 ? 96 : 70) + noise(5), 50, 130)));
        out.push(vital(ctx, hb(), 'spo2', clamp((d === 0 ? 94 : 97) + noise(0.8), 88, 100)));
        out.push(vital(ctx, hb(), 'temp', 36.6 + noise(0.15)));
      }
    }
    const lab2 = f2.deptIds.lab ?? f2.id;
    const lb = (): ObsBase => ({
      id: ids.next('obs', 5),
      when: { day: admitDay, min: 11 * 60 + 30 },
      encounterId: encId,
      performer: { type: 'Organization', id: lab2 },
    });
    const t = hospitalT;
    out.push(labResult(ctx, lb(), '14749-6', 9.8));
    out.push(labResult(ctx, lb(), '14682-9', creatinine(t)));
    out.push(labResult(ctx, lb(), '2823-3', 4.7));
    out.push(labResult(ctx, lb(), '718-7', 136));
    out.push(labResult(ctx, lb(), '6690-2', 9.4));
    out.push(labResult(ctx, lb(), '6301-6', 1.05));
    out.push(labResult(ctx, lb(), '22748-8', 3.4, 'Maqsadli daraja < 1.4 mmol/L (yuqori xavf).'));
    out.push(...resources2);
  }

  // Medications
  const partialIds: string[] = [];
  const pc: PrescribingContext = {
    ctx,
    ids,
    rng: rng.fork('rx'),
    todayDay,
    visits,
    pharmacistRoleId: pharmacist.roleId,
    pharmacyId: f1.pharmacyId,
    out,
    partialIds,
  };
  const regimens: Regimen[] = [
    {
      med: 'med-enalapril-10mg-tab',
      dose: 10,
      timesPerDay: 2,
      startDay: dayAt(0.02),
      endDay: dayAt(0.6),
      conditionId: cI10,
      icd: 'I10',
      stopReason: { code: 'sintol', display: 'Suspected intolerance' },
    },
    {
      med: 'med-losartan-50mg-ftab',
      dose: 50,
      timesPerDay: 1,
      startDay: dayAt(0.6),
      endDay: dayAt(5.0),
      conditionId: cI10,
      icd: 'I10',
    },
    {
      med: 'med-losartan-100mg-ftab',
      dose: 100,
      timesPerDay: 1,
      startDay: dayAt(5.0),
      conditionId: cI10,
      icd: 'I10',
      last: 'partial',
    },
    {
      med: 'med-metformin-500mg-ftab',
      dose: 500,
      timesPerDay: 2,
      startDay: dayAt(0.32),
      endDay: dayAt(0.5),
      conditionId: cE11,
      icd: 'E11.9',
    },
    {
      med: 'med-metformin-1000mg-ftab',
      dose: 1000,
      timesPerDay: 2,
      startDay: dayAt(0.5),
      endDay: dayAt(6.0),
      conditionId: cE11,
      icd: 'E11.9',
    },
    {
      med: 'med-metformin-1000mg-ftab',
      dose: 1000,
      timesPerDay: 2,
      startDay: dayAt(6.0),
      conditionId: cE112,
      icd: 'E11.2',
      last: 'partial',
    },
    {
      med: 'med-atorvastatin-20mg-ftab',
      dose: 20,
      timesPerDay: 1,
      startDay: dayAt(1.0),
      endDay: dayAt(5.0),
      conditionId: cE78,
      icd: 'E78.2',
    },
    {
      med: 'med-atorvastatin-40mg-ftab',
      dose: 40,
      timesPerDay: 1,
      startDay: dayAt(5.0),
      conditionId: cE78,
      icd: 'E78.2',
    },
    {
      med: 'med-amlodipine-5mg-tab',
      dose: 5,
      timesPerDay: 1,
      startDay: dayAt(2.0),
      conditionId: cI10,
      icd: 'I10',
      last: 'dispensed',
    },
    {
      med: 'med-gliclazide-60mg-mrtab',
      dose: 60,
      timesPerDay: 1,
      startDay: dayAt(2.5),
      endDay: dayAt(4.5),
      conditionId: cE11,
      icd: 'E11.9',
    },
    {
      med: 'med-insulin-glargine-100iu-pen',
      dose: 20,
      timesPerDay: 1,
      startDay: dayAt(4.5),
      conditionId: cZ79,
      icd: 'E11.2',
    },
    {
      med: 'med-levothyroxine-50ug-tab',
      dose: 50,
      timesPerDay: 1,
      startDay: dayAt(2.95),
      endDay: dayAt(3.5),
      conditionId: cE03,
      icd: 'E03.9',
    },
    {
      med: 'med-levothyroxine-75ug-tab',
      dose: 75,
      timesPerDay: 1,
      startDay: dayAt(3.5),
      conditionId: cE03,
      icd: 'E03.9',
    },
    { med: 'med-aspirin-75mg-ftab', dose: 75, timesPerDay: 1, startDay: dayAt(3.0), conditionId: cI25, icd: 'I25.1' },
    {
      med: 'med-empagliflozin-10mg-ftab',
      dose: 10,
      timesPerDay: 1,
      startDay: dayAt(6.5),
      conditionId: cE112,
      icd: 'E11.2',
    },
    {
      med: 'med-clopidogrel-75mg-ftab',
      dose: 75,
      timesPerDay: 1,
      startDay: dayAt(hospitalT + 0.02),
      endDay: dayAt(hospitalT + 1.0),
      conditionId: cI25,
      icd: 'I25.1',
      note: 'Stentlashdan keyin 12 oy.',
    },
    {
      med: 'med-omeprazole-20mg-cap',
      dose: 20,
      timesPerDay: 1,
      startDay: dayAt(4.1),
      acuteDays: 28,
      conditionId: cK29,
      icd: 'K29.5',
    },
    {
      med: 'med-omeprazole-20mg-cap',
      dose: 20,
      timesPerDay: 1,
      startDay: dayAt(6.9),
      acuteDays: 28,
      conditionId: cK29,
      icd: 'K29.5',
    },
    {
      med: 'med-meloxicam-7.5mg-tab',
      dose: 7.5,
      timesPerDay: 1,
      startDay: dayAt(5.1),
      acuteDays: 10,
      conditionId: cM54,
      icd: 'M54.5',
    },
  ];
  for (const e of episodes) {
    regimens.push({
      med: 'med-paracetamol-500mg-tab',
      dose: 500,
      timesPerDay: 3,
      startDay: dayAt(e.t),
      acuteDays: 5,
      conditionId: e.id,
      icd: e.icd,
    });
    if (e.icd === 'J20.9')
      regimens.push({
        med: 'med-azithromycin-500mg-ftab',
        dose: 500,
        timesPerDay: 1,
        startDay: dayAt(e.t),
        acuteDays: 3,
        conditionId: e.id,
        icd: e.icd,
        note: 'Penitsillinga allergiya sababli makrolid.',
      });
  }
  for (const r of regimens) prescribeRegimen(pc, r);
  void cE66;
  void cE79;
  return { patient, resources: out, partialIds };
}
