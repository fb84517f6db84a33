import { HttpError } from '../../../http/http-error.js';
import type { OutcomeIssue } from '../../../http/outcome.js';

/** `Bundle.entry[2].resource.ofType(Observation)`: where DHP points an issue of one entry of a transaction. */
export function entryResourcePath(index: number, type: string): string {
  return `Bundle.entry[${index}].resource.ofType(${type})`;
}

const requestHeaders: Record<string, string> = { 'If-Match': 'ifMatch', 'If-None-Exist': 'ifNoneExist' };

/** An issue's expression, moved from the resource (`Observation.status`) to its place in the Bundle. */
function atEntry(expression: string | undefined, index: number, type: string): string {
  const resourcePath = entryResourcePath(index, type);
  if (expression === undefined || expression === type || expression === 'body') return resourcePath;
  if (expression.startsWith(`${type}.`) || expression.startsWith(`${type}[`)) {
    return resourcePath + expression.slice(type.length);
  }
  const header = requestHeaders[expression];
  if (header !== undefined) return `Bundle.entry[${index}].request.${header}`;
  if (expression.startsWith('Bundle.')) return expression;
  return `${resourcePath}.${expression}`;
}

/** The issues of a refusal, re-pointed at the entry that caused it. */
export function entryIssues(issues: readonly OutcomeIssue[], index: number, type: string): OutcomeIssue[] {
  return issues.map((issue) => ({
    ...issue,
    expression: (issue.expression?.length ? issue.expression : [undefined]).map((e) => atEntry(e, index, type)),
  }));
}

/** A refusal of one entry, as the whole Bundle's refusal (same status, issues pointing at the entry). */
export function entryError(error: HttpError, index: number, type: string): HttpError {
  return new HttpError(error.status, entryIssues(error.outcome.issue, index, type), error.headers);
}

const reasons: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** `201 Created`, as `Bundle.entry.response.status` carries it. */
export function statusLine(status: number): string {
  return reasons[status] ? `${status} ${reasons[status]}` : String(status);
}
