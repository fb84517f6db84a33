import { createContext } from '@lit/context';
import type { Locale } from '../i18n/locales.js';
import type { ComponentClient } from './component-client.js';

/** The SDK client that Shifo components below a `<shifo-provider>` use. */
export const clientContext = createContext<ComponentClient | undefined>(Symbol.for('shifo.client'));

/** The locale a `<shifo-provider locale="…">` imposes on the components below it. */
export const localeContext = createContext<Locale | undefined>(Symbol.for('shifo.locale'));
