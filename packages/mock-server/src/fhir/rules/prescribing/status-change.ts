import type { Principal } from '../../../auth/principal.js';
import { HttpError } from '../../../http/http-error.js';
import { codedIssue, errorIssue } from '../../../http/outcome.js';
import type { ServerState } from '../../../state.js';
import type { NewResource, StoredResource } from '../../../store/resource-store.js';
import { dispensedTotal, prescribedQuantity, QUANTITY_EPSILON } from './dispensed.js';
import { codings, jsonEqual } from './json.js';
import { STATUS_REASON_CODES, STATUS_REASON_SYSTEM } from './terminology.js';

/** What may change on a signed prescription: its status and why, and notes. Everything else is the signed content. */
const MUTABLE = new Set(['meta', 'text', 'status', 'statusReason', 'statusChanged', 'note']);

/** Final states: nothing changes any more (DHP lifecycle, brief §3.1). */
const FINAL = new Set(['completed', 'cancelled', 'stopped', 'entered-in-error', 'ended']);

/** Status changes a client may make. `completed` is the server's: it follows the dispenses. */
const TRANSITIONS: Record<string, readonly string[]> = {
  active: ['on-hold', 'cancelled', 'stopped', 'entered-in-error'],
  'on-hold': ['active', 'cancelled', 'stopped', 'entered-in-error'],
};

/** A pharmacist may hold a prescription for clarification and release it again; withdrawing it is the prescriber's. */
const PHARMACIST_TRANSITIONS: Record<string, readonly string[]> = { active: ['on-hold'], 'on-hold': ['active'] };

const NEEDS_REASON = new Set(['on-hold', 'cancelled', 'stopped', 'entered-in-error']);

function changedContent(current: StoredResource, next: NewResource): string | undefined {
  const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
  return [...keys].find((key) => !MUTABLE.has(key) && !jsonEqual(current[key], next[key]));
}

function refuseTransition(text: string): never {
  throw new HttpError(422, [codedIssue('business-rule', 'invalid-transition', text, 'MedicationRequest.status')]);
}

/**
 * Rules for updating a prescription: its content is signed and never changes (cancel and prescribe again); the
 * status moves only along the DHP lifecycle; cancelling, stopping or holding needs a `statusReason`; a fully
 * dispensed prescription is `completed` and final; one that was partly dispensed may be cancelled or stopped
 * (the rest is withdrawn) but is no longer "entered in error".
 */
export function checkPrescriptionUpdate(
  state: ServerState,
  principal: Principal,
  current: StoredResource,
  next: NewResource,
): void {
  const changed = changedContent(current, next);
  const from = String(current.status);
  const to = String(next.status);
  if (FINAL.has(from) && !jsonEqual({ ...current, meta: undefined }, { ...next, meta: undefined })) {
    refuseTransition(
      from === 'completed'
        ? 'The prescription is completed (fully dispensed): it can no longer be cancelled or changed.'
        : `The prescription is ${from}: it can no longer change.`,
    );
  }
  if (changed !== undefined) {
    throw new HttpError(422, [
      errorIssue(
        'business-rule',
        `A signed prescription's content cannot change (${changed}): cancel it and prescribe again.`,
        `MedicationRequest.${changed}`,
      ),
    ]);
  }
  if (from === to) return;

  if (to === 'completed') refuseTransition('The server completes a prescription when it has been fully dispensed.');
  if (!TRANSITIONS[from]?.includes(to)) refuseTransition(`A prescription cannot go from ${from} to ${to}.`);
  if (principal.role === 'pharmacist' && !PHARMACIST_TRANSITIONS[from]?.includes(to)) {
    throw new HttpError(403, [
      codedIssue('forbidden', 'role-forbidden', 'A pharmacist may only put a prescription on hold or release it.'),
    ]);
  }
  if (NEEDS_REASON.has(to)) {
    const reason = codings(next.statusReason).find((c) => c.system === STATUS_REASON_SYSTEM);
    if (!reason) {
      throw new HttpError(400, [
        errorIssue(
          'required',
          `A prescription that is ${to} needs a statusReason from ${STATUS_REASON_SYSTEM}.`,
          'MedicationRequest.statusReason',
        ),
      ]);
    }
    if (!STATUS_REASON_CODES.has(reason.code ?? '')) {
      throw new HttpError(400, [
        errorIssue('value', `${reason.code ?? '(none)'} is not a statusReason code.`, 'MedicationRequest.statusReason'),
      ]);
    }
  }
  const dispensed = dispensedTotal(state, current.id);
  const prescribed = prescribedQuantity(current);
  if (prescribed !== undefined && dispensed + QUANTITY_EPSILON >= prescribed) {
    refuseTransition('The prescription has been fully dispensed: it can no longer be cancelled.');
  }
  if (to === 'entered-in-error' && dispensed > 0) {
    refuseTransition('Medicine has been dispensed on this prescription: stop or cancel it instead.');
  }
  next.statusChanged = state.now().toISOString();
}
