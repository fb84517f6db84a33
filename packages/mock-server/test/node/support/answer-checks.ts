import type { OpenApiDocument, Operation } from '../../../src/index.js';
import type { Answer } from './http-client.js';

const OAUTH_ERROR_REF = '#/components/schemas/OAuthError';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why an answer is not a well-formed OperationOutcome, or `undefined` when it is one. */
export function outcomeProblem(answer: Answer): string | undefined {
  const body = answer.json;
  if (!isRecord(body)) return `body is not a JSON object: ${JSON.stringify(answer.text.slice(0, 120))}`;
  if (body.resourceType !== 'OperationOutcome') return `resourceType is ${JSON.stringify(body.resourceType)}`;
  if (!Array.isArray(body.issue) || body.issue.length === 0) return 'no issue';
  for (const issue of body.issue) {
    if (!isRecord(issue) || typeof issue.severity !== 'string' || typeof issue.code !== 'string')
      return `malformed issue ${JSON.stringify(issue).slice(0, 120)}`;
  }
  return undefined;
}

/** RFC 6749 error JSON, as the OAuth endpoints answer. */
export function isOAuthError(answer: Answer): boolean {
  return isRecord(answer.json) && typeof answer.json.error === 'string';
}

function responseSchemaRefs(doc: OpenApiDocument, response: unknown): string[] {
  let resolved = response;
  const ref = isRecord(resolved) ? resolved.$ref : undefined;
  if (typeof ref === 'string' && ref.startsWith('#/components/responses/'))
    resolved = doc.components?.responses?.[ref.slice('#/components/responses/'.length)];
  const content = isRecord(resolved) && isRecord(resolved.content) ? resolved.content : {};
  return Object.values(content)
    .map((media) => (isRecord(media) && isRecord(media.schema) ? media.schema.$ref : undefined))
    .filter((r): r is string => typeof r === 'string');
}

/** Does the contract document an OAuth error body for this status of this operation? */
export function documentsOAuthError(doc: OpenApiDocument, operation: Operation, status: number): boolean {
  return responseSchemaRefs(doc, operation.responses[String(status)]).includes(OAUTH_ERROR_REF);
}

/** Operations that answer OAuth error JSON (the token and authorize endpoints). */
export function isOAuthOperation(doc: OpenApiDocument, operation: Operation): boolean {
  return Object.values(operation.responses).some((response) =>
    responseSchemaRefs(doc, response).includes(OAUTH_ERROR_REF),
  );
}

/**
 * Why the body of a refusal is wrong, or `undefined`: every non-2xx answer is an OperationOutcome, except
 * that the OAuth endpoints answer OAuth error JSON where the contract says so (and either, where it is silent).
 * Documented redirects (the authorize endpoint's 302) carry no body.
 */
export function refusalProblem(
  doc: OpenApiDocument,
  operation: Operation | undefined,
  answer: Answer,
): string | undefined {
  if (answer.status < 300) return undefined;
  if (answer.status < 400 && operation && String(answer.status) in operation.responses) return undefined;
  if (operation && isOAuthOperation(doc, operation)) {
    if (documentsOAuthError(doc, operation, answer.status))
      return isOAuthError(answer) ? undefined : `expected OAuth error JSON, got ${answer.text.slice(0, 120)}`;
    if (isOAuthError(answer)) return undefined;
  }
  return outcomeProblem(answer);
}
