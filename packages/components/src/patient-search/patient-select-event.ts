import type { Patient } from '@shifo/sdk';

/** `detail` of `shifo-patient-select`: the chosen patient's server id and the record as the search returned it. */
export interface ShifoPatientSelectDetail {
  patientId: string;
  patient: Patient;
}

export type ShifoPatientSelectEvent = CustomEvent<ShifoPatientSelectDetail>;

/** Bubbles and is composed, so a HIS page can listen on `document` whatever shadow roots lie between. */
export function patientSelectEvent(detail: ShifoPatientSelectDetail): ShifoPatientSelectEvent {
  return new CustomEvent('shifo-patient-select', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'shifo-patient-select': ShifoPatientSelectEvent;
  }
}
