// Browser tests: components and the SDK in Chromium, against a real mock server started here on a free port.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { register } from 'tsx/esm/api';
import { chromiumHelp, findChromium } from './scripts/find-chromium.mjs';

const executablePath = findChromium();
if (!executablePath) {
  console.error(chromiumHelp);
  process.exit(1);
}

/** Starts the mock server (from source, through tsx) and tells the tests where it is. */
function mockServerPlugin() {
  let server;
  return {
    name: 'shifo-mock-server',
    async serverStart() {
      register();
      const { startMockServer } = await import('./packages/mock-server/src/index.ts');
      server = await startMockServer({ port: 0, seed: 'demo' });
    },
    async serverStop() {
      await server?.close();
    },
    serve(context) {
      if (context.path === '/__shifo-test-env.js') {
        return { body: `export const mockServerUrl = ${JSON.stringify(server.url)};`, type: 'js' };
      }
    },
  };
}

export default {
  files: ['packages/*/test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  // One page at a time: a page in the background gets no animation frames or rendering updates in headless
  // Chromium, and the card's tests of off-screen (content-visibility) lists and paint need both.
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-dev-shm-usage',
        ],
      },
    }),
  ],
  plugins: [
    mockServerPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'packages/components/tsconfig.json' }),
  ],
};
