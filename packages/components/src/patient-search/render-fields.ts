import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { MessageKey } from '../i18n/translate.js';
import type { PinflFeedback } from './pinfl-feedback.js';
import { pinflIssueKeys } from './pinfl-feedback.js';
import type { SearchMode } from './search-mode.js';
import type { FieldProblem, SearchField, SearchFields } from './search-query.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface FieldsContext {
  t: Translate;
  fields: SearchFields;
  problems: readonly FieldProblem[];
  pinflFeedback: PinflFeedback;
  /** Today as `YYYY-MM-DD`: no one is born later. */
  today: string;
  onInput: (field: SearchField, value: string) => void;
}

interface FieldSpec {
  field: SearchField;
  label: MessageKey;
  hint?: MessageKey;
  type?: 'text' | 'date';
  inputmode?: 'numeric' | 'text';
  autocomplete?: string;
  required?: boolean;
  digits?: boolean;
}

/** The id of each field's input; the form's first field is the one `autofocus` and `focus()` reach. */
export function inputId(field: SearchField): string {
  return `field-${field}`;
}

const specsByMode: Record<SearchMode, readonly FieldSpec[]> = {
  pinfl: [
    {
      field: 'pinfl',
      label: 'search.field.pinfl',
      hint: 'search.field.pinfl.hint',
      inputmode: 'numeric',
      required: true,
      digits: true,
    },
  ],
  passport: [{ field: 'passport', label: 'search.field.passport', hint: 'search.field.passport.hint', required: true }],
  'birth-certificate': [
    {
      field: 'birthCertificate',
      label: 'search.field.birth-certificate',
      hint: 'search.field.birth-certificate.hint',
      required: true,
    },
  ],
  name: [
    { field: 'family', label: 'search.field.family', autocomplete: 'off', required: true },
    { field: 'given', label: 'search.field.given', autocomplete: 'off' },
    { field: 'birthDate', label: 'search.field.birth-date', type: 'date', required: true },
  ],
};

/** The first field of a mode. */
export function firstField(mode: SearchMode): SearchField {
  return specsByMode[mode][0]?.field ?? 'pinfl';
}

/** What the field says under itself: the PINFL's live check, or the problem that stopped the last search. */
function feedbackOf(spec: FieldSpec, context: FieldsContext): { level: 'error' | 'warning'; text: string } | undefined {
  const { t } = context;
  if (spec.field === 'pinfl') {
    const feedback = context.pinflFeedback;
    if (feedback.level === 'none') return undefined;
    return { level: feedback.level, text: t(pinflIssueKeys[feedback.issue.code], feedback.issue.params) };
  }
  const problem = context.problems.find((candidate) => candidate.field === spec.field);
  return problem ? { level: 'error', text: t(problem.key, problem.params) } : undefined;
}

function renderField(spec: FieldSpec, context: FieldsContext) {
  const { t } = context;
  const id = inputId(spec.field);
  const feedback = feedbackOf(spec, context);
  const describedBy = [spec.hint ? `${id}-hint` : '', `${id}-feedback`].filter(Boolean).join(' ');
  return html`<div class="field" part="field">
    <label for=${id}>${t(spec.label)}</label>
    <input
      id=${id}
      part="input"
      class=${spec.digits ? 'digits' : ''}
      name=${spec.field}
      type=${spec.type ?? 'text'}
      inputmode=${ifDefined(spec.inputmode)}
      autocomplete=${spec.autocomplete ?? 'off'}
      spellcheck="false"
      max=${ifDefined(spec.type === 'date' ? context.today : undefined)}
      ?required=${spec.required === true}
      aria-invalid=${feedback?.level === 'error' ? 'true' : 'false'}
      aria-describedby=${describedBy}
      .value=${live(context.fields[spec.field])}
      @input=${(event: InputEvent) => context.onInput(spec.field, (event.target as HTMLInputElement).value)}
    />
    ${spec.hint ? html`<p id=${`${id}-hint`} class="hint" part="hint">${t(spec.hint)}</p>` : nothing}
    <p id=${`${id}-feedback`} class="feedback ${feedback?.level ?? ''}" part="feedback" aria-live="polite">
      ${feedback?.text ?? ''}
    </p>
  </div>`;
}

/** The inputs of one search mode, each with its label, hint and feedback line. */
export function renderFields(mode: SearchMode, context: FieldsContext) {
  return html`<div class="fields ${mode}">${specsByMode[mode].map((spec) => renderField(spec, context))}</div>`;
}
