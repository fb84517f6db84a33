import { checkPartialPinfl, isPinflShaped, validatePinfl, type PinflIssue, type PinflIssueCode } from '@shifo/sdk';
import type { MessageKey } from '../i18n/translate.js';

/** One catalog key per SDK issue code; the SDK's `params` fill the placeholders. */
export const pinflIssueKeys: Record<PinflIssueCode, MessageKey> = {
  'pinfl.empty': 'search.pinfl.empty',
  'pinfl.not-digits': 'search.pinfl.not-digits',
  'pinfl.length': 'search.pinfl.length',
  'pinfl.first-digit': 'search.pinfl.first-digit',
  'pinfl.impossible-date': 'search.pinfl.impossible-date',
  'pinfl.checksum': 'search.pinfl.checksum',
  'pinfl.birth-date-mismatch': 'search.pinfl.birth-date-mismatch',
  'pinfl.sex-mismatch': 'search.pinfl.sex-mismatch',
  'pinfl.future-date': 'search.pinfl.future-date',
};

/** What the PINFL field says under itself: a hard error blocks the search, a warning does not. */
export type PinflFeedback =
  { level: 'none' } | { level: 'error'; issue: PinflIssue } | { level: 'warning'; issue: PinflIssue };

function feedbackOf(issue: PinflIssue | undefined, level: 'error' | 'warning'): PinflFeedback {
  return issue ? { level, issue } : { level: 'none' };
}

/**
 * Feedback while the user types: only what the typed digits already rule out (never "too short"); once all 14
 * digits are there, the full check, so a checksum warning shows before Enter is pressed.
 */
export function livePinflFeedback(input: string): PinflFeedback {
  if (isPinflShaped(input)) return feedbackOf(validatePinfl(input).warnings[0], 'warning');
  return feedbackOf(checkPartialPinfl(input), 'error');
}

/** The check on submit: `pinfl` is set unless a hard error refuses the input. */
export function submittedPinfl(input: string): { pinfl?: string; feedback: PinflFeedback } {
  const result = validatePinfl(input);
  if (!result.valid) return { feedback: feedbackOf(result.errors[0], 'error') };
  return { pinfl: result.normalized, feedback: feedbackOf(result.warnings[0], 'warning') };
}
