import type { StoredResource } from '../store/resource-store.js';

export interface Page {
  count: number;
  page: number;
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;

function positive(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(number) && number >= 1 ? number : undefined;
}

/** `_count` (default 20, at most 100) and `_page` (from 1) of a search, from validated parameters. */
export function pageOf(params: Record<string, unknown>): Page {
  return {
    count: Math.min(positive(params._count) ?? DEFAULT_COUNT, MAX_COUNT),
    page: positive(params._page) ?? 1,
  };
}

export interface SearchsetParts {
  origin: string;
  /** This page's matches, as the caller may see them. */
  matches: readonly Readonly<StoredResource>[];
  /** Resources `_include`d for this page. */
  included: readonly Readonly<StoredResource>[];
  /** All matches the caller may see, over every page. */
  total: number;
  page: Page;
  /** The URL of page `n` (GET: the query with `_page=n`; POST: only `_page` and `_count`). */
  linkFor(page: number): string;
}

/** A `searchset` Bundle with FHIR paging links (self, first, previous, next, last). */
export function searchBundle(parts: SearchsetParts): Record<string, unknown> {
  const { page, total } = parts;
  const last = Math.max(1, Math.ceil(total / page.count));
  const link = [
    { relation: 'self', url: parts.linkFor(page.page) },
    { relation: 'first', url: parts.linkFor(1) },
  ];
  if (page.page > 1) link.push({ relation: 'previous', url: parts.linkFor(Math.min(page.page - 1, last)) });
  if (page.page < last) link.push({ relation: 'next', url: parts.linkFor(page.page + 1) });
  link.push({ relation: 'last', url: parts.linkFor(last) });
  const entry = (resource: Readonly<StoredResource>, mode: 'match' | 'include') => ({
    fullUrl: `${parts.origin}/fhir/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode },
  });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link,
    entry: [...parts.matches.map((r) => entry(r, 'match')), ...parts.included.map((r) => entry(r, 'include'))],
  };
}
