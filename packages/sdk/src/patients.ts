import type { ClientContext } from './client-context.js';
import { isUnreachable } from './offline/reachability.js';
import type { SummaryCache } from './offline/summary-cache.js';
import { createPatientLookupApi, type PatientLookupApi } from './patient-lookup.js';
import { capabilitiesOf, hasOperation } from './fhir/capabilities.js';
import { parseSummary } from './summary/parse-summary.js';
import type { PatientSummary } from './summary/types.js';
import { unwrap } from './transport/unwrap.js';

export type { IdentityDocumentKind, PatientSearchQuery, PatientSearchResult } from './patient-lookup.js';
export { patientsOf } from './patient-lookup.js';
export type { PatientSummary };

/** Everything about a patient: finding and reading them (`PatientLookupApi`) and the whole record on one screen. */
export interface PatientsApi extends PatientLookupApi {
  /**
   * The patient summary (`$summary`, an IPS-style document) parsed into sections of entries: allergies,
   * problems, medications, results, vital signs, encounters. Each empty section says why (`nilknown` differs
   * from `notasked`; `withheld` under consent). National identifiers arrive masked. `since` (`YYYY[-MM[-DD]]`)
   * widens or narrows the window of results, vital signs and encounters (server default: 12 months).
   * On a server without `$summary` (DHP lists none) the same document is assembled from searches made in parallel.
   * With `offline` configured, each summary read is kept (encrypted), and when the central store cannot be
   * reached the last one read is returned with `cached` saying how old it is.
   */
  summary(id: string, options?: { signal?: AbortSignal; since?: string }): Promise<PatientSummary>;
}

export function createPatientsApi(
  context: ClientContext,
  cache: SummaryCache<PatientSummary> | undefined = context.offline?.summaries,
): PatientsApi {
  const { fhir } = context;

  /** `$summary` where the server lists it; otherwise the same document assembled from searches in parallel. */
  async function freshSummary(id: string, options?: { signal?: AbortSignal; since?: string }) {
    const statement = await capabilitiesOf(context, options?.signal);
    if (!hasOperation(statement, 'Patient', 'summary')) {
      const { assembleSummary } = await import('./summary/assemble-summary.js');
      return parseSummary(await assembleSummary(context, id, options));
    }
    const query = options?.since === undefined ? {} : { _since: options.since };
    const bundle = unwrap(
      await fhir.GET('/Patient/{id}/$summary', { params: { path: { id }, query }, signal: options?.signal }),
    );
    return parseSummary(bundle);
  }

  return {
    ...createPatientLookupApi(context),
    async summary(id, options) {
      // Only the default window is cached: a summary with another `since` would be mistaken for the usual one.
      const cacheable = cache !== undefined && options?.since === undefined;
      try {
        const summary = await freshSummary(id, options);
        if (cacheable) await cache.put(id, summary).catch(() => undefined);
        return summary;
      } catch (failure) {
        if (!cacheable || !isUnreachable(failure)) throw failure;
        const cached = await cache.get(id).catch(() => undefined);
        if (!cached) throw failure;
        return { ...cached.value, cached: { storedAt: cached.storedAt, ageMs: cached.ageMs } };
      }
    },
  };
}
