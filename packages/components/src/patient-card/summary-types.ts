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

/** What the render functions need from the element: its language and its messages. */
export interface RenderContext {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}
