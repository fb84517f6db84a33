import type { Patient } from '@shifo/sdk';
import type { SearchQuery } from './search-query.js';
import type { ComponentClient } from '../provider/component-client.js';

/** Rows asked for per name search: enough to choose from, few enough to read; more means "refine". */
export const NAME_SEARCH_LIMIT = 20;

export interface SearchOutcome {
  patients: Patient[];
  /** Matches in the store, when the server says (may exceed `patients.length`). */
  total?: number;
}

/**
 * Runs a validated search through the SDK, which sends every one as `POST …/Patient/_search` with a form body (no
 * identifier or name in a URL). Throws a ShifoError when refused or unreachable.
 */
export async function runSearch(
  client: ComponentClient,
  query: SearchQuery,
  signal: AbortSignal,
): Promise<SearchOutcome> {
  const one = (patient: Patient | undefined): SearchOutcome => ({ patients: patient ? [patient] : [] });
  switch (query.mode) {
    case 'pinfl':
      // The SDK prefers the active record where DHP holds linked duplicates.
      return one(await client.patients.findByPinfl(query.pinfl, { signal }));
    case 'passport':
      // `passport` looks under the local system (ID cards and old passports share it), then the international one.
      return one(await client.patients.findByDocument('passport', query.number, { signal }));
    case 'birth-certificate':
      return one(await client.patients.findByDocument('birth-certificate', query.number, { signal }));
    case 'name':
      return client.patients.search(
        {
          family: query.family,
          ...(query.given ? { given: query.given } : {}),
          birthDate: query.birthDate,
          count: NAME_SEARCH_LIMIT,
        },
        { signal },
      );
  }
}
