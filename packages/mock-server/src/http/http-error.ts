import { errorIssue, operationOutcome, type IssueCode, type OperationOutcome, type OutcomeIssue } from './outcome.js';

/** A refusal that a handler throws; the server turns it into an OperationOutcome response. */
export class HttpError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;
  readonly headers: Record<string, string>;

  constructor(status: number, issues: OutcomeIssue[], headers: Record<string, string> = {}) {
    super(issues[0]?.diagnostics ?? `HTTP ${status}`);
    this.status = status;
    this.outcome = operationOutcome(issues);
    this.headers = headers;
  }

  static of(status: number, code: IssueCode, diagnostics: string, expression?: string): HttpError {
    return new HttpError(status, [errorIssue(code, diagnostics, expression)]);
  }
}
