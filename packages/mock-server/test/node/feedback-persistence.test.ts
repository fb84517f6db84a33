import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createLink, questionnaireResponse, refusalOf, submit } from './feedback-helpers.js';
import { startHarness } from './harness.js';

describe('Feedback links with a data file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shifo-feedback-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps links, their signing key and their single use across a restart', async () => {
    const dataFile = join(dir, 'state.jsonl');
    const first = await startHarness({ dataFile });
    let used: string;
    let unused: string;
    try {
      const nurse = await first.tokenFor('nurse');
      used = (await createLink(first, nurse)).token;
      unused = (await createLink(first, nurse)).token;
      assert.equal((await submit(first, used, { questionnaireResponse: questionnaireResponse() })).status, 201);
    } finally {
      await first.close();
    }

    const second = await startHarness({ dataFile });
    try {
      const info = await fetch(`${second.url}/feedback/links/${unused}`);
      assert.equal(info.status, 200, 'a link signed before the restart still verifies');
      assert.equal(((await info.json()) as { used: boolean }).used, false);
      const again = await submit(second, used, { questionnaireResponse: questionnaireResponse() });
      assert.equal(again.status, 409);
      assert.deepEqual((await refusalOf(again)).shifoCodes, ['link-used']);
      assert.equal((await submit(second, unused, { questionnaireResponse: questionnaireResponse() })).status, 201);
    } finally {
      await second.close();
    }
  });
});
