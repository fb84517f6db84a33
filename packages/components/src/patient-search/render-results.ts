import { html, nothing } from 'lit';
import type { MessageKey } from '../i18n/translate.js';
import type { ResultRow } from './result-row.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface ResultsContext {
  t: Translate;
  activeIndex: number;
  onChoose: (index: number) => void;
  onKeydown: (event: KeyboardEvent) => void;
}

export function optionId(index: number): string {
  return `result-${index}`;
}

/**
 * The results as a single-select listbox with a roving tabindex: Tab reaches the active row, arrow keys move,
 * Enter selects. Every value is a text binding and names sit in `<bdi>`, so hostile text stays inert and cannot
 * reorder the line.
 */
export function renderResults(rows: readonly ResultRow[], { t, activeIndex, onChoose, onKeydown }: ResultsContext) {
  return html`<p id="results-hint" class="visually-hidden">${t('search.results-hint')}</p>
    <ul
      role="listbox"
      part="results"
      aria-label=${t('search.results-label')}
      aria-describedby="results-hint"
      @keydown=${onKeydown}
    >
      ${rows.map(
        (row, index) =>
          html`<li
            id=${optionId(index)}
            role="option"
            part="result"
            data-patient-id=${row.patientId}
            tabindex=${index === activeIndex ? 0 : -1}
            aria-selected=${index === activeIndex ? 'true' : 'false'}
            @click=${() => onChoose(index)}
          >
            <bdi class="name" part="result-name">${row.name}</bdi>
            <span class="details" part="result-details">
              <span>${t('patient.birth-date')} ${row.birthDate}${row.age ? html` (${row.age})` : nothing}</span>
              <span>${row.sex}</span>
              <span class="pinfl">${row.pinfl ? `${t('patient.pinfl')}: ${row.pinfl}` : t('patient.no-pinfl')}</span>
              ${
                row.organization
                  ? html`<span>${t('patient.managing-organization')}: <bdi>${row.organization}</bdi></span>`
                  : nothing
              }
            </span>
            ${row.inactive ? html`<span class="inactive" part="inactive">${t('search.result.inactive')}</span>` : nothing}
          </li>`,
      )}
    </ul>`;
}
