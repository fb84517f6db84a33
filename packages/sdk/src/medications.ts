import type { ClientContext } from './client-context.js';
import { invalidInput } from './clinical/invalid-input.js';
import { resourcesOf } from './clinical/searchset.js';
import type { Bundle, Schemas } from './fhir/types.js';
import { unwrap } from './transport/unwrap.js';

export type Medication = Schemas['Medication'];

export interface MedicationSearchOptions {
  /** Most results to return, 1-100 (default 20). */
  limit?: number;
  /** Include inactive (withdrawn) products too (default: active only). */
  includeInactive?: boolean;
  signal?: AbortSignal;
}

export interface MedicationsApi {
  /**
   * Formulary medicines whose INN or trade name, in Uzbek (Latin or Cyrillic), Russian or English, starts with the
   * words typed — apostrophe variants (oʻ o‘ o' o`) and scripts match each other, as the server folds them. Each
   * result is a UZ Core Medication whose `id` goes into `prescriptions.create({ items: [{ medicationId }] })`.
   * An empty text is refused (ShifoError `invalid`) rather than listing the whole formulary.
   *
   * @example const options = await shifo.medications.search('amlodipin', { limit: 10 });
   */
  search(text: string, options?: MedicationSearchOptions): Promise<Medication[]>;
}

export function createMedicationsApi(context: ClientContext): MedicationsApi {
  return {
    async search(text, options) {
      const name = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
      if (name === '') throw invalidInput('text', 'Type part of a medicine name.');
      if (name.length > 200) throw invalidInput('text', 'The search text is too long.');
      const limit = options?.limit ?? 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidInput('limit', 'limit is 1 to 100.');
      const bundle = unwrap(
        await context.fhir.GET('/Medication', {
          params: { query: { name, ...(options?.includeInactive ? {} : { status: 'active' }), _count: limit } },
          signal: options?.signal,
        }),
      );
      return resourcesOf<Medication>(bundle as Bundle, 'Medication');
    },
  };
}
