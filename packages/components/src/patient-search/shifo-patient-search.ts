import { ContextConsumer } from '@lit/context';
import { isShifoError, type Patient } from '@shifo/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage } from '../errors/error-message.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { clientContext } from '../provider/contexts.js';
import { tokens } from '../styles/tokens.js';
import { foundMessage } from './found-message.js';
import { patientSelectEvent } from './patient-select-event.js';
import { livePinflFeedback, type PinflFeedback } from './pinfl-feedback.js';
import { firstField, inputId, renderFields } from './render-fields.js';
import { optionId, renderResults } from './render-results.js';
import { resultRow } from './result-row.js';
import { runSearch } from './run-search.js';
import { isSearchMode, modeLabels, searchModes, type SearchMode } from './search-mode.js';
import { emptyFields, prepareSearch, type FieldProblem, type SearchField, type SearchFields } from './search-query.js';
import { searchStyles } from './search-styles.js';
import type { ComponentClient } from '../provider/component-client.js';

type FoundPatient = Patient & { id: string };

type SearchState =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'results'; patients: FoundPatient[]; total?: number }
  | { status: 'none' }
  | { status: 'error'; error: unknown };

/** Failures that may pass if the user simply tries again. */
const RETRYABLE_KINDS = new Set(['network', 'timeout', 'offline', 'server']);

function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Finds a patient in the central record store by PINFL, passport or ID card, birth certificate, or family name
 * and date of birth. Every search is a `POST …/Patient/_search` (or the SDK's `findByPinfl`): no identifier ever
 * goes into a URL.
 *
 * Keyboard first: the mode switch is a radio group (arrow keys), Enter searches, ArrowDown moves from a text field
 * into the results, arrow keys / Home / End move through them, Enter or a click selects, Escape clears. The PINFL
 * field checks the digits as they are typed: a hard error (not a digit, first digit outside 1–6, impossible
 * date, wrong length) stops the search; the check-digit warning does not, because real PINFLs (DHP's own examples
 * among them) fail it. Results show name, date of birth, age, sex, masked PINFL and the managing organization;
 * inactive (merged) records are marked. A polite live region announces how many patients were found.
 *
 * `updateComplete` resolves once the search started so far has its result on screen.
 *
 * @element shifo-patient-search
 * @fires shifo-patient-select - A patient was chosen (Enter, click, or `auto-select`). Bubbles and is composed; `detail: { patientId, patient }` (`ShifoPatientSelectDetail`).
 * @csspart form - The search form (`role="search"`).
 * @csspart modes - The fieldset of the mode radio buttons.
 * @csspart mode - Each mode's label with its radio button.
 * @csspart field - Each field: label, input, hint and feedback.
 * @csspart input - Each text or date input.
 * @csspart hint - The example under a field.
 * @csspart feedback - The error or warning under a field (PINFL checks, missing values).
 * @csspart submit - The Search button.
 * @csspart clear - The Clear button.
 * @csspart status - The polite announcement: searching, how many found, none found.
 * @csspart error - The box explaining why the search failed (refused, offline, …), with a retry button when useful.
 * @csspart retry - The "Try again" button in the error box.
 * @csspart results - The result list (`role="listbox"`).
 * @csspart result - Each patient found (`role="option"`; `aria-selected="true"` on the active one).
 * @csspart result-name - The patient's name in a result.
 * @csspart result-details - Date of birth, age, sex, masked PINFL and organization of a result.
 * @csspart inactive - The "inactive record" mark of a merged or retired record.
 * @cssprop --shifo-color-accent - Accent colour (focus rings, the selected mode, the active result, the Search button).
 * @cssprop --shifo-color-surface - Background.
 * @cssprop --shifo-color-text - Main text colour.
 * @cssprop --shifo-color-text-muted - Hints, result details, input borders.
 * @cssprop --shifo-color-border - Borders of the mode buttons and the result list.
 * @cssprop --shifo-color-danger - Errors and invalid fields.
 * @cssprop --shifo-color-danger-surface - Background of errors.
 * @cssprop --shifo-color-warning-surface - Background of the PINFL check-digit warning.
 * @cssprop --shifo-color-warning-border - Edge of the PINFL check-digit warning.
 * @cssprop --shifo-patient-search-active-surface - Background of the selected mode and the active result (default: the accent mixed into the surface).
 * @cssprop --shifo-font-family - Font stack.
 * @cssprop --shifo-radius - Corner radius.
 * @cssprop --shifo-space - Gaps.
 */
export class ShifoPatientSearch extends LitElement {
  static override styles = [tokens, searchStyles];

  /**
   * How to search: `pinfl` (default), `passport` (passport or ID card), `birth-certificate`, or `name` (family
   * name, optional given name, and date of birth). The user switches with the radio group; the attribute follows.
   */
  @property({ reflect: true }) mode: SearchMode = 'pinfl';

  /** When a PINFL search finds exactly one patient, select it at once (fires `shifo-patient-select`). */
  @property({ type: Boolean, attribute: 'auto-select', reflect: true }) autoSelect = false;

  /** An SDK client to use instead of the one from the nearest `<shifo-provider>`. */
  @property({ attribute: false }) client?: ComponentClient;

  @state() private fields: SearchFields = { ...emptyFields };
  @state() private problems: FieldProblem[] = [];
  @state() private pinflFeedback: PinflFeedback = { level: 'none' };
  @state() private result: SearchState = { status: 'idle' };
  @state() private activeIndex = 0;

  private readonly i18n = new LocaleController(this);
  private readonly providedClient = new ContextConsumer(this, {
    context: clientContext,
    subscribe: true,
    callback: () => this.requestUpdate('client'),
  });
  private inFlight?: AbortController;
  private pendingSearch?: Promise<void>;

  private get effectiveClient(): ComponentClient | undefined {
    return this.client ?? this.providedClient.value;
  }

  private get effectiveMode(): SearchMode {
    return isSearchMode(this.mode) ? this.mode : 'pinfl';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.inFlight?.abort();
  }

  protected override firstUpdated(): void {
    // `autofocus` on a custom element is not acted on by the browser: hand it to the first field.
    if (this.hasAttribute('autofocus')) this.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') && changed.get('client') !== undefined) this.reset();
    if (changed.has('mode')) this.problems = [];
  }

  /** Waits for the search in flight, so `await el.updateComplete` means "the result is on screen". */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.pendingSearch) {
      const pending = this.pendingSearch;
      await pending;
      complete = await super.getUpdateComplete();
      if (this.pendingSearch === pending) break;
    }
    return complete;
  }

  /** Focuses the first field of the current mode (what the `autofocus` attribute does on first render). */
  override focus(options?: FocusOptions): void {
    this.focusField(firstField(this.effectiveMode), options);
  }

  private focusField(field: SearchField, options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLInputElement>(`#${inputId(field)}`)?.focus(options);
  }

  /** Runs the search for what is in the fields, as Enter does. Resolves when its result is on screen. */
  async search(): Promise<void> {
    const run = this.runSearch();
    this.pendingSearch = run;
    await run;
    if (this.pendingSearch === run) this.pendingSearch = undefined;
  }

  /** Cancels a running search and empties the results and the current mode's fields. */
  clear(): void {
    this.reset();
    this.fields = { ...emptyFields };
    this.pinflFeedback = { level: 'none' };
  }

  private reset(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.result = { status: 'idle' };
    this.problems = [];
    this.activeIndex = 0;
  }

  private async runSearch(): Promise<void> {
    const mode = this.effectiveMode;
    const prepared = prepareSearch(mode, this.fields);
    this.problems = prepared.problems;
    if (mode === 'pinfl') this.pinflFeedback = prepared.pinflFeedback ?? { level: 'none' };
    const client = this.effectiveClient;
    if (!prepared.query || !client) {
      const first = prepared.problems[0];
      // Not awaited: `updateComplete` waits for this very search.
      if (first) void this.updateComplete.then(() => this.focusField(first.field));
      return;
    }
    this.inFlight?.abort();
    const controller = new AbortController();
    const { signal } = controller;
    this.inFlight = controller;
    this.result = { status: 'searching' };
    try {
      const outcome = await runSearch(client, prepared.query, signal);
      if (signal.aborted) return;
      const patients = outcome.patients.filter((patient): patient is FoundPatient => typeof patient.id === 'string');
      this.activeIndex = 0;
      this.result =
        patients.length === 0
          ? { status: 'none' }
          : { status: 'results', patients, ...(outcome.total === undefined ? {} : { total: outcome.total }) };
      const only = patients[0];
      if (this.autoSelect && prepared.query.mode === 'pinfl' && patients.length === 1 && only) this.select(only);
    } catch (error) {
      if (!signal.aborted) this.result = { status: 'error', error };
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  private select(patient: FoundPatient): void {
    this.dispatchEvent(patientSelectEvent({ patientId: patient.id, patient }));
  }

  private readonly onInput = (field: SearchField, value: string): void => {
    this.fields = { ...this.fields, [field]: value };
    this.problems = this.problems.filter((problem) => problem.field !== field);
    if (field === 'pinfl') this.pinflFeedback = livePinflFeedback(value);
  };

  private onModeChange(mode: SearchMode): void {
    this.mode = mode;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.search();
  }

  /** Escape anywhere clears: first the results and messages, then (pressed again) the fields. */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    const showing = this.result.status !== 'idle' || this.problems.length > 0;
    if (showing) this.reset();
    else this.clear();
    void this.updateComplete.then(() => this.focus());
  }

  /** ArrowDown in a text field jumps to the results (date inputs keep their arrows for the date parts). */
  private onFormKeydown(event: KeyboardEvent): void {
    const target = event.target as HTMLInputElement;
    if (event.key !== 'ArrowDown' || target.type !== 'text' || this.result.status !== 'results') return;
    event.preventDefault();
    this.focusOption(this.activeIndex);
  }

  private readonly onResultsKeydown = (event: KeyboardEvent): void => {
    if (this.result.status !== 'results') return;
    const last = this.result.patients.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(this.activeIndex + 1, last),
      ArrowUp: Math.max(this.activeIndex - 1, 0),
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      this.focusOption(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.choose(this.activeIndex);
    }
  };

  private readonly choose = (index: number): void => {
    if (this.result.status !== 'results') return;
    const patient = this.result.patients[index];
    if (!patient) return;
    this.focusOption(index);
    this.select(patient);
  };

  private focusOption(index: number): void {
    this.activeIndex = index;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${optionId(index)}`)?.focus());
  }

  private renderModes() {
    const { t } = this.i18n;
    const current = this.effectiveMode;
    return html`<fieldset part="modes">
      <legend>${t('search.mode.legend')}</legend>
      <div class="modes">
        ${searchModes.map(
          (mode) =>
            html`<label class="mode" part="mode">
              <input
                type="radio"
                name="mode"
                value=${mode}
                .checked=${mode === current}
                @change=${() => this.onModeChange(mode)}
              />
              <span>${t(modeLabels[mode])}</span>
            </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private renderStatus(): string {
    const { t, locale } = this.i18n;
    switch (this.result.status) {
      case 'searching':
        return t('search.searching');
      case 'none':
        return t('search.none');
      case 'results': {
        const shown = this.result.patients.length;
        const found = foundMessage(this.result.total ?? shown, locale);
        const total = this.result.total;
        return total !== undefined && total > shown ? `${found}. ${t('search.found-more', { shown, total })}` : found;
      }
      default:
        return '';
    }
  }

  private renderError(error: unknown) {
    const { t } = this.i18n;
    const { key, detail } = errorMessage(error);
    const text = key === 'error.forbidden' ? t('search.forbidden') : t(key, { detail });
    const retryable = isShifoError(error) && RETRYABLE_KINDS.has(error.kind);
    return html`<div class="alert" part="error" role="alert">
      <p>${text}</p>
      ${
        retryable
          ? html`<button type="button" class="secondary" part="retry" @click=${() => this.search()}>
              ${t('common.retry')}
            </button>`
          : nothing
      }
    </div>`;
  }

  protected override render() {
    const { t, locale } = this.i18n;
    const client = this.effectiveClient;
    if (!client) return html`<div class="alert" part="error" role="alert"><p>${t('error.not-configured')}</p></div>`;
    const mode = this.effectiveMode;
    const result = this.result;
    return html`<div @keydown=${this.onKeydown}>
      <form
        part="form"
        role="search"
        aria-label=${t('search.label')}
        aria-busy=${result.status === 'searching' ? 'true' : 'false'}
        novalidate
        @submit=${this.onSubmit}
        @keydown=${this.onFormKeydown}
      >
        ${this.renderModes()}
        ${renderFields(mode, {
          t,
          fields: this.fields,
          problems: this.problems,
          pinflFeedback: mode === 'pinfl' ? this.pinflFeedback : { level: 'none' },
          today: localToday(),
          onInput: this.onInput,
        })}
        <div class="actions">
          <button type="submit" class="primary" part="submit">${t('search.submit')}</button>
          <button type="button" class="secondary" part="clear" @click=${() => this.clearAndFocus()}>
            ${t('search.clear')}
          </button>
        </div>
      </form>
      <p class="status" part="status" role="status" aria-live="polite">${this.renderStatus()}</p>
      ${result.status === 'error' ? this.renderError(result.error) : nothing}
      ${
        result.status === 'results'
          ? renderResults(
              result.patients.map((patient) => resultRow(patient, client.profiles, t, locale)),
              { t, activeIndex: this.activeIndex, onChoose: this.choose, onKeydown: this.onResultsKeydown },
            )
          : nothing
      }
    </div>`;
  }

  private clearAndFocus(): void {
    this.clear();
    void this.updateComplete.then(() => this.focus());
  }
}
