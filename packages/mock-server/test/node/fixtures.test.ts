import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixturesDir, loadFixtures } from '../../src/index.js';

// The implementation guide's examples as the project received them (shared/ sits beside the checkout).
const shared = fileURLToPath(new URL('../../../../../shared/fixtures/dhp/', import.meta.url));

describe('bundled UZ Core fixtures', () => {
  it('are the implementation guide examples, byte for byte, where shared/ is beside the checkout', () => {
    const ours = readdirSync(fixturesDir).sort();
    if (existsSync(shared)) {
      assert.deepEqual(ours, readdirSync(shared).sort());
      for (const file of ours) {
        assert.equal(readFileSync(`${fixturesDir}${file}`, 'utf8'), readFileSync(`${shared}${file}`, 'utf8'), file);
      }
    }
    assert.ok(ours.filter((file) => file.endsWith('.json')).length >= 16);
  });

  it('all parse as FHIR resources with a type and an id', () => {
    for (const resource of loadFixtures()) {
      assert.match(resource.resourceType, /^[A-Z][A-Za-z]+$/);
      assert.match(resource.id, /^[A-Za-z0-9\-.]{1,64}$/);
    }
  });
});
