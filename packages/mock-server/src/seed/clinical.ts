/**
 * Builders of clinical resources (Encounter, Condition, AllergyIntolerance, Observation, MedicationRequest,
 * MedicationDispense) in the shapes of the UZ Core examples. Used by the long-history and clinical-history modules.
 */
import { defaultProfiles } from '@shifo/sdk';
import type { FhirResource, FormularyEntry, LabTest, Text3 } from './types.js';
import { CS, PROFILE, VITAL_PROFILE } from './constants.js';
import { coding, concept, meta, ref, round, translations, ucum } from './fhir.js';
import { medicationConcept, productLabel, unitLabel } from './formulary.js';
import { icd } from './icd10.js';
import { labTest } from './lab-tests.js';
import type { NameLanguage } from './names.js';
import { isoDate, isoDateTime, pad } from './time.js';

/** Who and where a clinical record belongs to. */
export interface ClinicalContext {
  patientId: string;
  patientName: string;
  language: NameLanguage;
  /** Short token used in resource ids (`obs-<token>-00001`). */
  token: string;
}

/** Sequential ids per resource kind for one patient. */
export class IdGen {
  private readonly counters = new Map<string, number>();
  constructor(private readonly token: string) {}
  /** Next id of a kind, e.g. `next('obs', 5)` → `obs-lh-00001`. */
  next(kind: string, width = 4): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${kind}-${this.token}-${pad(n, width)}`;
  }
}

/** A point in local time: day number + minutes after midnight. */
export interface When {
  day: number;
  min: number;
}

const at = (w: When, plusMin = 0): string => isoDateTime(w.day, w.min + plusMin);

function textIn(lang: NameLanguage, t: Text3): { text: string; _text: unknown } {
  return lang === 'ru'
    ? { text: t.ru, _text: translations({ uz: t.uz, en: t.en }) }
    : { text: t.uz, _text: translations({ ru: t.ru, en: t.en }) };
}

/** Options of an encounter. */
export interface EncounterOptions {
  id: string;
  when: When;
  minutes: number;
  roleId: string;
  roleName: string;
  organizationId: string;
  locationId: string;
  conditionIds?: readonly string[];
  kind?: 'treatment' | 'screening';
  inpatientDays?: number;
  status?: 'completed' | 'in-progress' | 'planned';
}

/** UZ Core Encounter. */
export function encounter(ctx: ClinicalContext, o: EncounterOptions): FhirResource {
  const inpatient = o.inpatientDays !== undefined;
  const start = at(o.when);
  const end = inpatient ? isoDateTime(o.when.day + (o.inpatientDays ?? 0), 11 * 60) : at(o.when, o.minutes);
  const status = o.status ?? 'completed';
  const r: FhirResource = {
    resourceType: 'Encounter',
    id: o.id,
    meta: meta(PROFILE.encounter),
    status,
    class: [
      inpatient ? concept(CS.v3ActCode, 'IMP', 'inpatient encounter') : concept(CS.v3ActCode, 'AMB', 'ambulatory'),
    ],
    priority: concept(CS.v3ActPriority, 'R', 'routine'),
    type: [
      o.kind === 'screening'
        ? concept(CS.encounterType, 'mserv-0001-00008', 'Screening')
        : concept(CS.encounterType, 'mserv-0001-00004', 'Treatment services'),
    ],
    subject: ref('Patient', ctx.patientId, ctx.patientName),
    participant: [
      {
        type: [concept(CS.v3ParticipationType, 'ATND', 'attender')],
        period: status === 'completed' ? { start, end } : { start },
        actor: ref('PractitionerRole', o.roleId, o.roleName),
      },
    ],
    actualPeriod: status === 'completed' ? { start, end } : { start },
    serviceProvider: ref('Organization', o.organizationId),
    location: [{ location: ref('Location', o.locationId), status: status === 'completed' ? 'completed' : 'active' }],
  };
  if (status === 'planned') {
    delete r.actualPeriod;
    r.plannedStartDate = start;
  }
  const conds = o.conditionIds ?? [];
  if (conds.length > 0) {
    r.reason = [
      {
        use: [concept(CS.encounterReasonUse, 'mserv-0002-00001', 'Disease')],
        value: conds.map((c) => ({ reference: ref('Condition', c) })),
      },
    ];
    r.diagnosis = [{ condition: conds.map((c) => ({ reference: ref('Condition', c) })) }];
  }
  if (inpatient) {
    r.admission = {
      dischargeDisposition: concept('http://terminology.hl7.org/CodeSystem/discharge-disposition', 'home', 'Home'),
    };
  }
  return r;
}

/** Options of a condition. */
export interface ConditionOptions {
  id: string;
  icd: string;
  onsetDay: number;
  recorded: When;
  encounterId?: string;
  roleId: string;
  status: 'active' | 'resolved' | 'remission' | 'inactive';
  abatementDay?: number;
  severity?: 'mild' | 'moderate' | 'severe';
  category?: 'problem-list-item' | 'encounter-diagnosis';
  note?: string;
}

const SEVERITY: Readonly<Record<'mild' | 'moderate' | 'severe', readonly [string, string]>> = {
  mild: ['255604002', 'Mild'],
  moderate: ['6736007', 'Moderate'],
  severe: ['24484000', 'Severe'],
};

/** UZ Core Condition coded with ICD-10. */
export function condition(ctx: ClinicalContext, o: ConditionOptions): FhirResource {
  const entry = icd(o.icd);
  const r: FhirResource = {
    resourceType: 'Condition',
    id: o.id,
    meta: meta(PROFILE.condition),
    language: ctx.language === 'ru' ? 'ru' : 'uz',
    clinicalStatus: concept(CS.conditionClinical, o.status, o.status.charAt(0).toUpperCase() + o.status.slice(1)),
    verificationStatus: concept(CS.conditionVerification, 'confirmed', 'Confirmed'),
    category: [
      concept(
        CS.conditionCategory,
        o.category ?? 'problem-list-item',
        (o.category ?? 'problem-list-item') === 'problem-list-item' ? 'Problem List Item' : 'Encounter Diagnosis',
      ),
    ],
  };
  if (o.severity !== undefined) {
    const [code, display] = SEVERITY[o.severity];
    r.severity = concept(CS.snomed, code, display);
  }
  r.code = { coding: [coding(CS.icd10, entry.code, entry.display.en)], ...textIn(ctx.language, entry.display) };
  r.subject = ref('Patient', ctx.patientId, ctx.patientName);
  if (o.encounterId !== undefined) r.encounter = ref('Encounter', o.encounterId);
  r.onsetDateTime = isoDate(o.onsetDay);
  if (o.abatementDay !== undefined) r.abatementDateTime = isoDate(o.abatementDay);
  r.recordedDate = at(o.recorded);
  r.participant = [
    { function: concept(CS.provenanceParticipantType, 'author', 'Author'), actor: ref('PractitionerRole', o.roleId) },
  ];
  if (o.note !== undefined) r.note = [{ text: o.note }];
  return r;
}

/** An allergen/reaction coding. */
export interface Coded {
  system: string;
  code: string;
  display: string;
}

/** Options of an allergy or intolerance. */
export interface AllergyOptions {
  id: string;
  code: Coded;
  text: Text3;
  type: 'allergy' | 'intolerance';
  category: 'medication' | 'food' | 'environment' | 'biologic';
  criticality?: 'low' | 'high' | 'unable-to-assess';
  onsetDay?: number;
  recorded: When;
  roleId: string;
  encounterId?: string;
  verification?: 'confirmed' | 'unconfirmed';
  status?: 'active' | 'inactive' | 'resolved';
  reactions?: readonly { manifestation: Coded; severity: 'mild' | 'moderate' | 'severe'; substance?: Coded }[];
  note?: string;
}

/** UZ Core AllergyIntolerance (R5 shapes: `type` CodeableConcept, manifestation CodeableReference). */
export function allergy(ctx: ClinicalContext, o: AllergyOptions): FhirResource {
  const r: FhirResource = {
    resourceType: 'AllergyIntolerance',
    id: o.id,
    meta: meta(PROFILE.allergyIntolerance),
    language: ctx.language === 'ru' ? 'ru' : 'uz',
    clinicalStatus: concept(
      CS.allergyClinical,
      o.status ?? 'active',
      (o.status ?? 'active') === 'active' ? 'Active' : o.status === 'resolved' ? 'Resolved' : 'Inactive',
    ),
    verificationStatus: concept(
      CS.allergyVerification,
      o.verification ?? 'confirmed',
      (o.verification ?? 'confirmed') === 'confirmed' ? 'Confirmed' : 'Unconfirmed',
    ),
    type: concept(CS.allergyType, o.type, o.type === 'allergy' ? 'Allergy' : 'Intolerance'),
    category: [o.category],
  };
  if (o.criticality !== undefined) r.criticality = o.criticality;
  r.code = { coding: [coding(o.code.system, o.code.code, o.code.display)], ...textIn(ctx.language, o.text) };
  r.patient = ref('Patient', ctx.patientId, ctx.patientName);
  if (o.encounterId !== undefined) r.encounter = ref('Encounter', o.encounterId);
  if (o.onsetDay !== undefined) r.onsetDateTime = isoDate(o.onsetDay);
  r.recordedDate = at(o.recorded);
  r.recorder = ref('PractitionerRole', o.roleId);
  if (o.reactions !== undefined && o.reactions.length > 0) {
    r.reaction = o.reactions.map((x) => {
      const reaction: Record<string, unknown> = {};
      if (x.substance !== undefined)
        reaction.substance = { coding: [coding(x.substance.system, x.substance.code, x.substance.display)] };
      reaction.manifestation = [
        { concept: { coding: [coding(x.manifestation.system, x.manifestation.code, x.manifestation.display)] } },
      ];
      reaction.severity = x.severity;
      return reaction;
    });
  }
  if (o.note !== undefined) r.note = [{ text: o.note }];
  return r;
}

/** Common parts of an observation. */
export interface ObsBase {
  id: string;
  when: When;
  encounterId?: string;
  performer: { type: 'PractitionerRole' | 'Organization'; id: string };
}

const vitalCategory = [concept(CS.observationCategory, 'vital-signs', 'Vital Signs')];
const labCategory = [concept(CS.observationCategory, 'laboratory', 'Laboratory')];

function obsHead(
  ctx: ClinicalContext,
  b: ObsBase,
  profiles: string[],
  category: unknown,
  code: unknown,
  issuedPlusMin: number,
): FhirResource {
  const r: FhirResource = {
    resourceType: 'Observation',
    id: b.id,
    meta: meta(PROFILE.observation, ...profiles),
    status: 'final',
    category,
    code,
    subject: ref('Patient', ctx.patientId, ctx.patientName),
  };
  if (b.encounterId !== undefined) r.encounter = ref('Encounter', b.encounterId);
  r.effectiveDateTime = at(b.when);
  r.issued = at(b.when, issuedPlusMin);
  r.performer = [ref(b.performer.type, b.performer.id)];
  return r;
}

/** Vital signs the seed records. */
export type VitalKind = 'hr' | 'temp' | 'weight' | 'height' | 'bmi' | 'spo2' | 'rr';

const VITALS: Readonly<
  Record<
    VitalKind,
    { loinc: string; display: string; unit: string; unitDisplay: string; profile: string; decimals: number }
  >
> = {
  hr: {
    loinc: '8867-4',
    display: 'Heart rate',
    unit: '/min',
    unitDisplay: 'beats/minute',
    profile: VITAL_PROFILE.heartRate,
    decimals: 0,
  },
  temp: {
    loinc: '8310-5',
    display: 'Body temperature',
    unit: 'Cel',
    unitDisplay: 'C',
    profile: VITAL_PROFILE.bodyTemp,
    decimals: 1,
  },
  weight: {
    loinc: '29463-7',
    display: 'Body weight',
    unit: 'kg',
    unitDisplay: 'kg',
    profile: VITAL_PROFILE.bodyWeight,
    decimals: 1,
  },
  height: {
    loinc: '8302-2',
    display: 'Body height',
    unit: 'cm',
    unitDisplay: 'cm',
    profile: VITAL_PROFILE.bodyHeight,
    decimals: 1,
  },
  bmi: {
    loinc: '39156-5',
    display: 'Body mass index (BMI) [Ratio]',
    unit: 'kg/m2',
    unitDisplay: 'kg/m2',
    profile: VITAL_PROFILE.bmi,
    decimals: 1,
  },
  spo2: {
    loinc: '2708-6',
    display: 'Oxygen saturation in Arterial blood',
    unit: '%',
    unitDisplay: '%',
    profile: VITAL_PROFILE.oxygenSat,
    decimals: 0,
  },
  rr: {
    loinc: '9279-1',
    display: 'Respiratory rate',
    unit: '/min',
    unitDisplay: 'breaths/minute',
    profile: VITAL_PROFILE.respRate,
    decimals: 0,
  },
};

/** A single-value vital sign (DHP LOINC codes, UCUM units). */
export function vital(
  ctx: ClinicalContext,
  b: ObsBase,
  kind: VitalKind,
  value: number,
  derivedFrom?: readonly string[],
): FhirResource {
  const v = VITALS[kind];
  const r = obsHead(ctx, b, [VITAL_PROFILE.base, v.profile], vitalCategory, concept(CS.loinc, v.loinc, v.display), 0);
  r.valueQuantity = ucum(round(value, v.decimals), v.unit, v.unitDisplay);
  if (derivedFrom !== undefined && derivedFrom.length > 0)
    r.derivedFrom = derivedFrom.map((id) => ref('Observation', id));
  return r;
}

/** Blood pressure panel 85354-9 with systolic 8480-6 and diastolic 8462-4 components. */
export function bloodPressure(ctx: ClinicalContext, b: ObsBase, systolic: number, diastolic: number): FhirResource {
  const r = obsHead(
    ctx,
    b,
    [VITAL_PROFILE.base, VITAL_PROFILE.bp],
    vitalCategory,
    concept(CS.loinc, '85354-9', 'Blood pressure panel with all children optional'),
    0,
  );
  const sys = Math.round(systolic);
  const dia = Math.round(diastolic);
  const sysComp: Record<string, unknown> = {
    code: concept(CS.loinc, '8480-6', 'Systolic blood pressure'),
    valueQuantity: ucum(sys, 'mm[Hg]', 'mmHg'),
  };
  const diaComp: Record<string, unknown> = {
    code: concept(CS.loinc, '8462-4', 'Diastolic blood pressure'),
    valueQuantity: ucum(dia, 'mm[Hg]', 'mmHg'),
  };
  if (sys >= 140) sysComp.interpretation = [concept(CS.v3Interpretation, 'H', 'High')];
  else if (sys < 90) sysComp.interpretation = [concept(CS.v3Interpretation, 'L', 'Low')];
  if (dia >= 90) diaComp.interpretation = [concept(CS.v3Interpretation, 'H', 'High')];
  else if (dia < 60) diaComp.interpretation = [concept(CS.v3Interpretation, 'L', 'Low')];
  r.component = [sysComp, diaComp];
  return r;
}

function labCode(t: LabTest): Record<string, unknown> {
  const codings = [coding(CS.loinc, t.loinc, t.display.en)];
  if (t.loinc === '58410-2') codings.push(coding(CS.observationLabResearch, 'lab-A'));
  return { coding: codings, text: t.display.uz, _text: translations({ ru: t.display.ru, en: t.display.en }) };
}

/** A laboratory result with reference range and H/L interpretation. */
export function labResult(ctx: ClinicalContext, b: ObsBase, loinc: string, value: number, note?: string): FhirResource {
  const t = labTest(loinc);
  if (t.unit === undefined) throw new Error(`${loinc} is a panel, not a result`);
  const r = obsHead(ctx, b, [], labCategory, labCode(t), 180);
  const v = round(value, t.decimals);
  r.valueQuantity = ucum(v, t.unit, t.unitDisplay ?? t.unit);
  if (t.high !== undefined && v > t.high) r.interpretation = [concept(CS.v3Interpretation, 'H', 'High')];
  else if (t.low !== undefined && v < t.low) r.interpretation = [concept(CS.v3Interpretation, 'L', 'Low')];
  const range: Record<string, unknown> = {};
  if (t.low !== undefined) range.low = ucum(t.low, t.unit, t.unitDisplay ?? t.unit);
  if (t.high !== undefined) range.high = ucum(t.high, t.unit, t.unitDisplay ?? t.unit);
  range.type = concept('http://terminology.hl7.org/CodeSystem/referencerange-meaning', 'normal', 'Normal Range');
  r.referenceRange = [range];
  if (note !== undefined) r.note = [{ text: note }];
  return r;
}

/** A panel Observation pointing at separately resulted members (`hasMember`). */
export function labPanel(ctx: ClinicalContext, b: ObsBase, loinc: string, memberIds: readonly string[]): FhirResource {
  const t = labTest(loinc);
  const r = obsHead(ctx, b, [], labCategory, labCode(t), 180);
  r.hasMember = memberIds.map((id) => ref('Observation', id));
  return r;
}

/** Options of a prescription. */
export interface PrescriptionOptions {
  id: string;
  number: string;
  entry: FormularyEntry;
  authored: When;
  roleId: string;
  roleName: string;
  encounterId?: string;
  conditionId?: string;
  conditionIcd?: string;
  dose: { value: number; timesPerDay: number };
  days: number;
  status: 'active' | 'completed' | 'stopped' | 'cancelled' | 'on-hold' | 'entered-in-error';
  statusReason?: { code: string; display: string };
  statusChangedDay?: number;
  pharmacyId?: string;
  /** Issue as a reimbursement order when the product is reimbursed (default true). */
  reimbursed?: boolean;
  note?: string;
}

/** Units handed over per dose for countable forms (tablets, capsules, …), else undefined. */
function unitsPerDose(e: FormularyEntry, doseValue: number): number | undefined {
  const countable = ['tablet', 'capsule', 'suppository', 'sachet', 'vial'].includes(e.strength.per.unit);
  return countable ? doseValue / e.strength.value : undefined;
}

/** Quantity to dispense, in pieces (dona): tablets for countable forms, packs otherwise. */
export function prescribedPieces(e: FormularyEntry, doseValue: number, timesPerDay: number, days: number): number {
  const per = unitsPerDose(e, doseValue);
  if (per === undefined) return Math.max(1, Math.ceil(days / 30));
  return Math.ceil(per * timesPerDay * days);
}

const UNIT_UZ: Readonly<Record<string, string>> = {
  tablet: 'tabletka',
  capsule: 'kapsula',
  suppository: 'sham',
  sachet: 'paketcha',
  vial: 'flakon',
};

/** Uzbek dosage text, e.g. "1 tabletka (500 mg) dan kuniga 3 marta, 7 kun". */
export function dosageText(e: FormularyEntry, doseValue: number, timesPerDay: number, days: number): string {
  const per = unitsPerDose(e, doseValue);
  const amount = `${doseValue} ${unitLabel(e.strength.unit)}`;
  const head =
    per === undefined ? amount : `${round(per, 2)} ${UNIT_UZ[e.strength.per.unit] ?? e.strength.per.unit} (${amount})`;
  return `${head} dan kuniga ${timesPerDay} marta, ${days} kun`;
}

/** Quantity in pieces (`dona`), in the IG's local unit system. */
export function pieces(value: number): Record<string, unknown> {
  return { value, unit: 'dona', system: CS.medicationTotalVolumeLocalUnits, code: 'piece' };
}

/** UZ Core MedicationRequest (an e-prescription). */
export function medicationRequest(ctx: ClinicalContext, o: PrescriptionOptions): FhirResource {
  const e = o.entry;
  const reimbursedOrder = e.flags.reimbursed && o.reimbursed !== false;
  const cap = reimbursedOrder ? 30 : e.validityDaysCap;
  const startDay = o.authored.day;
  const category: unknown[] = [concept(CS.medicationRequestAdminLocation, 'outpatient', 'Outpatient')];
  if (reimbursedOrder)
    category.push(concept(CS.medicationRequestOrderType, 'rembr-0001-00001', 'Rembursatsiyali buyurtma'));
  const r: FhirResource = {
    resourceType: 'MedicationRequest',
    id: o.id,
    meta: meta(PROFILE.medicationRequest),
    language: 'uz',
    identifier: [
      {
        use: 'official',
        type: concept(CS.v2_0203, 'PLAC', 'Placer Identifier'),
        system: defaultProfiles.identifierSystems.prescriptionNumber,
        value: o.number,
      },
    ],
    status: o.status,
  };
  if (o.statusReason !== undefined)
    r.statusReason = concept(CS.medicationRequestStatusReason, o.statusReason.code, o.statusReason.display);
  if (o.statusChangedDay !== undefined) r.statusChanged = isoDateTime(o.statusChangedDay, 10 * 60);
  r.intent = 'order';
  r.category = category;
  r.medication = { concept: medicationConcept(e), reference: ref('Medication', e.medicationId, productLabel(e)) };
  r.subject = ref('Patient', ctx.patientId, ctx.patientName);
  if (o.encounterId !== undefined) r.encounter = ref('Encounter', o.encounterId);
  r.authoredOn = at(o.authored);
  r.requester = ref('PractitionerRole', o.roleId, o.roleName);
  if (o.conditionIcd !== undefined || o.conditionId !== undefined) {
    const reason: Record<string, unknown> = {};
    if (o.conditionIcd !== undefined) {
      const entry = icd(o.conditionIcd);
      reason.concept = { coding: [coding(CS.icd10, entry.code, entry.display.en)], text: entry.display.uz };
    }
    if (o.conditionId !== undefined) reason.reference = ref('Condition', o.conditionId);
    r.reason = [reason];
  }
  r.effectiveDosePeriod = { start: isoDate(startDay), end: isoDate(startDay + o.days - 1) };
  const text = dosageText(e, o.dose.value, o.dose.timesPerDay, o.days);
  r.dosageInstruction = [
    {
      sequence: 1,
      text,
      timing: {
        repeat: {
          boundsDuration: ucum(o.days, 'd', 'days'),
          frequency: o.dose.timesPerDay,
          period: 1,
          periodUnit: 'd',
        },
      },
      route: concept(CS.snomed, e.route.code, e.route.display.en),
      doseAndRate: [{ doseQuantity: ucum(o.dose.value, e.strength.unit, unitLabel(e.strength.unit)) }],
    },
  ];
  const dispenseRequest: Record<string, unknown> = {
    validityPeriod: { start: isoDate(startDay), end: isoDate(startDay + cap) },
    quantity: pieces(prescribedPieces(e, o.dose.value, o.dose.timesPerDay, o.days)),
    expectedSupplyDuration: ucum(o.days, 'd', 'days'),
  };
  if (o.pharmacyId !== undefined) dispenseRequest.dispenser = ref('Organization', o.pharmacyId);
  r.dispenseRequest = dispenseRequest;
  if (o.note !== undefined) r.note = [{ text: o.note }];
  return r;
}

/** Options of a dispense. */
export interface DispenseOptions {
  id: string;
  requestId: string;
  entry: FormularyEntry;
  handedOver: When;
  quantity: number;
  days: number;
  pharmacistRoleId: string;
  pharmacyId: string;
}

/** UZ Core MedicationDispense (status completed, one per supply; partial supplies leave the request active). */
export function medicationDispense(ctx: ClinicalContext, o: DispenseOptions): FhirResource {
  return {
    resourceType: 'MedicationDispense',
    id: o.id,
    meta: meta(PROFILE.medicationDispense),
    identifier: [{ value: `MD-${o.id.replace(/^md-/, '').toUpperCase()}` }],
    status: 'completed',
    category: [concept(CS.medicationDispenseAdminLocation, 'outpatient', 'Outpatient')],
    medication: {
      concept: medicationConcept(o.entry),
      reference: ref('Medication', o.entry.medicationId, productLabel(o.entry)),
    },
    subject: ref('Patient', ctx.patientId, ctx.patientName),
    performer: [{ actor: ref('PractitionerRole', o.pharmacistRoleId) }, { actor: ref('Organization', o.pharmacyId) }],
    authorizingPrescription: [ref('MedicationRequest', o.requestId)],
    quantity: pieces(o.quantity),
    daysSupply: ucum(o.days, 'd', 'days'),
    recorded: at(o.handedOver, 5),
    whenPrepared: at(o.handedOver, -10),
    whenHandedOver: at(o.handedOver),
    receiver: [ref('Patient', ctx.patientId)],
  };
}
