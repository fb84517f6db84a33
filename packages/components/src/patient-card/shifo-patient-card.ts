import { ContextConsumer } from '@lit/context';
import { ageInYears, displayName, findIdentifier, maskIdentifier, type Patient, type ShifoClient } from '@shifo/sdk';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage } from '../errors/error-message.js';
import { formatDate, formatYears } from '../i18n/format.js';
import { LocaleController } from '../i18n/locale-controller.js';
import type { MessageKey } from '../i18n/translate.js';
import { clientContext } from '../provider/contexts.js';
import { tokens } from '../styles/tokens.js';

type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; patient: Patient }
  | { status: 'error'; error: unknown };

const sexKeys: Record<string, MessageKey> = {
  male: 'patient.sex.male',
  female: 'patient.sex.female',
  other: 'patient.sex.other',
};

/**
 * The patient on one screen: name, age, sex and the masked PINFL, read from the central record store.
 *
 * @element shifo-patient-card
 * @csspart card - The card's outer box.
 * @csspart name - The patient's name.
 * @csspart error - The message shown when the record cannot be read.
 * @cssprop --shifo-color-accent - Accent colour (links, focus rings).
 * @cssprop --shifo-color-surface - Card background.
 * @cssprop --shifo-color-text - Main text colour.
 * @cssprop --shifo-font-family - Font stack.
 */
export class ShifoPatientCard extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      [part='card'] {
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
      h2 {
        margin: 0 0 0.25rem;
        font-size: 1.25rem;
        line-height: 1.3;
        overflow-wrap: anywhere;
      }
      dl {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.5rem;
        margin: 0;
      }
      dt {
        color: var(--_muted);
        font-size: 0.8125rem;
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
      }
      [part='error'] {
        color: var(--_danger);
        background: var(--_danger-surface);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
      button {
        font: inherit;
        margin-top: 0.5rem;
        padding: 0.375rem 0.875rem;
        border-radius: var(--_radius);
        border: 1px solid var(--_accent);
        background: transparent;
        color: var(--_accent);
        cursor: pointer;
      }
      button:focus-visible {
        outline: 3px solid var(--_accent);
        outline-offset: 2px;
      }
      .skeleton {
        height: 1rem;
        border-radius: 4px;
        background: var(--_border);
        margin: 0.5rem 0;
        max-width: 24rem;
      }
      @container (max-width: 360px) {
        dl {
          flex-direction: column;
        }
      }
    `,
  ];

  /** Server id of the patient to show. */
  @property({ attribute: 'patient-id', reflect: true }) patientId?: string;

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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('patientId') || changed.has('client')) void this.fetchPatient();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.inFlight?.abort();
  }

  /** Reads the patient again, e.g. after the HIS changed the record. */
  async refresh(): Promise<void> {
    await this.fetchPatient();
  }

  private async fetchPatient(): Promise<void> {
    this.inFlight?.abort();
    const client = this.effectiveClient;
    const id = this.patientId;
    if (!client || !id) {
      this.load = { status: 'idle' };
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    this.load = { status: 'loading' };
    try {
      const patient = await client.patients.get(id, { signal: controller.signal });
      if (!controller.signal.aborted) this.load = { status: 'loaded', patient };
    } catch (error) {
      if (!controller.signal.aborted) this.load = { status: 'error', error };
    }
  }

  protected override render() {
    const { t } = this.i18n;
    const label = t('patient.card.label');
    if (!this.effectiveClient) {
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
        </section>`;
      case 'error': {
        const { key, detail } = errorMessage(this.load.error);
        return html`<section part="card" aria-label=${label}>
          <div part="error" role="alert">${t(key, { detail })}</div>
          <button type="button" @click=${() => this.refresh()}>${t('common.retry')}</button>
        </section>`;
      }
      case 'loaded':
        return this.renderPatient(this.load.patient);
    }
  }

  private renderPatient(patient: Patient) {
    const { t } = this.i18n;
    const { locale } = this.i18n;
    const name = displayName(patient) ?? t('patient.unnamed');
    const age = ageInYears(patient.birthDate);
    const pinfl = findIdentifier(patient, this.effectiveClient!.profiles.identifierSystems.pinfl)?.value;
    const sex = t(sexKeys[patient.gender ?? ''] ?? 'patient.sex.unknown');
    return html`<section part="card" aria-label=${label(t('patient.card.label'), name)}>
      <h2 part="name">${name}</h2>
      <dl>
        <div>
          <dt>${t('patient.age')}</dt>
          <dd>${age === undefined ? '—' : formatYears(age, locale)}</dd>
        </div>
        <div>
          <dt>${t('patient.birth-date')}</dt>
          <dd>${formatDate(patient.birthDate, locale)}</dd>
        </div>
        <div>
          <dt>${t('patient.sex')}</dt>
          <dd>${sex}</dd>
        </div>
        <div>
          <dt>${t('patient.pinfl')}</dt>
          <dd>${pinfl ? maskIdentifier(pinfl) : t('patient.no-pinfl')}</dd>
        </div>
      </dl>
    </section>`;
  }
}

function label(prefix: string, name: string): string {
  return `${prefix}: ${name}`;
}
