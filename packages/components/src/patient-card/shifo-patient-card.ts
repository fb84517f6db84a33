import { ContextConsumer } from '@lit/context';
import type { ShifoClient } from '@shifo/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage } from '../errors/error-message.js';
import { formatDate } from '../i18n/format.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { clientContext } from '../provider/contexts.js';
import { tokens } from '../styles/tokens.js';
import { cardStyles } from './card-styles.js';
import { identityOf, renderBanner, renderIdentity } from './render-identity.js';
import { renderSections } from './render-sections.js';
import type { PatientSummary, RenderContext } from './summary-types.js';

type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; summary: PatientSummary }
  | { status: 'error'; error: unknown };

/** What other Shifo components (or the HIS) announce after a write: `detail.patientId` when known. */
export interface ShifoDataChangedDetail {
  patientId?: string;
}

/**
 * The patient on one screen, from the central record store's patient summary (`$summary`): identity, then
 * allergies and intolerances first and loud, active problems (ICD-10), active medications with what has been
 * dispensed, recent results with reference-range flags and trends, vital signs and recent encounters.
 * `view="banner"` shows one compact line for the top of a HIS screen.
 *
 * Re-reads the summary when a `shifo-data-changed` event for this patient (or for no particular patient)
 * reaches `window`: other Shifo components fire it, bubbling and composed, after a write.
 *
 * @element shifo-patient-card
 * @csspart card - The card's outer box (full view).
 * @csspart banner - The one-line box of `view="banner"`.
 * @csspart identity - The identity header: name, age, birth date, sex, identifiers, organization.
 * @csspart name - The patient's name.
 * @csspart section - Each summary section; also carries its key (`allergies`, `problems`, `medications`, `results`, `vitalSigns`, `encounters`).
 * @csspart empty - The message of a section without entries (none known, no information, withheld).
 * @csspart flag - A high/low flag of a result.
 * @csspart sparkline - The small trend line of a test's recent values.
 * @csspart withheld-note - The note that the patient's consent restricts sharing.
 * @csspart error - The message shown when the record cannot be read.
 * @cssprop --shifo-color-accent - Accent colour (links, focus rings, trend lines).
 * @cssprop --shifo-color-surface - Card background.
 * @cssprop --shifo-color-text - Main text colour.
 * @cssprop --shifo-color-text-muted - Secondary text (labels, dates).
 * @cssprop --shifo-color-border - Borders and skeleton blocks.
 * @cssprop --shifo-color-danger - High-risk allergies and errors.
 * @cssprop --shifo-color-danger-surface - Background of high-risk allergies and errors.
 * @cssprop --shifo-patient-card-flag-color - Colour of high/low result flags (default: the danger colour).
 * @cssprop --shifo-font-family - Font stack.
 * @cssprop --shifo-radius - Corner radius.
 * @cssprop --shifo-space - Padding and gaps.
 */
export class ShifoPatientCard extends LitElement {
  static override styles = [tokens, cardStyles];

  /** Server id of the patient to show. */
  @property({ attribute: 'patient-id', reflect: true }) patientId?: string;

  /** `full` (default): identity and every summary section. `banner`: one compact line for the top of a HIS screen. */
  @property({ reflect: true }) view: 'full' | 'banner' = 'full';

  /** An SDK client to use instead of the one from the nearest `<shifo-provider>`. */
  @property({ attribute: false }) client?: ShifoClient;

  @state() private load: LoadState = { status: 'idle' };

  private readonly i18n = new LocaleController(this);
  private readonly providedClient = new ContextConsumer(this, {
    context: clientContext,
    subscribe: true,
    callback: () => this.requestUpdate('client'),
  });
  private inFlight?: AbortController;

  private get effectiveClient(): ShifoClient | undefined {
    return this.client ?? this.providedClient.value;
  }

  private readonly onDataChanged = (event: Event): void => {
    const detail = (event as CustomEvent<ShifoDataChangedDetail | undefined>).detail;
    if (detail?.patientId !== undefined && detail.patientId !== this.patientId) return;
    if (this.load.status === 'loaded' || this.load.status === 'error') void this.fetchSummary({ quiet: true });
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('shifo-data-changed', this.onDataChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('shifo-data-changed', this.onDataChanged);
    this.inFlight?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('patientId') || changed.has('client')) void this.fetchSummary();
  }

  /** Reads the summary again, e.g. after the HIS changed the record. */
  async refresh(): Promise<void> {
    await this.fetchSummary();
  }

  /** `quiet`: keep showing what is on screen until the new summary arrives (no skeleton flash on refresh). */
  private async fetchSummary({ quiet = false } = {}): Promise<void> {
    this.inFlight?.abort();
    const client = this.effectiveClient;
    const id = this.patientId;
    if (!client || !id) {
      this.load = { status: 'idle' };
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    if (!quiet || this.load.status !== 'loaded') this.load = { status: 'loading' };
    try {
      const summary = await client.patients.summary(id, { signal: controller.signal });
      if (!controller.signal.aborted) this.load = { status: 'loaded', summary };
    } catch (error) {
      if (!controller.signal.aborted) this.load = { status: 'error', error };
    }
  }

  protected override render() {
    const { t } = this.i18n;
    const label = t('patient.card.label');
    const client = this.effectiveClient;
    if (!client) {
      return html`<div part="error" role="alert">${t('error.not-configured')}</div>`;
    }
    switch (this.load.status) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<section part="card" aria-label=${label} aria-busy="true">
          <p class="visually-hidden" role="status">${t('patient.card.loading')}</p>
          <div class="skeleton" style="width: 60%"></div>
          <div class="skeleton" style="width: 40%"></div>
          ${
            this.view === 'full'
              ? html`<div class="skeleton" style="width: 80%"></div>
                  <div class="skeleton" style="width: 70%"></div>`
              : nothing
          }
        </section>`;
      case 'error': {
        const { key, detail } = errorMessage(this.load.error);
        return html`<section part="card" aria-label=${label}>
          <div part="error" role="alert">${t(key, { detail })}</div>
          <button type="button" @click=${() => this.refresh()}>${t('common.retry')}</button>
        </section>`;
      }
      case 'loaded': {
        const context: RenderContext = { t, locale: this.i18n.locale };
        const { summary } = this.load;
        if (this.view === 'banner') return renderBanner(summary, client.profiles, context);
        const name = identityOf(summary.patient, client.profiles, context).name;
        return html`<article part="card" aria-label=${`${label}: ${name}`}>
          ${renderIdentity(summary, client.profiles, context)} ${renderSections(summary, context)}
          ${
            summary.timestamp
              ? html`<p class="as-of">
                  ${t('summary.as-of', { time: formatDate(summary.timestamp, context.locale) })}
                </p>`
              : nothing
          }
        </article>`;
      }
    }
  }
}
