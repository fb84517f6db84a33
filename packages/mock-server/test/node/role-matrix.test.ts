// The role × operation matrix, generated from the contract: every operation, every role (and no token).
// A new operation in the contract is covered without touching this file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContractValidator, listOperations, loadContract, type Operation } from '../../src/index.js';
import { startHarness, type Harness } from './harness.js';
import { refusalProblem } from './support/answer-checks.js';
import { HttpClient, type Answer } from './support/http-client.js';
import { RequestFactory } from './support/request-factory.js';
import { ROLES, roleTokens, type Role, type RoleTokens } from './support/role-tokens.js';

const contract = loadContract();
const operations = listOperations(contract);

function isOpen(operation: Operation): boolean {
  return operation.roles.includes('public') || operation.roles.includes('dev');
}

interface Issue {
  code?: string;
  details?: { coding?: { code?: string }[] };
  expression?: string[];
}

function issuesOf(answer: Answer): Issue[] {
  return (answer.json as { issue?: Issue[] } | undefined)?.issue ?? [];
}

/**
 * A 403 `role-forbidden` about the call itself. In a transaction each entry is checked as its own create or
 * update, so a refusal pointing into `Bundle.entry[n]` is about that entry, not about the caller's role.
 */
function roleForbidden(answer: Answer): boolean {
  return (
    answer.status === 403 &&
    issuesOf(answer).some(
      (issue) =>
        (issue.details?.coding ?? []).some((coding) => coding.code === 'role-forbidden') &&
        !(issue.expression ?? []).some((expression) => expression.startsWith('Bundle.entry')),
    )
  );
}

/** A 401 that asks for a bearer token (an OAuth client-authentication 401 on the token endpoint is not one). */
function demandsBearerToken(answer: Answer): boolean {
  return answer.status === 401 && /^Bearer/i.test(String(answer.headers['www-authenticate'] ?? ''));
}

/** `doctor: X` and `nurse: X` → `doctor, nurse: X`, so one defect reads as one line. */
function groupByProblem(problems: string[]): string[] {
  const callersByProblem = new Map<string, string[]>();
  for (const problem of problems) {
    const colon = problem.indexOf(': ');
    const text = problem.slice(colon + 2);
    callersByProblem.set(text, [...(callersByProblem.get(text) ?? []), problem.slice(0, colon)]);
  }
  return [...callersByProblem].map(([text, callers]) => `${callers.join(', ')}: ${text}`);
}

function summary(answer: Answer): string {
  return `${answer.status} ${answer.text.slice(0, 200)}`;
}

describe('role × operation matrix (generated from the contract)', () => {
  let h: Harness;
  let client: HttpClient;
  let factory: RequestFactory;
  let validator: ContractValidator;
  let systemSource: RoleTokens['systemSource'] | undefined;
  const unimplemented = new Set<string>();
  let requests = 0;

  before(async () => {
    h = await startHarness();
    client = new HttpClient(new URL(h.url));
    validator = new ContractValidator(contract);
    factory = new RequestFactory(contract, h.server.state, validator);
  });
  after(async () => {
    console.log(
      `role matrix: ${operations.length} operations × ${ROLES.length + 1} callers, ${requests} requests; ` +
        `system token from ${systemSource ?? '?'}`,
    );
    console.log(
      `role matrix: operations answering 501 (not implemented yet): ${[...unimplemented].join(', ') || 'none'}`,
    );
    client.close();
    await h.close();
  });

  /** Problems with an answer that any caller may get: 5xx, or a body the contract does not promise. */
  function generalProblems(operation: Operation, who: string, answer: Answer): string[] {
    if (answer.status === 501) {
      unimplemented.add(operation.operationId);
      return [];
    }
    const problems: string[] = [];
    if (answer.status >= 500) problems.push(`${who}: server error ${summary(answer)}`);
    const refusal = refusalProblem(contract, operation, answer);
    if (refusal) problems.push(`${who}: ${answer.status} refusal is not an OperationOutcome: ${refusal}`);
    const contentType = String(answer.headers['content-type'] ?? '');
    const broken = answer.streamed
      ? String(answer.status) in operation.responses
        ? []
        : [`status ${answer.status} is not documented`]
      : validator.validateResponse(operation, answer.status, contentType, answer.json ?? answer.text);
    if (broken.length) problems.push(`${who}: ${answer.status} breaks the contract: ${broken.slice(0, 5).join('; ')}`);
    return problems;
  }

  async function call(operation: Operation, token: string | undefined): Promise<Answer> {
    requests += 1;
    return client.send(factory.build(operation, token === undefined ? {} : { token }).spec);
  }

  for (const operation of operations) {
    const label = `${operation.operationId} (${operation.method.toUpperCase()} ${operation.path}) — ${operation.roles.join(', ')}`;
    it(label, async () => {
      // Dev operations reset the store and revoke tokens: every operation starts with fresh ones.
      const minted = await roleTokens(h);
      systemSource = minted.systemSource;
      const { tokens } = minted;

      const probe = factory.build(operation, { token: tokens.system });
      assert.deepEqual(
        probe.issues,
        [],
        `the generator built a request the contract refuses: ${probe.issues.join('; ')}`,
      );

      const problems: string[] = [];
      const callers: (Role | undefined)[] = [undefined, ...ROLES];
      for (const role of callers) {
        const who = role ?? 'no token';
        const answer = await call(operation, role && tokens[role]);
        problems.push(...generalProblems(operation, who, answer));
        if (isOpen(operation)) {
          if (demandsBearerToken(answer)) problems.push(`${who}: open operation asked for a token ${summary(answer)}`);
          if (roleForbidden(answer)) problems.push(`${who}: open operation refused the role ${summary(answer)}`);
        } else if (role !== undefined && operation.roles.includes(role)) {
          if (answer.status === 401) problems.push(`${who}: may call it but got 401 ${summary(answer)}`);
          if (roleForbidden(answer)) problems.push(`${who}: may call it but got role-forbidden ${summary(answer)}`);
        } else if (role === undefined) {
          if (answer.status !== 401) problems.push(`no token: expected 401, got ${summary(answer)}`);
          else if (!demandsBearerToken(answer))
            problems.push('no token: 401 without a WWW-Authenticate: Bearer challenge');
        } else if (answer.status !== 403) {
          problems.push(`${who}: not in x-shifo-roles, expected 403, got ${summary(answer)}`);
        } else if (!issuesOf(answer).some((issue) => issue.code === 'forbidden' || issue.code === 'security')) {
          problems.push(`${who}: 403 without a forbidden/security issue: ${summary(answer)}`);
        }
      }
      if (operation.roles.includes('dev')) await fetch(`${h.url}/__admin/faults`, { method: 'DELETE' });
      const grouped = groupByProblem(problems);
      assert.deepEqual(grouped, [], `${operation.operationId}:\n  ${grouped.join('\n  ')}`);
    });
  }
});
