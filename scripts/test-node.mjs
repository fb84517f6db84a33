// Runs every Node test suite (`packages/*/test/node/*.test.ts`) with node's own test runner.
// TypeScript runs through tsx; workspace packages resolve to their sources (the `source` export condition),
// so no build is needed first.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const files = readdirSync('packages')
  .map((pkg) => join('packages', pkg, 'test', 'node'))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => join(dir, file)),
  );

const result = spawnSync(
  process.execPath,
  [
    '--conditions=source',
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    ...process.argv.slice(2),
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
