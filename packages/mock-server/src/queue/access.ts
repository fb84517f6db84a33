import type { Principal } from '../auth/principal.js';
import { HttpError } from '../http/http-error.js';
import { codedIssue } from '../http/outcome.js';
import type { QueueService } from '../seed/types.js';
import type { StoredTicket } from './ticket-record.js';
import { isStaff, ownsTicket } from './ticket-view.js';

/** A waiting-room screen shows the board of its own location and nothing else. */
export function assertMayWatchLocation(principal: Principal, locationId: string): void {
  if (principal.role === 'display' && principal.locationId !== locationId) {
    throw new HttpError(403, [
      codedIssue('forbidden', 'role-forbidden', 'This display may show only the board of its own waiting room.'),
    ]);
  }
}

/** Staff (and HIS back ends) run the queues of their own facility only. */
export function assertWorksAt(principal: Principal, service: QueueService): void {
  if (isStaff(principal) && principal.facilityId !== undefined && principal.facilityId !== service.facilityId) {
    throw new HttpError(403, [codedIssue('forbidden', 'role-forbidden', 'This queue belongs to another facility.')]);
  }
}

/** Who may see or change one ticket: staff of its facility, or the patient it was issued for. */
export function assertMayHandleTicket(principal: Principal, ticket: StoredTicket): void {
  if (principal.role === 'patient') {
    if (!ownsTicket(principal, ticket)) {
      throw new HttpError(403, [codedIssue('forbidden', 'not-own-record', 'This ticket was not issued for you.')]);
    }
    return;
  }
  if (isStaff(principal) && principal.facilityId !== undefined && principal.facilityId !== ticket.facilityId) {
    throw new HttpError(403, [codedIssue('forbidden', 'role-forbidden', 'This ticket belongs to another facility.')]);
  }
}
