import { ShifoPatientCard } from '../patient-card/shifo-patient-card.js';

declare global {
  interface HTMLElementTagNameMap {
    'shifo-patient-card': ShifoPatientCard;
  }
}

if (!customElements.get('shifo-patient-card')) customElements.define('shifo-patient-card', ShifoPatientCard);
