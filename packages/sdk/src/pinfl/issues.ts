/**
 * Every issue code `validatePinfl` and `checkPartialPinfl` can report, so that UI packages can keep one i18n key per
 * code (and a test can check that none is missing).
 */
export const pinflIssueCodes = [
  // Hard errors: the input cannot be a PINFL.
  'pinfl.empty',
  'pinfl.not-digits',
  'pinfl.length',
  'pinfl.first-digit',
  'pinfl.impossible-date',
  // Warnings: real PINFLs (DHP's own examples among them) can trip these, so they never refuse the input.
  'pinfl.checksum',
  'pinfl.birth-date-mismatch',
  'pinfl.sex-mismatch',
  'pinfl.future-date',
] as const;

export type PinflIssueCode = (typeof pinflIssueCodes)[number];

export interface PinflIssue {
  code: PinflIssueCode;
  /** English fallback; UIs should translate by `code` and fill in `params`. */
  message: string;
  params?: Record<string, string | number>;
}

export function pinflIssue(
  code: PinflIssueCode,
  message: string,
  params?: Record<string, string | number>,
): PinflIssue {
  return params ? { code, message, params } : { code, message };
}
