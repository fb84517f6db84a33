import { css } from 'lit';

/**
 * Layout follows the element's own width (container queries): one column on a 320 px side panel, fields side by
 * side when there is room. Targets are at least 44 px tall for old mice and touch screens.
 */
export const searchStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_active-surface: var(
      --shifo-patient-search-active-surface,
      color-mix(in srgb, var(--_accent) 14%, var(--_surface))
    );
    background: var(--_surface);
  }
  :host([hidden]) {
    display: none;
  }
  form {
    display: grid;
    gap: var(--_space);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.35rem;
    font-weight: 600;
  }
  .modes {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .mode {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 2.75rem;
    padding: 0 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .mode:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_active-surface);
    font-weight: 600;
  }
  .mode:has(input:focus-visible) {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .mode input {
    margin: 0;
    accent-color: var(--_accent);
  }
  .mode input:focus-visible {
    outline: none;
  }
  .fields {
    display: grid;
    gap: var(--_space);
  }
  @container (min-width: 36rem) {
    .fields.name {
      grid-template-columns: 1fr 1fr minmax(10rem, 13rem);
      align-items: start;
    }
  }
  .field {
    display: grid;
    gap: 0.25rem;
    min-width: 0;
  }
  label {
    font-weight: 600;
  }
  input:not([type='radio']) {
    box-sizing: border-box;
    width: 100%;
    min-height: 2.75rem;
    padding: 0.4rem 0.6rem;
    font: inherit;
    font-size: 1.05rem;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  input.digits {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.05em;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .feedback {
    margin: 0;
    font-size: 0.95rem;
  }
  .feedback:empty {
    display: none;
  }
  .feedback.error,
  .alert {
    color: var(--_danger);
    background: var(--_danger-surface);
    border-inline-start: 4px solid var(--_danger);
    padding: 0.35rem 0.6rem;
  }
  .feedback.warning {
    color: var(--_text);
    background: var(--_warning-surface);
    border-inline-start: 4px solid var(--_warning-border);
    padding: 0.35rem 0.6rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  button {
    min-height: 2.75rem;
    padding: 0 1.1rem;
    font: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    cursor: pointer;
  }
  button.primary {
    color: var(--_surface);
    background: var(--_accent);
    font-weight: 600;
  }
  button.secondary {
    color: var(--_accent);
    background: var(--_surface);
  }
  .status {
    margin: var(--_space) 0 0;
    font-weight: 600;
  }
  .status:empty {
    display: none;
  }
  .alert {
    margin-top: var(--_space);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .alert p {
    margin: 0;
    flex: 1 1 12rem;
  }
  [role='listbox'] {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [role='option'] {
    display: grid;
    gap: 0.2rem;
    padding: 0.6rem 0.75rem;
    border-inline-start: 4px solid transparent;
    cursor: pointer;
  }
  [role='option'] + [role='option'] {
    border-top: 1px solid var(--_border);
  }
  [role='option'][aria-selected='true'] {
    background: var(--_active-surface);
    border-inline-start-color: var(--_accent);
  }
  [role='option']:focus-visible {
    outline-offset: -3px;
  }
  .name {
    font-weight: 600;
    font-size: 1.05rem;
    overflow-wrap: anywhere;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 0.15rem 1rem;
    color: var(--_muted);
  }
  .details span {
    overflow-wrap: anywhere;
  }
  .inactive {
    justify-self: start;
    padding: 0 0.4rem;
    border: 1px dashed var(--_muted);
    border-radius: var(--_radius);
    color: var(--_text);
    font-size: 0.9rem;
  }
  .pinfl {
    font-variant-numeric: tabular-nums;
  }
`;
