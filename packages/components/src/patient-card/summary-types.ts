import type { PatientsApi } from '@shifo/sdk';
import type { Locale } from '../i18n/locales.js';
import type { MessageKey } from '../i18n/translate.js';

/** The parsed `$summary` the card renders (the SDK's `PatientSummary`). */
export type PatientSummary = Awaited<ReturnType<PatientsApi['summary']>>;
export type SummarySections = PatientSummary['sections'];
export type EmptyReason = NonNullable<SummarySections['allergies']['emptyReason']>;
export type AllergyEntry = SummarySections['allergies']['entries'][number];
export type ProblemEntry = SummarySections['problems']['entries'][number];
export type MedicationEntry = SummarySections['medications']['entries'][number];
export type ObservationEntry = SummarySections['results']['entries'][number];
export type EncounterEntry = SummarySections['encounters']['entries'][number];
export type SummaryQuantity = NonNullable<ObservationEntry['value']>;

/** A long list cut to the rows shown so far, and the "show more" control for the rest (or `nothing`). */
export interface BoundedList<Entry> {
  visible: readonly Entry[];
  more: unknown;
}

/** What the render functions need from the element: its language, its messages, and how long lists are cut. */
export interface RenderContext {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Cuts a long list to what has been asked for so far; absent: every entry is shown. */
  bounded?: <Entry>(key: string, entries: readonly Entry[]) => BoundedList<Entry>;
}

/** Every entry, for render contexts that do not cut lists. */
export function boundedList<Entry>(key: string, entries: readonly Entry[], context: RenderContext): BoundedList<Entry> {
  return context.bounded ? context.bounded(key, entries) : { visible: entries, more: undefined };
}
