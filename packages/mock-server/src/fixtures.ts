import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StoredResource } from './store/resource-store.js';

/** The UZ Core example resources (CC BY 4.0, see fixtures/dhp/README.md), shipped with the package. */
export const fixturesDir = fileURLToPath(new URL('../fixtures/dhp/', import.meta.url));

export function loadFixtures(dir = fixturesDir): StoredResource[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as StoredResource);
}
