import { HttpError } from '../../http/http-error.js';
import { codedIssue } from '../../http/outcome.js';
import { appointmentHoldingSlot } from './appointment.js';
import type { WriteRule } from './write-rule.js';

/**
 * A booked slot stays busy while its booking holds it: freeing it by editing the Slot would let a second
 * patient book the same time. Cancel the Appointment instead (that frees the slot).
 */
export const slotRule: WriteRule = {
  beforeUpdate(context, current, next) {
    if (current.status !== 'busy' || next.status === 'busy') return;
    const holder = appointmentHoldingSlot(context.state.store, current.id);
    if (holder) {
      throw new HttpError(409, [
        codedIssue(
          'conflict',
          'slot-unavailable',
          `Appointment/${holder.id} holds this slot: cancel the appointment to free it.`,
          'Slot.status',
        ),
      ]);
    }
  },
};
