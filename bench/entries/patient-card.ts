// One element, as a HIS embedding only the patient card ships it: the card, Lit and the SDK.
import '@shifo/components/define/shifo-patient-card.js';
