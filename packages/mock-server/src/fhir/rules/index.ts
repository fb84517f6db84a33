import { appointmentRule } from './appointment.js';
import { medicationDispenseRule } from './medication-dispense.js';
import { medicationRequestRule } from './medication-request.js';
import { slotRule } from './slot.js';
import type { WriteRule } from './write-rule.js';

/** Business rules by resource type. A type without an entry is stored after contract validation alone. */
export const writeRules: Record<string, WriteRule> = {
  MedicationRequest: medicationRequestRule,
  MedicationDispense: medicationDispenseRule,
  Appointment: appointmentRule,
  Slot: slotRule,
};
