import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage } from '../errors/error-message.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { translate } from '../i18n/translate.js';
import { clientContext } from '../provider/contexts.js';
import { tokens } from '../styles/tokens.js';
import { cardStyles } from './card-styles.js';
import { PinflReveal } from './pinfl-reveal.js';
import { formatMoment, formatTimeAgo } from './relative-time.js';
import { identityOf, renderBanner, renderIdentity } from './render-identity.js';
import { renderOwnView } from './render-own-view.js';
import { renderSections } from './render-sections.js';
import { revealIdentifier } from './reveal-identifier.js';
import type { BoundedList, PatientSummary, RenderContext } from './summary-types.js';
import { formatDate } from '../i18n/format.js';
import type { ComponentClient } from '../provider/component-client.js';

type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; summary: PatientSummary; patientId: string }
  | { status: 'no-patient' }
  | { status: 'error'; error: unknown };

/** What other Shifo components (or the HIS) announce after a write: `detail.patientId` when known. */
export interface ShifoDataChangedDetail {
  patientId?: string;
}

/** Rows of a long list shown at first, and how many more each "show more" adds. */
const FIRST_ROWS: Record<string, number> = { encounters: 10, results: 8, 'own-encounters': 5, 'own-results': 10 };
const DEFAULT_FIRST_ROWS = 25;
const MORE_ROWS = 20;

/**
 * The patient on one screen, from the central record store's patient summary (`$summary`): identity, then
 * allergies and intolerances first and loud, active problems (ICD-10), active medications with what has been
 * dispensed, recent results with reference-range flags and trends, vital signs and recent encounters.
 * `view="banner"` shows one compact line for the top of a HIS screen; `audience="patient"` shows the patient's
 * own record in plain words for a phone.
 *
 * The patient is given by `patient-id`, or by `pinfl` (looked up in a POST body, never in a URL). The PINFL is
 * masked; staff can show it in full for 30 seconds with the Show button, which the server records in the audit log.
 * When the SDK client has `offline` configured and the central store cannot be reached, the card shows the last
 * summary it read, with a banner saying how old it is and a "Try again" button.
 *
 * Re-reads the summary when a `shifo-data-changed` event for this patient (or for no particular patient)
 * reaches `window`: other Shifo components fire it, bubbling and composed, after a write.
 * `updateComplete` resolves once the data requested so far is on screen (or its error is).
 *
 * @element shifo-patient-card
 * @csspart card - The card's outer box (full view and patient view).
 * @csspart banner - The one-line box of `view="banner"`.
 * @csspart identity - The identity header: name, age, birth date, sex, identifiers, organization.
 * @csspart name - The patient's name.
 * @csspart reveal - The Show/Hide button next to the masked PINFL.
 * @csspart reveal-status - The line announcing that the PINFL is shown, masked again or refused.
 * @csspart section - Each summary section; also carries its key (`allergies`, `problems`, `medications`, `results`, `vitalSigns`, `encounters`).
 * @csspart empty - The message of a section without entries (none known, no information, withheld).
 * @csspart flag - A high/low flag of a result (in the patient view: "higher than normal" and the like).
 * @csspart sparkline - The small trend line of a test's recent values.
 * @csspart show-more - The button under a long list that shows its next rows.
 * @csspart stale - The offline banner: the record shown is the last one read, as of a given time.
 * @csspart withheld-note - The note that the patient's consent restricts sharing.
 * @csspart error - The message shown when the record cannot be read or no patient has the PINFL.
 * @cssprop --shifo-color-accent - Accent colour (links, focus rings, trend lines).
 * @cssprop --shifo-color-surface - Card background.
 * @cssprop --shifo-color-text - Main text colour.
 * @cssprop --shifo-color-text-muted - Secondary text (labels, dates).
 * @cssprop --shifo-color-border - Borders and skeleton blocks.
 * @cssprop --shifo-color-danger - High-risk allergies and errors.
 * @cssprop --shifo-color-danger-surface - Background of high-risk allergies and errors.
 * @cssprop --shifo-color-warning-surface - Background of the offline (stale record) banner.
 * @cssprop --shifo-color-warning-border - Border of the offline (stale record) banner.
 * @cssprop --shifo-patient-card-flag-color - Colour of high/low result flags (default: the danger colour).
 * @cssprop --shifo-font-family - Font stack.
 * @cssprop --shifo-radius - Corner radius.
 * @cssprop --shifo-space - Padding and gaps.
 */
export class ShifoPatientCard extends LitElement {
  static override styles = [tokens, cardStyles];

  /** How long a revealed PINFL stays on screen before it is masked again, in milliseconds (default 30 s). */
  static revealDurationMs = 30_000;

  /** Server id of the patient to show. Takes precedence over `pinfl`. */
  @property({ attribute: 'patient-id', reflect: true }) patientId?: string;

  /**
   * The patient's PINFL, as an alternative to `patient-id`: the card finds the patient with a POST search (the
   * PINFL never goes into a URL) and is never written back to an attribute.
   */
  @property({ attribute: 'pinfl', reflect: false }) pinfl?: string;

  /** `full` (default): identity and every summary section. `banner`: one compact line for the top of a HIS screen. */
  @property({ reflect: true }) view: 'full' | 'banner' = 'full';

  /**
   * `clinician` (default): the professional card. `patient`: the patient's own record in plain words (no codes,
   * no flags but "higher/lower than normal", larger touch targets, no reveal action).
   */
  @property({ reflect: true }) audience: 'clinician' | 'patient' = 'clinician';

  /**
   * How far back results, vital signs and encounters go (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); unset: the server's
   * default window (12 months). Long lists show their first rows and a "show more" button; a printout (after
   * `beforeprint`, i.e. `window.print()` or the browser's Print) has every row.
   */
  @property({ reflect: true }) since?: string;

  /** An SDK client to use instead of the one from the nearest `<shifo-provider>`. */
  @property({ attribute: false }) client?: ComponentClient;

  @state() private load: LoadState = { status: 'idle' };
  /** Rows shown so far per long list; reset for each patient. */
  @state() private rowLimits = new Map<string, number>();
  /** Between `beforeprint` and `afterprint`: every row of every list, since paper has no "show more". */
  @state() private printing = false;

  private readonly i18n = new LocaleController(this);
  /** The client of the nearest provider, as a reactive state so that a new one (or a late one) re-reads the data. */
  @state() private providedClient?: ComponentClient;
  private readonly clientConsumer = new ContextConsumer(this, {
    context: clientContext,
    subscribe: true,
    callback: (client) => {
      this.providedClient = client;
    },
  });
  private readonly reveal = new PinflReveal(this, () => ShifoPatientCard.revealDurationMs);
  private inFlight?: AbortController;
  private pendingLoad?: Promise<void>;

  private get effectiveClient(): ComponentClient | undefined {
    return this.client ?? this.providedClient ?? this.clientConsumer.value;
  }

  private get shownPatientId(): string | undefined {
    return this.load.status === 'loaded' ? this.load.patientId : this.patientId;
  }

  private readonly onDataChanged = (event: Event): void => {
    const detail = (event as CustomEvent<ShifoDataChangedDetail | undefined>).detail;
    if (detail?.patientId !== undefined && detail.patientId !== this.shownPatientId) return;
    if (this.load.status === 'loaded' || this.load.status === 'error') void this.fetchSummary({ quiet: true });
  };

  /** Synchronous, so the rows are in the DOM before the browser lays out the printout. */
  private readonly onBeforePrint = (): void => {
    this.printing = true;
    this.performUpdate();
  };

  private readonly onAfterPrint = (): void => {
    this.printing = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('shifo-data-changed', this.onDataChanged);
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('shifo-data-changed', this.onDataChanged);
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
    this.inFlight?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const who = ['patientId', 'pinfl', 'client', 'since'] as const;
    if (who.some((name) => changed.has(name)) || changed.has('providedClient' as keyof ShifoPatientCard)) {
      this.reveal.reset();
      this.rowLimits = new Map();
      void this.fetchSummary();
    }
    if (changed.has('audience') && this.audience === 'patient') this.reveal.reset();
  }

  /** Waits for the summary being read, so `await card.updateComplete` means "the data is on screen". */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.pendingLoad) {
      const pending = this.pendingLoad;
      await pending;
      complete = await super.getUpdateComplete();
      if (this.pendingLoad === pending) break;
    }
    return complete;
  }

  /** Reads the summary again, e.g. after the HIS changed the record. */
  async refresh(): Promise<void> {
    await this.fetchSummary({ quiet: true });
  }

  private async fetchSummary(options: { quiet?: boolean } = {}): Promise<void> {
    const run = this.readSummary(options);
    this.pendingLoad = run;
    await run;
    if (this.pendingLoad === run) this.pendingLoad = undefined;
  }

  /** `quiet`: keep showing what is on screen until the new summary arrives (no skeleton flash on refresh). */
  private async readSummary({ quiet = false }: { quiet?: boolean }): Promise<void> {
    this.inFlight?.abort();
    const client = this.effectiveClient;
    const pinfl = this.pinfl?.trim();
    if (!client || (!this.patientId && !pinfl)) {
      this.load = { status: 'idle' };
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    this.inFlight = controller;
    if (!quiet || this.load.status !== 'loaded') this.load = { status: 'loading' };
    try {
      let patientId = this.patientId;
      if (!patientId) {
        const found = await client.patients.findByPinfl(pinfl!, { signal });
        if (signal.aborted) return;
        if (!found?.id) {
          this.load = { status: 'no-patient' };
          return;
        }
        patientId = found.id;
      }
      const summary = await client.patients.summary(patientId, {
        signal,
        ...(this.since ? { since: this.since } : {}),
      });
      if (!signal.aborted) this.load = { status: 'loaded', summary, patientId };
    } catch (error) {
      if (!signal.aborted) this.load = { status: 'error', error };
    }
  }

  private readonly bounded = <Entry>(key: string, entries: readonly Entry[]): BoundedList<Entry> => {
    if (this.printing) return { visible: entries, more: undefined };
    const limit = this.rowLimits.get(key) ?? FIRST_ROWS[key] ?? DEFAULT_FIRST_ROWS;
    const hidden = entries.length - limit;
    if (hidden <= 0) return { visible: entries, more: undefined };
    const { t } = this.i18n;
    return {
      visible: entries.slice(0, limit),
      more: html`<button
        type="button"
        class="show-more"
        part="show-more"
        data-list=${key}
        @click=${() => this.showMore(key, limit)}
      >
        ${t('summary.show-more', { count: Math.min(hidden, MORE_ROWS) })}
      </button>`,
    };
  };

  private showMore(key: string, shown: number): void {
    this.rowLimits = new Map(this.rowLimits).set(key, shown + MORE_ROWS);
  }

  private showPinfl(client: ComponentClient, patientId: string): void {
    void this.reveal.show((signal) =>
      revealIdentifier(client, patientId, client.profiles.identifierSystems.pinfl, signal),
    );
  }

  /** The Show/Hide button and its polite announcement; none for the patient's own view or without a PINFL. */
  private renderRevealControl(client: ComponentClient, patientId: string) {
    const { t } = this.i18n;
    const revealState = this.reveal.state;
    const shown = revealState.status === 'shown';
    const busy = revealState.status === 'revealing';
    let announcement = '';
    if (shown)
      announcement = t('patient.pinfl.shown', { seconds: Math.round(ShifoPatientCard.revealDurationMs / 1000) });
    else if (busy) announcement = t('patient.pinfl.revealing');
    else if (revealState.status === 'masked' && revealState.announcement === 'hidden')
      announcement = t('patient.pinfl.hidden');
    else if (revealState.status === 'failed') {
      const { key, detail } = errorMessage(revealState.error);
      announcement =
        key === 'error.forbidden' || key === 'error.consent'
          ? t('patient.pinfl.refused')
          : t('patient.pinfl.failed', { reason: t(key, { detail }) });
    }
    return html`<button
        type="button"
        part="reveal"
        class="reveal"
        aria-label=${shown ? t('patient.pinfl.hide-label') : t('patient.pinfl.show-label')}
        ?disabled=${busy}
        @click=${() => (shown ? this.reveal.hide() : this.showPinfl(client, patientId))}
      >
        ${shown ? t('patient.pinfl.hide') : t('patient.pinfl.show')}
      </button>
      <span part="reveal-status" class="reveal-status ${revealState.status}" role="status">${announcement}</span>`;
  }

  private renderStale(cached: NonNullable<PatientSummary['cached']>) {
    const { t, locale } = this.i18n;
    return html`<div part="stale" class="stale" role="status">
      <span
        >${t('summary.stale', {
          time: formatMoment(cached.storedAt, locale),
          relative: formatTimeAgo(cached.ageMs, locale),
        })}</span
      >
      <button type="button" @click=${() => this.refresh()}>${t('common.retry')}</button>
    </div>`;
  }

  /** The banner's offline note: one short chip that keeps the line one line; the time is in its tooltip. */
  private renderStaleChip(cached: NonNullable<PatientSummary['cached']>) {
    const { t, locale } = this.i18n;
    const relative = formatTimeAgo(cached.ageMs, locale);
    const full = t('summary.stale', { time: formatMoment(cached.storedAt, locale), relative });
    return html`<span part="stale" class="stale-chip" role="status" title=${full}
      >${t('summary.stale-short', { relative })}</span
    >`;
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
      case 'no-patient':
        return html`<section part="card" aria-label=${label}>
          <div part="error" role="alert">${t('patient.no-patient-with-pinfl')}</div>
        </section>`;
      case 'error': {
        const { key, detail } = errorMessage(this.load.error);
        return html`<section part="card" aria-label=${label}>
          <div part="error" role="alert">${t(key, { detail })}</div>
          <button type="button" @click=${() => this.refresh()}>${t('common.retry')}</button>
        </section>`;
      }
      case 'loaded':
        return this.renderLoaded(client, this.load.summary, this.load.patientId);
    }
  }

  private renderLoaded(client: ComponentClient, summary: PatientSummary, patientId: string) {
    // The language once per render: LocaleController.t looks it up (through the ancestors' `lang`) on every call.
    const { locale } = this.i18n;
    const t: RenderContext['t'] = (key, params) => translate(locale, key, params);
    const context: RenderContext = { t, locale, bounded: this.bounded };
    const stale = summary.cached ? this.renderStale(summary.cached) : nothing;
    if (this.view === 'banner') {
      const chip = summary.cached ? this.renderStaleChip(summary.cached) : nothing;
      return renderBanner(summary, client.profiles, context, chip);
    }
    if (this.audience === 'patient') return html`${stale}${renderOwnView(summary, client.profiles, context)}`;
    const who = identityOf(summary.patient, client.profiles, context);
    const revealState = this.reveal.state;
    const pinflField = who.hasPinfl
      ? {
          ...(revealState.status === 'shown' ? { revealed: revealState.value } : {}),
          control: this.renderRevealControl(client, patientId),
        }
      : {};
    return html`${stale}
      <article part="card" aria-label=${`${t('patient.card.label')}: ${who.name}`}>
        ${renderIdentity(summary, client.profiles, context, pinflField)} ${renderSections(summary, context)}
        ${
          summary.timestamp
            ? html`<p class="as-of">${t('summary.as-of', { time: formatDate(summary.timestamp, context.locale) })}</p>`
            : nothing
        }
      </article>`;
  }
}
