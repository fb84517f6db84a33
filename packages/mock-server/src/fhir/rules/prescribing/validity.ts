import type { FormularyEntry } from '../../../seed/types.js';
import { HttpError } from '../../../http/http-error.js';
import { codedIssue, errorIssue, type OutcomeIssue } from '../../../http/outcome.js';
import { asObject, asObjects, codings, type JsonObject } from './json.js';
import { addDays, daysBetween, fullDate } from './local-date.js';
import { REIMBURSED_ORDER } from './terminology.js';

const EXPRESSION = 'MedicationRequest.dispenseRequest.validityPeriod';

/** Longest validity in days: 30 reimbursed (product or reimbursement order), 60 anabolic, 90 others (DOMAIN.md). */
export function validityCapDays(entry: FormularyEntry, request: JsonObject): number {
  const reimbursedOrder = asObjects(request.category).some((category) =>
    codings(category).some((c) => c.system === REIMBURSED_ORDER.system && c.code === REIMBURSED_ORDER.code),
  );
  return reimbursedOrder ? Math.min(30, entry.validityDaysCap) : entry.validityDaysCap;
}

/**
 * Completes `dispenseRequest.validityPeriod` on `request` (start defaults to today, end to start + the cap) and
 * returns the refusals of the period, if any: longer than the cap (the contract says the server "refuses (422) …
 * validity beyond the legal maximum": a prescription is a signed document, so it is never shortened silently), or
 * already over (it ended before today: no pharmacy could ever dispense it, so it is not signed at all).
 * A malformed period (partial dates, end before start) is bad input: 400.
 */
export function applyValidity(request: JsonObject, entry: FormularyEntry, today: string): OutcomeIssue[] {
  const dispenseRequest = asObject(request.dispenseRequest) ?? {};
  const period = asObject(dispenseRequest.validityPeriod) ?? {};
  const cap = validityCapDays(entry, request);
  const start = period.start === undefined ? today : fullDate(period.start);
  if (start === undefined) {
    throw new HttpError(400, [errorIssue('value', 'The validity start must be a full date.', `${EXPRESSION}.start`)]);
  }
  const end = period.end === undefined ? addDays(start, cap) : fullDate(period.end);
  if (end === undefined) {
    throw new HttpError(400, [errorIssue('value', 'The validity end must be a full date.', `${EXPRESSION}.end`)]);
  }
  const days = daysBetween(start, end);
  if (days < 0) {
    throw new HttpError(400, [errorIssue('invariant', 'The validity period ends before it starts.', EXPRESSION)]);
  }
  period.start ??= start;
  period.end ??= end;
  dispenseRequest.validityPeriod = period;
  request.dispenseRequest = dispenseRequest;
  const refusals: OutcomeIssue[] = [];
  if (days > cap) {
    refusals.push(
      codedIssue(
        'business-rule',
        'not-prescribable',
        `A prescription of ${entry.inn.en} may be valid for ${cap} days at most; this one is valid for ${days}.`,
        EXPRESSION,
      ),
    );
  }
  // Full dates compare as text. The last day of the period is still valid.
  if (end < today) {
    refusals.push(
      codedIssue(
        'business-rule',
        'not-prescribable',
        `The validity period ended on ${end}, before today (${today}): a prescription must still be valid when it is signed.`,
        `${EXPRESSION}.end`,
      ),
    );
  }
  return refusals;
}

/** The validity period of a stored prescription as full dates (either end may be open). */
export function validityOf(request: JsonObject): { start?: string; end?: string } {
  const period = asObject(asObject(request.dispenseRequest)?.validityPeriod);
  const out: { start?: string; end?: string } = {};
  const start = fullDate(period?.start);
  const end = fullDate(period?.end);
  if (start !== undefined) out.start = start;
  if (end !== undefined) out.end = end;
  return out;
}
