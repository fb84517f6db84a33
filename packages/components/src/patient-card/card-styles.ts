import { css } from 'lit';

/** The patient card's own styles (tokens come from `styles/tokens.ts`). Layout follows the card's width. */
export const cardStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_flag: var(--shifo-patient-card-flag-color, var(--_danger));
  }
  :host([hidden]) {
    display: none;
  }
  [part~='card'] {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  h2 {
    margin: 0 0 0.25rem;
    font-size: 1.25rem;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  h4 {
    margin: 0.75rem 0 0.25rem;
    font-size: 0.875rem;
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
    margin: 0;
  }
  dl > div {
    min-width: 0;
  }
  dt,
  .muted {
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
  .sections {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
    margin-top: var(--_space);
  }
  .section {
    min-width: 0;
    border-top: 1px solid var(--_border);
    padding-top: 0.5rem;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.375rem;
  }
  .list > li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.125rem 0.75rem;
    align-items: baseline;
    min-width: 0;
  }
  /*
   * Long lists (results, encounters, ...) are laid out and painted only near the viewport: on a long history that
   * is most of the card's paint time. Until first shown, a list reserves about its height (--_rows, set by
   * longListStyle); 'auto' then remembers the real one. Never set on allergies: they are always painted.
   */
  .long-list {
    content-visibility: auto;
    contain-intrinsic-block-size: auto calc(var(--_rows, 5) * 1.75rem);
  }
  .allergies {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 0.5rem var(--_space);
  }
  .allergy.high {
    background: var(--_danger-surface);
    color: var(--_danger);
    border-left: 6px solid var(--_danger);
    padding: 0.375rem 0.5rem;
    border-radius: 4px;
    font-weight: 600;
  }
  .allergy.high .criticality {
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  .empty {
    margin: 0;
  }
  .empty.notasked,
  .empty.withheld {
    border: 1px dashed var(--_muted);
    border-radius: 4px;
    padding: 0.25rem 0.5rem;
  }
  .empty.nilknown {
    font-weight: 600;
  }
  .withheld-note {
    margin: var(--_space) 0 0;
    padding: 0.5rem;
    border-radius: 4px;
    border: 1px solid var(--_border);
  }
  .code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace;
    font-weight: 600;
  }
  .status {
    font-size: 0.8125rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 0.5rem;
  }
  .flag {
    color: var(--_flag);
    font-weight: 700;
  }
  .result-value,
  .result-date {
    font-variant-numeric: tabular-nums;
  }
  .sparkline {
    color: var(--_accent);
    vertical-align: middle;
  }
  .note {
    color: var(--_muted);
    font-size: 0.8125rem;
    margin: 0.25rem 0 0;
  }
  .timeline > li {
    border-left: 2px solid var(--_border);
    padding-left: 0.5rem;
  }
  .as-of {
    color: var(--_muted);
    font-size: 0.8125rem;
    margin: var(--_space) 0 0;
  }
  .banner {
    display: flex;
    flex-wrap: nowrap;
    align-items: baseline;
    gap: 0.75rem;
    white-space: nowrap;
    overflow: hidden;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.375rem var(--_space);
  }
  .banner > * {
    flex: none;
  }
  .banner-name {
    flex: 0 1 auto;
    min-width: 4rem;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .banner .label {
    color: var(--_muted);
  }
  .chip {
    border-radius: 999px;
    padding: 0 0.5rem;
    border: 1px solid var(--_border);
  }
  .allergy-chip {
    flex: 0 1 auto;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 6rem;
  }
  .chip.high {
    color: var(--_danger);
    background: var(--_danger-surface);
    border-color: var(--_danger);
    font-weight: 700;
  }
  .pinfl {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
  }
  .pinfl-value {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  button.reveal {
    margin-top: 0;
    padding: 0.125rem 0.625rem;
    font-size: 0.875rem;
  }
  .reveal-status:empty {
    display: none;
  }
  .reveal-status {
    flex-basis: 100%;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .reveal-status.failed {
    color: var(--_danger);
  }
  .stale {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    margin-bottom: 0.5rem;
    padding: 0.5rem var(--_space);
    border: 1px solid var(--_warning-border);
    border-left-width: 6px;
    border-radius: var(--_radius);
    background: var(--_warning-surface);
  }
  .stale-chip {
    padding: 0 0.5rem;
    border: 1px solid var(--_warning-border);
    border-radius: 999px;
    background: var(--_warning-surface);
    white-space: nowrap;
  }
  .stale button {
    margin-top: 0;
  }
  button.show-more {
    margin-top: 0.5rem;
  }
  :host([audience='patient']) {
    font-size: 1.0625rem;
    line-height: 1.5;
  }
  :host([audience='patient']) button {
    min-height: 44px;
    min-width: 44px;
    padding: 0.5rem 1rem;
  }
  :host([audience='patient']) .own-list {
    gap: 0.625rem;
  }
  :host([audience='patient']) .own-list > li {
    padding: 0.375rem 0;
    border-bottom: 1px solid var(--_border);
  }
  :host([audience='patient']) dt,
  :host([audience='patient']) .muted {
    font-size: 0.9375rem;
  }
  @container (min-width: 720px) {
    .sections {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .section.allergies,
    .section.results {
      grid-column: 1 / -1;
    }
    .results-list > li {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1.2fr) minmax(0, 1.4fr) 4.5rem 6rem;
      gap: 0.75rem;
    }
  }
  @container (max-width: 360px) {
    dl {
      flex-direction: column;
    }
  }
  @media print {
    :host {
      --_text: #000;
      --_muted: #000;
      --_surface: #fff;
      --_border: #000;
      --_accent: #000;
      --_danger: #000;
      --_danger-surface: #fff;
      --_flag: #000;
      color: #000;
    }
    button {
      display: none;
    }
    [part~='card'] {
      border: none;
      padding: 0;
    }
    .section {
      break-inside: avoid;
    }
    .long-list {
      content-visibility: visible;
    }
  }
`;
