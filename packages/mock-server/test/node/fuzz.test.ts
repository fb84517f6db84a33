// Thousands of malformed and hostile requests derived from the contract's schemas, for every operation.
// The server must never answer 5xx (501 marks an operation not implemented yet, listed at the end) and must
// explain every refusal with an OperationOutcome (OAuth error JSON on the OAuth endpoints).
// Deterministic: FUZZ_SEED=<n> reproduces a run; the seed is printed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContractValidator, listOperations, loadContract, matchRoute, type Operation } from '../../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { outcomeProblem, refusalProblem } from './support/answer-checks.js';
import { FuzzCaseFactory, sampleByCategory, unroutedCases, type FuzzCase } from './support/fuzz-cases.js';
import { HttpClient, rawExchange, type Answer } from './support/http-client.js';
import { mapWithConcurrency } from './support/pool.js';
import { Prng } from './support/prng.js';
import { RequestFactory } from './support/request-factory.js';
import { ROLES, roleTokens, type Role } from './support/role-tokens.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20260310);
const CONCURRENCY = 8;
/** Cases per operation: every category that applies, then a random fill (keeps the suite near 30 s on 2 CPUs). */
const CASES_PER_OPERATION = 36;
/** Dev operations get fewer: every valid-looking one reseeds the store or rewrites faults. */
const DEV_CASES_PER_OPERATION = 12;
const contract = loadContract();
const operations = listOperations(contract);

interface Finding {
  operationId: string;
  kind: string;
  problem: string;
  reproduction: string;
}

/** A short, copy-pasteable description of a request (bodies and long values cut). */
function reproduction(c: FuzzCase): string {
  const headers = Object.entries(c.spec.headers)
    .filter(([name]) => name !== 'Accept')
    .map(
      ([name, value]) =>
        `${name}: ${name === 'Authorization' ? value.replace(/ \S{12,}$/, ' <token>') : value.slice(0, 60)}`,
    )
    .join(' | ');
  const body =
    c.spec.body === undefined
      ? ''
      : ` body(${Buffer.byteLength(c.spec.body)} B): ${c.spec.body.toString().slice(0, 100)}`;
  return `${c.spec.method} ${c.spec.target.slice(0, 120)} [${headers}]${body}`;
}

/** One line per operation and kind of problem (with how often it happened), then one reproduction. */
function report(findings: Finding[], limit = 80): string {
  const groups = new Map<string, { first: Finding; count: number }>();
  for (const finding of findings) {
    const key = `${finding.operationId} ${finding.problem.replace(/\d+/g, '#').slice(0, 70)}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { first: finding, count: 1 });
  }
  return [...groups.values()]
    .slice(0, limit)
    .map(({ first: f, count }) => `${f.operationId} (${count}×, e.g. ${f.kind}): ${f.problem}\n      ${f.reproduction}`)
    .join('\n  ');
}

describe('fuzz: hostile requests derived from the contract', () => {
  let h: Harness;
  let client: HttpClient;
  let factory: RequestFactory;
  let tokens: Record<Role, string>;
  const unimplemented = new Set<string>();
  let sent = 0;
  /** Time spent per kind of case (its first word), to keep the suite fast as the contract grows. */
  const timeByKind = new Map<string, number>();

  before(async () => {
    h = await startHarness();
    client = new HttpClient(new URL(h.url), { maxSockets: CONCURRENCY });
    factory = new RequestFactory(contract, h.server.state, new ContractValidator(contract));
    tokens = (await roleTokens(h)).tokens;
  });
  after(async () => {
    console.log(`fuzz: seed ${SEED}, ${sent} requests`);
    const slowest = [...timeByKind].sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(
      `fuzz: slowest kinds (ms summed over concurrent requests): ${slowest.map(([k, ms]) => `${k} ${Math.round(ms)}`).join(', ')}`,
    );
    console.log(`fuzz: operations answering 501 (not implemented yet): ${[...unimplemented].join(', ') || 'none'}`);
    client.close();
    await h.close();
  });

  function routedOperation(c: FuzzCase): Operation | undefined {
    const route = matchRoute(operations, c.spec.method, new URL(c.spec.target, 'http://mock.invalid').pathname);
    return route && 'operation' in route ? route.operation : undefined;
  }

  function tokenFor(operation: Operation): string | undefined {
    const role = ROLES.find((r) => operation.roles.includes(r));
    return role && tokens[role];
  }

  function casesFor(selected: Operation[], rng: Prng, perOperation: number): FuzzCase[] {
    const cases = new FuzzCaseFactory(rng, factory.sampler);
    const out: FuzzCase[] = [];
    for (const operation of selected) {
      const token = tokenFor(operation);
      const base = factory.build(operation, { ...(token ? { token } : {}), idempotencyKey: rng.uuid() });
      const methodsOfPath = operations.filter((op) => op.path === operation.path).map((op) => op.method.toUpperCase());
      const all = [
        ...cases.jsonBodyCases(base),
        ...cases.formBodyCases(base),
        ...cases.queryCases(base),
        ...cases.pathCases(base),
        ...cases.headerCases(base, tokens.doctor),
        ...cases.methodCases(base, methodsOfPath),
      ];
      out.push(...sampleByCategory(all, perOperation, rng));
    }
    return out;
  }

  /** Sends the cases (8 at a time) and returns what went wrong. */
  async function run(cases: FuzzCase[], through = client): Promise<Finding[]> {
    const findings: Finding[] = [];
    await mapWithConcurrency(cases, CONCURRENCY, async (c) => {
      sent += 1;
      // Judge the answer by the operation the server routes the request to (it resolves `..` in paths).
      const operation = routedOperation(c);
      const finding = (problem: string) =>
        findings.push({
          operationId: c.operationId ?? '(no operation)',
          kind: c.kind,
          problem,
          reproduction: reproduction(c),
        });
      let answer: Answer;
      const started = performance.now();
      try {
        answer = await through.send(c.spec);
      } catch (error) {
        finding(`no answer: ${(error as Error).message}`);
        return;
      } finally {
        const kind = c.kind.split(' ')[0]!;
        timeByKind.set(kind, (timeByKind.get(kind) ?? 0) + performance.now() - started);
      }
      if (answer.status === 501 && operation) {
        unimplemented.add(operation.operationId);
        return;
      }
      if (answer.status >= 500) finding(`server error ${answer.status} ${answer.text.slice(0, 160)}`);
      const refusal = refusalProblem(contract, operation, answer);
      if (refusal) finding(`${answer.status} refusal: ${refusal}`);
    });
    return findings;
  }

  it('sends at least 2,000 hostile requests derived from the contract: no 5xx, every refusal explained', async () => {
    const rng = new Prng(SEED);
    // Dev operations go last: a fuzzed reset revokes every token, which would turn the rest into plain 401s.
    const normal = operations.filter((op) => !op.roles.includes('dev'));
    const dev = operations.filter((op) => op.roles.includes('dev'));
    const first = casesFor(normal, rng, CASES_PER_OPERATION);
    const findings = await run(first);
    const second = casesFor(dev, rng, DEV_CASES_PER_OPERATION);
    const oneConnectionEach = new HttpClient(new URL(h.url), { maxSockets: CONCURRENCY, keepAlive: false });
    findings.push(...(await run(second, oneConnectionEach)));
    oneConnectionEach.close();
    await fetch(`${h.url}/__admin/faults`, { method: 'DELETE' });
    const total = first.length + second.length;
    console.log(`fuzz: ${total} requests over ${operations.length} operations`);
    assert.ok(total >= 2000, `only ${total} fuzz requests were generated`);
    assert.equal(findings.length, 0, `${findings.length} bad answers:\n  ${report(findings)}`);
  });

  it('answers unknown paths, odd targets and wrong methods with 404/405 OperationOutcomes', async () => {
    const cases = unroutedCases();
    const findings = await run(cases);
    assert.equal(findings.length, 0, `${findings.length} bad answers:\n  ${report(findings)}`);
  });

  it('keeps a keep-alive connection usable after refusing an oversized body (413)', async () => {
    const single = new HttpClient(new URL(h.url), { maxSockets: 1 });
    try {
      const headers = { Authorization: `Bearer ${tokens.doctor}`, 'Content-Type': 'application/fhir+json' };
      const big = await single.send({
        method: 'POST',
        target: '/fhir/Patient',
        headers,
        body: JSON.stringify({ pad: 'B'.repeat(3 * 1024 * 1024) }),
      });
      assert.equal(big.status, 413);
      assert.equal(outcomeProblem(big), undefined);
      const started = performance.now();
      const next = await single.send({
        method: 'GET',
        target: '/fhir/Patient/example-nodira',
        headers: { Authorization: headers.Authorization },
      });
      const ms = performance.now() - started;
      assert.equal(next.status, 200);
      assert.ok(
        ms < 1000,
        `the request after a 413 on the same connection took ${Math.round(ms)} ms (connection: ${String(big.headers.connection)})`,
      );
    } finally {
      single.close();
    }
  });

  it('reads raw bytes in header values and URLs without a 5xx, refusing with an OperationOutcome', async () => {
    const origin = new URL(h.url);
    const doctor = tokens.doctor;
    const requests: [string, Buffer][] = [
      [
        'non-UTF-8 bytes in a bearer token',
        Buffer.from(
          'GET /fhir/Patient/example-nodira HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\xfe\r\nConnection: close\r\n\r\n',
          'latin1',
        ),
      ],
      [
        'non-UTF-8 bytes in Accept-Language',
        Buffer.from(
          `GET /fhir/Patient/example-nodira HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${doctor}\r\nAccept-Language: \xff\xfe\xfd\r\nConnection: close\r\n\r\n`,
          'latin1',
        ),
      ],
      [
        'two Authorization headers',
        Buffer.from(
          `GET /fhir/Patient/example-nodira HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nonsense\r\nAuthorization: Bearer ${doctor}\r\nConnection: close\r\n\r\n`,
          'latin1',
        ),
      ],
    ];
    const findings: string[] = [];
    for (const [what, bytes] of requests) {
      sent += 1;
      const answer = await rawExchange(origin, bytes).catch((error: Error) => error);
      if (answer instanceof Error) findings.push(`${what}: no answer (${answer.message})`);
      else if (answer.status >= 500 && answer.status !== 501)
        findings.push(`${what}: ${answer.status} ${answer.text.slice(0, 120)}`);
      else if (answer.status >= 400 && outcomeProblem(answer))
        findings.push(`${what}: ${answer.status} ${outcomeProblem(answer)}`);
    }
    assert.deepEqual(findings, []);
  });

  it('answers requests that HTTP parsing refuses (oversized headers, broken framing) with an OperationOutcome', async () => {
    const origin = new URL(h.url);
    const requests: [string, string][] = [
      [
        'a 64 KB header',
        `GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\nConnection: close\r\n\r\n`,
      ],
      [
        'a 64 KB URL',
        `GET /fhir/Patient?name=${'a'.repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      ],
      ['a broken request line', 'GARBAGE\r\n\r\n'],
      [
        'a NUL byte in a header value',
        'GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nAccept-Language: uz\u0000ru\r\nConnection: close\r\n\r\n',
      ],
      [
        'Content-Length and Transfer-Encoding together',
        'POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n',
      ],
      [
        'a malformed chunk size',
        'POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n',
      ],
      [
        'a body shorter than its Content-Length',
        'POST /fhir/Patient/_search HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\nConnection: close\r\n\r\nname=a',
      ],
      [
        'a negative Content-Length',
        'POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n',
      ],
      ['non-UTF-8 bytes in the path', 'GET /fhir/Patient/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
      [
        'bidi override bytes in the path',
        `GET /fhir/Patient/${Buffer.from('\u202Eabc').toString('latin1')} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      ],
      [
        'non-UTF-8 bytes in the query',
        'GET /fhir/Patient?name=\xc0\xaf HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      ],
    ];
    const findings: string[] = [];
    for (const [what, text] of requests) {
      sent += 1;
      const answer = await rawExchange(origin, Buffer.from(text, 'latin1')).catch((error: Error) => error);
      if (answer instanceof Error) findings.push(`${what}: no answer (${answer.message})`);
      else if (answer.status < 400 || answer.status >= 500)
        findings.push(`${what}: expected a 4xx, got ${answer.status}`);
      else if (outcomeProblem(answer)) findings.push(`${what}: ${answer.status} ${outcomeProblem(answer)}`);
    }
    assert.deepEqual(findings, []);
  });

  it('still answers a normal request afterwards, with no polluted prototypes', async () => {
    // The server runs in this process: `__proto__` members in bodies and forms must not have reached it.
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).role, undefined);
    const doctor = await h.tokenFor('doctor');
    const response = await fetch(`${h.url}/fhir/Patient/example-nodira`, {
      headers: { Authorization: `Bearer ${doctor}` },
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { id?: string };
    assert.equal(body.id, 'example-nodira');
  });
});
