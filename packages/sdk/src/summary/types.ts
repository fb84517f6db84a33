import type { TranslatableConcept } from '../display/coding.js';
import type { Patient } from '../fhir/types.js';

/**
 * Why a section has no entries (`http://terminology.hl7.org/CodeSystem/list-empty-reason`). `nilknown` ("none
 * known") and `notasked` ("no information") must never look alike; `withheld` means the patient's consent
 * restricts it.
 */
export type SummaryEmptyReason = 'nilknown' | 'notasked' | 'withheld' | 'unavailable' | 'notstarted' | 'closed';

/** A FHIR Quantity as the summary carries it (UCUM for measurements). */
export interface SummaryQuantity {
  value?: number;
  comparator?: string;
  unit?: string;
  system?: string;
  code?: string;
}

export interface SummarySection<Entry> {
  /** The section title the server wrote, in the language it negotiated. */
  title?: string;
  entries: Entry[];
  /** Set when `entries` is empty. */
  emptyReason?: SummaryEmptyReason;
  /** The server's wording of the empty reason (plain text). */
  emptyText?: string;
  /** The section narrative as plain text (e.g. "The 300 most recent of 1,204"); never markup. */
  text?: string;
}

export interface AllergyReaction {
  manifestations: TranslatableConcept[];
  severity?: 'mild' | 'moderate' | 'severe';
  substance?: TranslatableConcept;
}

export interface AllergyEntry {
  id?: string;
  code?: TranslatableConcept;
  /** `high` must be shown loudly. */
  criticality?: 'low' | 'high' | 'unable-to-assess';
  type?: 'allergy' | 'intolerance';
  categories: string[];
  verification?: string;
  reactions: AllergyReaction[];
  recordedDate?: string;
  notes: string[];
}

export interface ProblemEntry {
  id?: string;
  code?: TranslatableConcept;
  /** The ICD-10 code, when the condition is coded in ICD-10. */
  icd10?: string;
  clinicalStatus?: string;
  onset?: string;
  recordedDate?: string;
}

export interface DispenseEntry {
  id?: string;
  status?: string;
  quantity?: SummaryQuantity;
  whenHandedOver?: string;
}

export interface MedicationEntry {
  id?: string;
  medication?: TranslatableConcept;
  /** MedicationRequest status: `active`, `on-hold`, … */
  status?: string;
  authoredOn?: string;
  /** The prescription number (the placer identifier). */
  number?: string;
  dosage?: string;
  /** How much was prescribed (`dispenseRequest.quantity`). */
  prescribed?: SummaryQuantity;
  /** How much has been handed over so far (Shifo's `dispensed-quantity` extension, else the sum of dispenses). */
  dispensed?: SummaryQuantity;
  dispenses: DispenseEntry[];
}

export interface ReferenceRange {
  low?: SummaryQuantity;
  high?: SummaryQuantity;
  text?: string;
}

/** One component of a multi-part observation (e.g. systolic and diastolic of a blood pressure). */
export interface ObservationComponent {
  code?: TranslatableConcept;
  loinc?: string;
  value?: SummaryQuantity;
  valueText?: string;
  interpretation?: string;
}

export interface ObservationEntry {
  id?: string;
  code?: TranslatableConcept;
  /** The LOINC code, else the first code: what results are grouped by. */
  key: string;
  status?: string;
  effective?: string;
  value?: SummaryQuantity;
  /** A non-numeric value (string, code), as text. */
  valueText?: string;
  referenceRange?: ReferenceRange;
  /** v3 ObservationInterpretation code: `H`, `L`, `HH`, `LL`, `A`, `N`, … */
  interpretation?: string;
  components: ObservationComponent[];
  /** A panel's members, resolved from `hasMember` (those the summary carries). */
  members: ObservationEntry[];
}

export interface EncounterEntry {
  id?: string;
  status?: string;
  classes: TranslatableConcept[];
  types: TranslatableConcept[];
  start?: string;
  end?: string;
  /** The organization that provided the service, by name when the record gives one. */
  serviceProvider?: string;
  practitioner?: string;
}

export interface SummarySections {
  allergies: SummarySection<AllergyEntry>;
  problems: SummarySection<ProblemEntry>;
  medications: SummarySection<MedicationEntry>;
  /** Laboratory results: panels (with their members) and stand-alone observations, newest first. */
  results: SummarySection<ObservationEntry>;
  /** The latest vital sign per code. */
  vitalSigns: SummarySection<ObservationEntry>;
  encounters: SummarySection<EncounterEntry>;
}

/** The patient summary (`$summary`), parsed for display. */
export interface PatientSummary {
  /** The Patient; national identifiers arrive masked. */
  patient: Patient;
  sections: SummarySections;
  /** When the server assembled the summary. */
  timestamp?: string;
  /** The language the server wrote titles and texts in. */
  language?: string;
  /**
   * Present only when the central store could not be reached and this is the copy from the offline cache:
   * when it was stored (epoch ms) and how old it was when read. Show it as stale ("as of ...").
   */
  cached?: { storedAt: number; ageMs: number };
}
