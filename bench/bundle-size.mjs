import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

/** min+gzip size in bytes of one entry point bundled for browsers, as a HIS would ship it. */
export async function bundleSize(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    conditions: ['browser'],
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
