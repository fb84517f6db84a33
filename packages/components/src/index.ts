export { ShifoProvider } from './provider/shifo-provider.js';
export { ShifoPatientCard, type ShifoDataChangedDetail } from './patient-card/shifo-patient-card.js';
export { ShifoPatientSearch } from './patient-search/shifo-patient-search.js';
export type { ShifoPatientSelectDetail, ShifoPatientSelectEvent } from './patient-search/patient-select-event.js';
export { clientContext, localeContext } from './provider/contexts.js';
export { supportedLocales, matchLocale, type Locale } from './i18n/locales.js';
export { translate, catalogs, type MessageKey } from './i18n/translate.js';
export { errorMessage } from './errors/error-message.js';
export { createComponentClient, type ComponentClient } from './provider/component-client.js';
