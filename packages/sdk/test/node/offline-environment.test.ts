import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOutbox, createSummaryCache } from '../../src/index.js';

describe('offline storage outside a browser', () => {
  it('refuses clearly where there is no IndexedDB, instead of failing later', () => {
    const namespace = { tenant: 'org-yunusobod-polyclinic', user: 'doctor' };
    assert.throws(() => createOutbox({ baseUrl: 'http://127.0.0.1:9', ...namespace }), /needs IndexedDB/);
    assert.throws(() => createSummaryCache(namespace), /needs IndexedDB/);
  });
});
