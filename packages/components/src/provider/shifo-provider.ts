import { ContextProvider } from '@lit/context';
import { createShifoClient, type ShifoClient } from '@shifo/sdk';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { matchLocale } from '../i18n/locales.js';
import { clientContext, localeContext } from './contexts.js';

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

  /** A ready SDK client; takes precedence over `base-url`. */
  @property({ attribute: false }) client?: ShifoClient;

  /**
   * Supplies the bearer token of the HIS session. Called before each request; the token is kept in memory only.
   */
  @property({ attribute: false }) getAccessToken?: () => string | undefined | Promise<string | undefined>;

  private readonly clientProvider = new ContextProvider(this, { context: clientContext });
  private readonly localeProvider = new ContextProvider(this, { context: localeContext });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('baseUrl') || changed.has('getAccessToken')) {
      this.clientProvider.setValue(this.client ?? this.createClient());
    }
    if (changed.has('locale')) this.localeProvider.setValue(matchLocale(this.locale));
  }

  private createClient(): ShifoClient | undefined {
    if (!this.baseUrl) return undefined;
    return createShifoClient({
      baseUrl: this.baseUrl,
      auth: () => this.getAccessToken?.(),
      locale: () => matchLocale(this.locale) ?? matchLocale(document.documentElement.lang),
    });
  }

  /** The client the components inside are using. */
  get effectiveClient(): ShifoClient | undefined {
    return this.clientProvider.value;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
