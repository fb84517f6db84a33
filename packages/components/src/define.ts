/** Registers every Shifo element. Import single elements from `@shifo/components/define/<tag>.js` to ship less. */
import './define/shifo-provider.js';
import './define/shifo-patient-card.js';
import './define/shifo-patient-search.js';
