import type { StoredResource } from '../store/resource-store.js';

export interface Page {
  count: number;
  page: number;
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;

export function pageOf(params: Record<string, unknown>): Page {
  const count = Math.min(Math.max(Number(params._count ?? DEFAULT_COUNT) || DEFAULT_COUNT, 1), MAX_COUNT);
  const page = Math.max(Number(params._page ?? 1) || 1, 1);
  return { count, page };
}

/** A `searchset` Bundle for one page of matches, with FHIR paging links. */
export function searchBundle(
  origin: string,
  type: string,
  matches: StoredResource[],
  page: Page,
  selfUrl: string,
): Record<string, unknown> {
  const start = (page.page - 1) * page.count;
  const slice = matches.slice(start, start + page.count);
  const link = [{ relation: 'self', url: selfUrl }];
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link,
    entry: slice.map((resource) => ({
      fullUrl: `${origin}/fhir/${type}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
