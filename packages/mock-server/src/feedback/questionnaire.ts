import type { ResourceStore, StoredResource } from '../store/resource-store.js';

/** The national patient satisfaction questionnaire (DHP-CONTRACT-BRIEF.md §4), loaded from the UZ Core fixtures. */
export const SATISFACTION_QUESTIONNAIRE = 'https://dhp.uz/fhir/core/Questionnaire/PatientSatisfactionQuestionnaire';

/** Questionnaire.item, as far as answers are checked and counted. */
export interface QuestionnaireItem {
  linkId: string;
  type: string;
  text?: string;
  _text?: unknown;
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  enableWhen?: unknown[];
  answerOption?: AnswerOption[];
  item?: QuestionnaireItem[];
}

export interface AnswerOption {
  valueCoding?: { system?: string; code?: string; display?: string; _display?: unknown };
  valueString?: string;
  valueInteger?: number;
  valueDate?: string;
  valueTime?: string;
  valueReference?: unknown;
}

export type Questionnaire = StoredResource & { url?: string; version?: string; item?: QuestionnaireItem[] };

/** `url|version` → its parts. */
export function splitCanonical(canonical: string): { url: string; version?: string } {
  const bar = canonical.indexOf('|');
  return bar < 0 ? { url: canonical } : { url: canonical.slice(0, bar), version: canonical.slice(bar + 1) };
}

/**
 * The Questionnaire a canonical names: the active one with that `url` (and `version`, when the canonical pins
 * one). Only `active` questionnaires take new responses (UZ Core lifecycle).
 */
export function findQuestionnaire(store: ResourceStore, canonical: string): Questionnaire | undefined {
  const { url, version } = splitCanonical(canonical);
  for (const candidate of store.all('Questionnaire')) {
    if (candidate.url !== url || candidate.status !== 'active') continue;
    if (version !== undefined && candidate.version !== version) continue;
    return structuredClone(candidate) as Questionnaire;
  }
  return undefined;
}
