import { ContextProvider } from '@lit/context';
import { offlineStorage } from '@shifo/sdk';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { matchLocale } from '../i18n/locales.js';
import { clientContext, localeContext } from './contexts.js';
import { createComponentClient, type ComponentClient } from './component-client.js';

/**
 * Gives every Shifo component inside it an SDK client, a locale and configuration. Two providers on one page
 * (two facilities, two sessions) stay isolated: each component uses the nearest one.
 *
 * @element shifo-provider
 * @slot - The HIS markup containing Shifo components.
 */
export class ShifoProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Root URL of the Shifo-compatible server, e.g. `http://localhost:4010`. Ignored when `client` is set. */
  @property({ attribute: 'base-url', reflect: true }) baseUrl?: string;

  /** Language for the components inside: `uz`, `uz-Cyrl`, `ru` or `en`. Unset: each follows its `lang`. */
  @property({ reflect: true }) locale?: string;

  /**
   * Keep working through a bad connection (browser): writes wait in an encrypted outbox until the central store
   * takes them, and cards show the last summary read, marked stale. Needs `offline-user`. Ignored with `client`.
   */
  @property({ type: Boolean, reflect: true }) offline = false;

  /**
   * Who is signed in (a staff id of the HIS, not a patient's data): each user gets their own encrypted outbox and
   * cache on a shared PC.
   */
  @property({ attribute: 'offline-user', reflect: true }) offlineUser?: string;

  /** The facility or HIS the offline stores belong to (default: the origin of `base-url`). */
  @property({ attribute: 'offline-tenant', reflect: true }) offlineTenant?: string;

  /** A ready SDK client; takes precedence over `base-url`. */
  @property({ attribute: false }) client?: ComponentClient;

  /**
   * Supplies the bearer token of the HIS session. Called before each request; the token is kept in memory only.
   */
  @property({ attribute: false }) getAccessToken?: () => string | undefined | Promise<string | undefined>;

  private readonly clientProvider = new ContextProvider(this, { context: clientContext });
  private readonly localeProvider = new ContextProvider(this, { context: localeContext });
  /** The client made from `base-url`, closed when the configuration changes. */
  private ownClient?: ComponentClient;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const configuration = ['client', 'baseUrl', 'getAccessToken', 'offline', 'offlineUser', 'offlineTenant'] as const;
    if (configuration.some((name) => changed.has(name))) {
      this.ownClient?.close();
      this.ownClient = this.client ? undefined : this.createClient();
      this.clientProvider.setValue(this.client ?? this.ownClient);
    }
    if (changed.has('locale')) this.localeProvider.setValue(matchLocale(this.locale));
  }

  private createClient(): ComponentClient | undefined {
    if (!this.baseUrl) return undefined;
    return createComponentClient({
      baseUrl: this.baseUrl,
      auth: () => this.getAccessToken?.(),
      locale: () => matchLocale(this.locale) ?? matchLocale(document.documentElement.lang),
      ...(this.offline && this.offlineUser
        ? {
            offline: offlineStorage({
              tenant: this.offlineTenant ?? new URL(this.baseUrl, location.href).origin,
              user: this.offlineUser,
            }),
          }
        : {}),
    });
  }

  /** The client the components inside are using. */
  get effectiveClient(): ComponentClient | undefined {
    return this.clientProvider.value;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
