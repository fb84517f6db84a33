/** FHIR OperationOutcome issue codes the server uses (a subset of http://hl7.org/fhir/issue-type). */
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'not-found'
  | 'not-supported'
  | 'conflict'
  | 'multiple-matches'
  | 'expired'
  | 'business-rule'
  | 'too-long'
  | 'throttled'
  | 'exception'
  | 'transient';

export interface OutcomeIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  code: IssueCode;
  diagnostics: string;
  /** A Shifo error code (docs/contract.md §6), so clients branch without parsing text. */
  details?: { coding: { system: string; code: string }[]; text: string };
  expression?: string[];
}

/** Shifo's own error codes, carried in `issue.details.coding`. */
export const SHIFO_ERROR_SYSTEM = 'https://shifo.uz/fhir/CodeSystem/error';

/** Shifo's error codes (docs/contract.md §6). */
export type ShifoErrorCode =
  | 'token-expired'
  | 'role-forbidden'
  | 'scope-missing'
  | 'not-own-record'
  | 'consent-denied'
  | 'identifying-param-in-url'
  | 'if-match-required'
  | 'version-mismatch'
  | 'version-conflict'
  | 'slot-unavailable'
  | 'over-dispense'
  | 'prescription-not-dispensable'
  | 'not-prescribable'
  | 'invalid-transition'
  | 'service-closed'
  | 'appointment-not-bookable'
  | 'check-in-window'
  | 'idempotency-key-reused'
  | 'link-used'
  | 'link-expired'
  | 'questionnaire-mismatch'
  | 'pinfl-checksum'
  | 'pinfl-birthdate-mismatch'
  | 'rate-limited'
  | 'server-error'
  | 'fault-injected';

/** An error issue that also names its Shifo error code. */
export function codedIssue(
  code: IssueCode,
  shifoCode: ShifoErrorCode,
  text: string,
  expression?: string,
): OutcomeIssue {
  return {
    ...errorIssue(code, text, expression),
    details: { coding: [{ system: SHIFO_ERROR_SYSTEM, code: shifoCode }], text },
  };
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: OutcomeIssue[];
}

export function operationOutcome(issues: OutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

export function errorIssue(code: IssueCode, diagnostics: string, expression?: string): OutcomeIssue {
  return expression === undefined
    ? { severity: 'error', code, diagnostics }
    : { severity: 'error', code, diagnostics, expression: [expression] };
}
