import { HttpError } from '../../http/http-error.js';
import { codedIssue, errorIssue } from '../../http/outcome.js';

/**
 * 403 refusals of the access policy. Ownership and consent carry their Shifo error codes (docs/contract.md §6);
 * `role-forbidden` is kept for a role the contract's `x-shifo-roles` leaves out, so a refusal of one record to a
 * role that may call the operation carries no code of its own (§6 defines none yet).
 */
export const refusals = {
  notOwnRecord: () =>
    new HttpError(403, [codedIssue('forbidden', 'not-own-record', 'Patients may use only their own records.')]),
  consentDenied: () =>
    new HttpError(403, [
      codedIssue(
        'forbidden',
        'consent-denied',
        'The patient has refused consent to share this record outside the facilities treating them.',
      ),
    ]),
  notTreating: () =>
    new HttpError(403, [
      errorIssue(
        'forbidden',
        'Only staff of a facility treating the patient may do this: record an encounter at your facility first.',
      ),
    ]),
  notPrescribed: () =>
    new HttpError(403, [
      errorIssue('forbidden', 'Pharmacists see the records of patients who have a prescription, and nothing else.'),
    ]),
  otherFacility: () =>
    new HttpError(403, [errorIssue('forbidden', "This record belongs to another facility's directory.")]),
  role: (role: string, operationId: string) =>
    new HttpError(403, [codedIssue('forbidden', 'role-forbidden', `The ${role} role may not ${operationId}.`)]),
};
