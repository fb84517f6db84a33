import { createContext } from '@lit/context';
import type { ShifoClient } from '@shifo/sdk';
import type { Locale } from '../i18n/locales.js';

/** The SDK client that Shifo components below a `<shifo-provider>` use. */
export const clientContext = createContext<ShifoClient | undefined>(Symbol.for('shifo.client'));

/** The locale a `<shifo-provider locale="…">` imposes on the components below it. */
export const localeContext = createContext<Locale | undefined>(Symbol.for('shifo.locale'));
