// `npm start`: the mock server on :4010 and the demo HIS page on :5173, until Ctrl-C.
import { startMockServer } from '@shifo/mock-server';
import { serveStatic } from './static-server.mjs';

const MOCK_PORT = Number(process.env.SHIFO_MOCK_PORT ?? 4010);
const DEMO_PORT = Number(process.env.SHIFO_DEMO_PORT ?? 5173);

function explainBusyPort(error, port, what) {
  if (error?.code === 'EADDRINUSE') {
    console.error(
      `Port ${port} is in use, so the ${what} cannot start. Stop whatever uses it, or set ${
        what === 'mock server' ? 'SHIFO_MOCK_PORT' : 'SHIFO_DEMO_PORT'
      }.`,
    );
    process.exit(1);
  }
  throw error;
}

const mock = await startMockServer({ port: MOCK_PORT, seed: 'demo', queuesAlwaysOpen: true }).catch((error) =>
  explainBusyPort(error, MOCK_PORT, 'mock server'),
);
const demo = await serveStatic('examples/his-demo', DEMO_PORT).catch((error) =>
  explainBusyPort(error, DEMO_PORT, 'demo page'),
);
const demoUrl = `http://127.0.0.1:${DEMO_PORT}/${MOCK_PORT === 4010 ? '' : `?server=${encodeURIComponent(mock.url)}`}`;

console.log(`
  Shifo demo is running.

  Demo HIS page:  ${demoUrl}
  Mock server:    ${mock.url}   (OpenAPI: ${mock.url}/openapi.json)

  Demo sign-in: the page signs in as the demo user "doctor" (switch to "registrar" or "patient" at the top right).
  Try PINFL 40503855900021 (Karimova Nodira Anvarovna) in the search box, and the "no connection" switch.

  Press Ctrl-C to stop both.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    demo.closeAllConnections?.();
    await Promise.all([mock.close(), new Promise((resolve) => demo.close(resolve))]);
    console.log('Stopped.');
    process.exit(0);
  });
}
