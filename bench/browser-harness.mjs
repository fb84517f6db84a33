// Headless Chromium against an in-process mock server, for the benchmarks that need a browser (outbox flush,
// card paint). Pages are bundled with esbuild from bench/entries and served from a second origin, so the SDK's
// requests are cross-origin as in a HIS page. Start it once, open as many pages as needed, close it on every way out.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const MOCK_DIST = `${root}packages/mock-server/dist/index.js`;
const HOST = '127.0.0.1';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--headless=new',
];

/** The page's script, bundled as a HIS would ship it (minified, the packages' built `dist`). */
async function bundle(entry) {
  const result = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    conditions: ['browser'],
  });
  return result.outputFiles[0].text;
}

/** A static server for the bundled pages (IndexedDB needs a real origin, not about:blank). */
function startPageServer() {
  const files = new Map();
  const server = createServer((req, res) => {
    const file = files.get(new URL(req.url ?? '/', 'http://pages').pathname);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(file.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      resolve({
        url: `http://${HOST}:${port}`,
        add: (path, type, body) => files.set(path, { type, body }),
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * Starts the mock server (from `packages/mock-server/dist`, seed `demo`), a page server and Chromium.
 * `open(entry, ready)` bundles `entry`, loads it in a new tab and waits for `globalThis[ready]`.
 */
export async function startBrowserHarness() {
  if (!existsSync(MOCK_DIST)) throw new Error(`${MOCK_DIST} is missing: run \`npm run build\` (npm run bench does).`);
  const { startMockServer } = await import(MOCK_DIST);
  const closers = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  };
  try {
    const mock = await startMockServer({ port: 0, host: HOST, seed: 'demo' });
    closers.push(() => mock.close());
    const pages = await startPageServer();
    closers.push(() => pages.close());
    const browser = await puppeteer.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      protocolTimeout: 5 * 60_000,
    });
    closers.push(() => browser.close());

    let opened = 0;
    return {
      mock,
      async tokenFor(user) {
        const response = await fetch(`${mock.url}/__admin/tokens`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ user }),
        });
        if (!response.ok) throw new Error(`no token for ${user}: ${response.status}`);
        return (await response.json()).access_token;
      },
      async open(entry, ready) {
        const name = `page-${++opened}`;
        pages.add(`/${name}.js`, 'text/javascript', await bundle(entry));
        pages.add(
          `/${name}.html`,
          'text/html',
          `<!doctype html><html lang="en"><meta charset="utf-8"><title>${name}</title><body>` +
            `<script type="module" src="/${name}.js"></script></body></html>`,
        );
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        await page.goto(`${pages.url}/${name}.html`, { waitUntil: 'load' });
        await page.waitForFunction((global) => typeof globalThis[global] === 'function', { timeout: 30_000 }, ready);
        if (errors.length) throw new Error(`${entry}: ${errors.join('\n')}`);
        return page;
      },
      close: closeAll,
    };
  } catch (failure) {
    await closeAll();
    throw failure;
  }
}
