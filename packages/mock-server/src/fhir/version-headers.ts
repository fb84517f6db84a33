import type { StoredResource } from '../store/resource-store.js';

/** `ETag: W/"3"` and `Last-Modified` for a stored resource, as DHP returns them. */
export function versionHeaders(resource: StoredResource): Record<string, string> {
  const headers: Record<string, string> = {};
  if (resource.meta?.versionId) headers.ETag = `W/"${resource.meta.versionId}"`;
  if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  return headers;
}
