import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const sdkRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('generated contract types', () => {
  it('match the contract (run `npm run generate` after changing shifo.openapi.yaml)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'shifo-types-')), 'shifo-api.ts');
    const cli = join(sdkRoot, '../../node_modules/openapi-typescript/bin/cli.js');
    const run = spawnSync(process.execPath, [cli, 'openapi/shifo.openapi.yaml', '--output', out], {
      cwd: sdkRoot,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const committed = readFileSync(join(sdkRoot, 'src/generated/shifo-api.ts'), 'utf8');
    assert.ok(committed === readFileSync(out, 'utf8'), 'src/generated/shifo-api.ts is stale: run `npm run generate`');
  });

  it('include the JSON twin of the YAML contract that programs load', async () => {
    // @ts-expect-error: a plain .mjs script without types
    const { contractJson } = (await import('../../scripts/contract-to-json.mjs')) as { contractJson(): string };
    const committed = readFileSync(join(sdkRoot, 'openapi/shifo.openapi.json'), 'utf8');
    assert.ok(committed === contractJson(), 'openapi/shifo.openapi.json is stale: run `npm run generate`');
  });
});
