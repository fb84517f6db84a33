/**
 * Turns medication regimens into e-prescriptions over time: chronic regimens are renewed at visits
 * (90-day supplies; reimbursed medicines as 30-day reimbursement orders in the last year), each renewal
 * dispensed; the newest prescription of an ongoing regimen stays active (undispensed or partly dispensed).
 */
import type { FhirResource } from './types.js';
import {
  medicationDispense,
  medicationRequest,
  prescribedPieces,
  type ClinicalContext,
  type IdGen,
} from './clinical.js';
import { formularyEntry } from './formulary.js';
import { newPrescriptionNumber } from './prescription-number.js';
import type { Rng } from './rng.js';

/** A visit at which prescriptions can be written. */
export interface Visit {
  day: number;
  min: number;
  encounterId: string;
  roleId: string;
  roleName: string;
}

/** One medication regimen. */
export interface Regimen {
  med: string;
  dose: number;
  timesPerDay: number;
  startDay: number;
  /** First day the regimen no longer runs (undefined = ongoing). */
  endDay?: number;
  conditionId?: string;
  icd?: string;
  /** Course length for an acute (one-off) prescription. */
  acuteDays?: number;
  /** An acute prescription that was cancelled or entered in error (never dispensed). */
  status?: 'cancelled' | 'entered-in-error';
  /** statusReason of the last prescription when the regimen was stopped (or of a cancelled one). */
  stopReason?: { code: string; display: string };
  /**
   * The newest prescription of an ongoing regimen: `undispensed` (default; active, nothing handed over yet),
   * `partial` (active, half the quantity handed over), `dispensed` (completed, fully handed over).
   */
  last?: 'undispensed' | 'partial' | 'dispensed';
  note?: string;
}

/** Where prescriptions go and who dispenses them. */
export interface PrescribingContext {
  ctx: ClinicalContext;
  ids: IdGen;
  rng: Rng;
  todayDay: number;
  visits: readonly Visit[];
  pharmacistRoleId: string;
  pharmacyId: string;
  out: FhirResource[];
  /** Ids of active requests left partly dispensed (collected for `Seed.scenarios`). */
  partialIds: string[];
}

function visitFrom(visits: readonly Visit[], day: number, before?: number): Visit | undefined {
  return visits.find((v) => v.day >= day && (before === undefined || v.day < before));
}

/** Write the prescriptions (and dispenses) of one regimen. */
export function prescribeRegimen(pc: PrescribingContext, r: Regimen): void {
  const entry = formularyEntry(r.med);
  const write = (
    visit: Visit,
    days: number,
    status: 'active' | 'completed' | 'stopped' | 'cancelled' | 'entered-in-error',
    dispense: 'full' | 'partial' | 'none',
    reimbursed: boolean,
    statusChangedDay?: number,
  ): void => {
    const id = pc.ids.next('mr');
    const opts: Parameters<typeof medicationRequest>[1] = {
      id,
      number: newPrescriptionNumber(pc.rng),
      entry,
      authored: { day: visit.day, min: visit.min + 12 },
      roleId: visit.roleId,
      roleName: visit.roleName,
      encounterId: visit.encounterId,
      dose: { value: r.dose, timesPerDay: r.timesPerDay },
      days,
      status,
      pharmacyId: pc.pharmacyId,
      reimbursed,
    };
    if (r.conditionId !== undefined) opts.conditionId = r.conditionId;
    if (r.icd !== undefined) opts.conditionIcd = r.icd;
    if (status !== 'active' && status !== 'completed' && r.stopReason !== undefined) opts.statusReason = r.stopReason;
    if (statusChangedDay !== undefined) opts.statusChangedDay = statusChangedDay;
    if (r.note !== undefined) opts.note = r.note;
    pc.out.push(medicationRequest(pc.ctx, opts));
    if (dispense === 'none') return;
    const total = prescribedPieces(entry, r.dose, r.timesPerDay, days);
    if (dispense === 'partial' && total < 2) return; // one pack cannot be split: left undispensed
    const qty = dispense === 'full' ? total : Math.floor(total / 2);
    const handDay = Math.min(pc.todayDay, visit.day + pc.rng.int(0, 2));
    const handMin =
      handDay === visit.day ? Math.min(19 * 60, visit.min + 60 + pc.rng.int(0, 120)) : pc.rng.int(9 * 60, 19 * 60);
    pc.out.push(
      medicationDispense(pc.ctx, {
        id: pc.ids.next('md'),
        requestId: id,
        entry,
        handedOver: { day: handDay, min: handMin },
        quantity: qty,
        days: dispense === 'full' ? days : Math.max(1, Math.floor(days / 2)),
        pharmacistRoleId: pc.pharmacistRoleId,
        pharmacyId: pc.pharmacyId,
      }),
    );
    if (dispense === 'partial') pc.partialIds.push(id);
  };

  if (r.acuteDays !== undefined) {
    const v = visitFrom(pc.visits, r.startDay);
    if (v === undefined) return;
    if (r.status !== undefined) {
      write(v, r.acuteDays, r.status, 'none', false, v.day + (r.status === 'entered-in-error' ? 0 : 1));
      return;
    }
    const recent = v.day >= pc.todayDay - 1;
    write(v, r.acuteDays, recent ? 'active' : 'completed', recent ? 'none' : 'full', false);
    return;
  }

  const written: { visit: Visit; days: number; reimbursed: boolean }[] = [];
  let due = r.startDay;
  for (;;) {
    const v = visitFrom(pc.visits, due, r.endDay);
    if (v === undefined) break;
    const reimbursed = entry.flags.reimbursed && v.day >= pc.todayDay - 365;
    const days = reimbursed ? 30 : 90;
    written.push({ visit: v, days, reimbursed });
    due = v.day + days - 7;
  }
  if (r.endDay === undefined) {
    const last = written[written.length - 1];
    const latest = pc.visits[pc.visits.length - 1];
    if (
      last !== undefined &&
      latest !== undefined &&
      last.visit.day < pc.todayDay - 45 &&
      latest.day >= last.visit.day + 20
    ) {
      const reimbursed = entry.flags.reimbursed && latest.day >= pc.todayDay - 365;
      written.push({ visit: latest, days: reimbursed ? 30 : 90, reimbursed });
    }
  }
  written.forEach((w, i) => {
    const isLast = i === written.length - 1;
    if (!isLast) {
      write(w.visit, w.days, 'completed', 'full', w.reimbursed);
    } else if (r.endDay !== undefined) {
      if (r.stopReason !== undefined) write(w.visit, w.days, 'stopped', 'full', w.reimbursed, r.endDay);
      else write(w.visit, w.days, 'completed', 'full', w.reimbursed);
    } else {
      const mode = r.last ?? 'undispensed';
      if (mode === 'dispensed' && w.visit.day < pc.todayDay - 1)
        write(w.visit, w.days, 'completed', 'full', w.reimbursed);
      else
        write(
          w.visit,
          w.days,
          'active',
          mode === 'partial' && w.visit.day < pc.todayDay - 1 ? 'partial' : 'none',
          w.reimbursed,
        );
    }
  });
}
