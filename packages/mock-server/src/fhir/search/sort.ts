import { uzbekSearchKey } from '@shifo/sdk';
import { HttpError } from '../../http/http-error.js';
import type { ServerState } from '../../state.js';
import type { StoredResource } from '../../store/resource-store.js';
import { rangeOfElement } from './date-range.js';
import { referenceOf } from './reference.js';
import { parameterValues, searchParameter } from './search-parameters.js';
import { tokenSortKey } from './token.js';

type SortKey = number | string | undefined;

interface SortField {
  key: (resource: Readonly<StoredResource>) => SortKey;
  descending: boolean;
}

function keyReader(
  state: ServerState,
  type: string,
  name: string,
): ((r: Readonly<StoredResource>) => SortKey) | undefined {
  const parameter = searchParameter(type, name);
  if (!parameter) return undefined;
  const first = (resource: Readonly<StoredResource>) => parameterValues(parameter, resource, state)[0];
  switch (parameter.type) {
    case 'date':
      return (resource) => {
        const value = first(resource);
        const range = value === undefined ? undefined : rangeOfElement(value);
        return range && Number.isFinite(range.start) ? range.start : range?.end;
      };
    case 'string':
      return (resource) => {
        const value = first(resource);
        return typeof value === 'string' ? uzbekSearchKey(value) : undefined;
      };
    case 'token':
      return (resource) => tokenSortKey(first(resource));
    case 'reference':
    case 'uri':
      return (resource) => referenceOf(first(resource));
  }
}

/** Parses `_sort` (`-date,code`): each key must be a search parameter of the type, or `_lastUpdated` / `_id`. */
export function parseSort(state: ServerState, type: string, sort: string | undefined): SortField[] {
  if (!sort) return [];
  return sort.split(',').map((raw) => {
    const descending = raw.startsWith('-');
    const name = descending ? raw.slice(1) : raw;
    const key = keyReader(state, type, name);
    if (!key) throw HttpError.of(400, 'value', `${type} cannot be sorted by "${name.slice(0, 64)}".`, '_sort');
    return { key, descending };
  });
}

function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  // Resources without a value come last whichever the direction, as most FHIR servers do.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return descending ? -order : order;
}

/** Sorts in place by the fields; ties keep the store's order (the sort is stable), so paging is deterministic. */
export function sortResources<T extends Readonly<StoredResource>>(resources: T[], fields: SortField[]): T[] {
  if (fields.length === 0) return resources;
  // Read each key once per resource, not once per comparison.
  const keyed = resources.map((resource) => ({ resource, keys: fields.map((field) => field.key(resource)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const order = compareKeys(a.keys[i], b.keys[i], fields[i]!.descending);
      if (order !== 0) return order;
    }
    return 0;
  });
  keyed.forEach((item, index) => (resources[index] = item.resource));
  return resources;
}
