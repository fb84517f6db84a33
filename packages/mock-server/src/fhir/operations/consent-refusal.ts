import type { HttpError } from '../../http/http-error.js';

/** Is this refusal the patient's opt-out (`consent-denied`), rather than the role or ownership? */
export function isConsentRefusal(refusal: HttpError): boolean {
  return refusal.outcome.issue.some((issue) =>
    issue.details?.coding.some((coding) => coding.code === 'consent-denied'),
  );
}
