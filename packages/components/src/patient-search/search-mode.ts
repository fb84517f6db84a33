import type { MessageKey } from '../i18n/translate.js';

/** How the registrar identifies the patient: one form field set per mode. */
export const searchModes = ['pinfl', 'passport', 'birth-certificate', 'name'] as const;

export type SearchMode = (typeof searchModes)[number];

export function isSearchMode(value: unknown): value is SearchMode {
  return typeof value === 'string' && (searchModes as readonly string[]).includes(value);
}

/** The label of each mode's radio button. */
export const modeLabels: Record<SearchMode, MessageKey> = {
  pinfl: 'search.mode.pinfl',
  passport: 'search.mode.passport',
  'birth-certificate': 'search.mode.birth-certificate',
  name: 'search.mode.name',
};
