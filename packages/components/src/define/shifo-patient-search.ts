import { ShifoPatientSearch } from '../patient-search/shifo-patient-search.js';

declare global {
  interface HTMLElementTagNameMap {
    'shifo-patient-search': ShifoPatientSearch;
  }
}

if (!customElements.get('shifo-patient-search')) customElements.define('shifo-patient-search', ShifoPatientSearch);
