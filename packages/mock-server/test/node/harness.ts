import { startMockServer, type MockServerOptions, type RunningMockServer } from '../../src/index.js';
import { listOperations, type Operation } from '../../src/contract/operations.js';
import { ContractValidator } from '../../src/contract/validator.js';

export interface Harness {
  server: RunningMockServer;
  url: string;
  /** A bearer token for a demo user (`doctor`, `patient`, `registrar`, ...). */
  tokenFor(user: string): Promise<string>;
  /** Fails the test when a response does not match what the contract promises. */
  assertMatchesContract(operationId: string, response: Response, body: unknown): void;
  close(): Promise<void>;
}

export async function startHarness(options: MockServerOptions = {}): Promise<Harness> {
  const server = await startMockServer({ port: 0, seed: 'demo', ...options });
  const operations = new Map<string, Operation>(listOperations(server.contract).map((op) => [op.operationId, op]));
  const validator = new ContractValidator(server.contract);
  return {
    server,
    url: server.url,
    async tokenFor(user) {
      const response = await fetch(`${server.url}/__admin/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user }),
      });
      if (!response.ok) throw new Error(`no token for ${user}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { access_token: string }).access_token;
    },
    assertMatchesContract(operationId, response, body) {
      const operation = operations.get(operationId);
      if (!operation) throw new Error(`unknown operation ${operationId}`);
      const problems = validator.validateResponse(
        operation,
        response.status,
        response.headers.get('content-type') ?? '',
        body,
      );
      if (problems.length)
        throw new Error(`${operationId} ${response.status} breaks the contract:\n${problems.join('\n')}`);
    },
    close: () => server.close(),
  };
}

/** The OperationOutcome of a refused request, checked to be one. */
export async function outcomeOf(
  response: Response,
): Promise<{ issue: { code: string; diagnostics?: string; expression?: string[] }[] }> {
  const body = (await response.json()) as { resourceType?: string; issue?: unknown[] };
  if (body.resourceType !== 'OperationOutcome')
    throw new Error(`expected an OperationOutcome, got ${JSON.stringify(body).slice(0, 200)}`);
  return body as { issue: { code: string; diagnostics?: string; expression?: string[] }[] };
}
