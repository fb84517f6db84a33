import { codingDisplay } from '@shifo/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey } from '../i18n/translate.js';
import { longListStyle } from './long-list.js';
import { formatNumber, formatQuantity, formatRange } from './format-values.js';
import { resultGroupsOf, type TestTrend } from './result-groups.js';
import { sparkline } from './sparkline.js';
import type {
  AllergyEntry,
  EmptyReason,
  EncounterEntry,
  MedicationEntry,
  ObservationEntry,
  PatientSummary,
  ProblemEntry,
  RenderContext,
} from './summary-types.js';
import { boundedList } from './summary-types.js';
import { formatDate } from '../i18n/format.js';

type SectionKey = keyof PatientSummary['sections'];

const sectionTitles: Record<SectionKey, MessageKey> = {
  allergies: 'summary.allergies',
  problems: 'summary.problems',
  medications: 'summary.medications',
  results: 'summary.results',
  vitalSigns: 'summary.vital-signs',
  encounters: 'summary.encounters',
};

const emptyKeys: Record<EmptyReason, MessageKey> = {
  nilknown: 'summary.empty.nilknown',
  notasked: 'summary.empty.notasked',
  withheld: 'summary.empty.withheld',
  unavailable: 'summary.empty.unavailable',
  notstarted: 'summary.empty.notasked',
  closed: 'summary.empty.unavailable',
};

const interpretationKeys: Record<string, { key: MessageKey; arrow: string }> = {
  H: { key: 'summary.result.high', arrow: '↑' },
  L: { key: 'summary.result.low', arrow: '↓' },
  HH: { key: 'summary.result.critical-high', arrow: '⇈' },
  HU: { key: 'summary.result.critical-high', arrow: '⇈' },
  LL: { key: 'summary.result.critical-low', arrow: '⇊' },
  LU: { key: 'summary.result.critical-low', arrow: '⇊' },
  A: { key: 'summary.result.abnormal', arrow: '!' },
  AA: { key: 'summary.result.abnormal', arrow: '!' },
};

const encounterClassKeys: Record<string, MessageKey> = {
  AMB: 'summary.encounter.class.AMB',
  IMP: 'summary.encounter.class.IMP',
  ACUTE: 'summary.encounter.class.IMP',
  EMER: 'summary.encounter.class.EMER',
  VR: 'summary.encounter.class.VR',
  HH: 'summary.encounter.class.HH',
};

function section(key: SectionKey, context: RenderContext, body: TemplateResult, note?: string) {
  return html`<section part="section ${key}" class="section ${key}" aria-labelledby="title-${key}">
    <h3 id="title-${key}">${context.t(sectionTitles[key])}</h3>
    ${body} ${note ? html`<p class="note">${note}</p>` : nothing}
  </section>`;
}

function emptyMessage(reason: EmptyReason | undefined, context: RenderContext) {
  const why = reason ?? 'notasked';
  return html`<p class="empty ${why}" part="empty">${context.t(emptyKeys[why])}</p>`;
}

function flag(code: string | undefined, context: RenderContext) {
  const known = code === undefined ? undefined : interpretationKeys[code];
  if (!known) return nothing;
  return html`<span class="flag flag-${code}" part="flag"
    ><span aria-hidden="true">${known.arrow} </span>${context.t(known.key)}</span
  >`;
}

function renderAllergy(allergy: AllergyEntry, context: RenderContext) {
  const { t, locale } = context;
  const manifestations = allergy.reactions
    .flatMap((r) => r.manifestations.map((m) => codingDisplay(m, locale)))
    .filter((m): m is string => m !== undefined);
  const criticality = allergy.criticality;
  return html`<li class="allergy ${criticality ?? ''}">
    <span class="allergen">
      ${criticality === 'high' ? html`<span aria-hidden="true" class="warning-icon">⚠</span>` : nothing}
      <strong><bdi>${codingDisplay(allergy.code, locale) ?? '—'}</bdi></strong>
    </span>
    ${criticality ? html`<span class="criticality">${t(`summary.allergy.criticality.${criticality}`)}</span>` : nothing}
    ${allergy.type === 'intolerance' ? html`<span class="muted">${t('summary.allergy.intolerance')}</span>` : nothing}
    ${
      manifestations.length > 0
        ? html`<span class="reaction">${t('summary.allergy.reaction')}: <bdi>${manifestations.join(', ')}</bdi></span>`
        : nothing
    }
  </li>`;
}

function renderAllergies(summary: PatientSummary, context: RenderContext) {
  const { allergies } = summary.sections;
  if (allergies.entries.length > 0) {
    return section(
      'allergies',
      context,
      html`<ul class="list">
        ${allergies.entries.map((a) => renderAllergy(a, context))}
      </ul>`,
    );
  }
  const reason = allergies.emptyReason ?? 'notasked';
  const body =
    reason === 'nilknown'
      ? html`<p class="empty nilknown" part="empty">
          <span aria-hidden="true">✓ </span>${context.t('summary.allergies.nilknown')}
        </p>`
      : reason === 'withheld'
        ? emptyMessage(reason, context)
        : html`<p class="empty notasked" part="empty">
            <span aria-hidden="true">? </span>${context.t('summary.allergies.notasked')}
          </p>`;
  return section('allergies', context, body);
}

function renderProblem(problem: ProblemEntry, context: RenderContext) {
  const { t, locale } = context;
  const since = problem.onset ? t('summary.problem.since', { date: formatDate(problem.onset, locale) }) : '';
  return html`<li>
    ${problem.icd10 ? html`<span class="code">${problem.icd10}</span>` : nothing}
    <bdi>${codingDisplay(problem.code, locale) ?? '—'}</bdi>
    ${since ? html`<span class="muted">${since}</span>` : nothing}
  </li>`;
}

function medicationStatus(status: string | undefined, context: RenderContext): string {
  if (status === 'active') return context.t('summary.medication.status.active');
  if (status === 'on-hold') return context.t('summary.medication.status.on-hold');
  return context.t('summary.medication.status.other', { status: status ?? '—' });
}

function renderMedication(medication: MedicationEntry, context: RenderContext) {
  const { t, locale } = context;
  const dispensed =
    medication.prescribed?.value !== undefined
      ? t('summary.medication.dispensed', {
          dispensed: formatNumber(medication.dispensed?.value ?? 0, locale),
          prescribed: formatQuantity(medication.prescribed, locale),
        })
      : undefined;
  return html`<li class="medication">
    <strong><bdi>${codingDisplay(medication.medication, locale) ?? '—'}</bdi></strong>
    <span class="status status-${medication.status ?? 'unknown'}">${medicationStatus(medication.status, context)}</span>
    ${dispensed ? html`<span class="dispensed">${dispensed}</span>` : nothing}
    ${medication.dosage ? html`<span class="muted"><bdi>${medication.dosage}</bdi></span>` : nothing}
    ${
      medication.authoredOn
        ? html`<span class="muted"
            >${t('summary.medication.prescribed-on', { date: formatDate(medication.authoredOn, locale) })}</span
          >`
        : nothing
    }
  </li>`;
}

function observationValue(entry: ObservationEntry, context: RenderContext): string {
  const { locale } = context;
  if (entry.components.length > 0 && entry.value === undefined) {
    // A blood pressure: "146/76 mmHg".
    const values = entry.components.map((c) =>
      c.value?.value === undefined ? '—' : formatNumber(c.value.value, locale),
    );
    const unit = entry.components[0]?.value?.unit;
    return `${values.join('/')}${unit ? ` ${unit}` : ''}`;
  }
  return entry.value ? formatQuantity(entry.value, locale) : (entry.valueText ?? '—');
}

function renderTest(test: TestTrend, context: RenderContext) {
  const { t, locale } = context;
  const { latest } = test;
  const range = formatRange(latest.referenceRange, locale);
  const name = codingDisplay(latest.code, locale) ?? latest.key;
  const trendText = t('summary.result.trend', { values: test.trend.map((v) => formatNumber(v, locale)).join(', ') });
  return html`<li class="result ${latest.interpretation ? 'abnormal' : ''}">
    <span class="result-name"><bdi>${name}</bdi></span>
    <span class="result-value"
      ><strong>${observationValue(latest, context)}</strong> ${flag(latest.interpretation, context)}</span
    >
    <span class="muted result-range">${range ? t('summary.result.range', { range }) : ''}</span>
    <span class="result-trend">${sparkline(test.trend, trendText)}</span>
    <span class="muted result-date">${formatDate(latest.effective, locale)}</span>
  </li>`;
}

function renderResults(summary: PatientSummary, context: RenderContext) {
  const { t, locale } = context;
  const groups = boundedList('results', resultGroupsOf(summary.sections.results.entries), context);
  return html`${groups.visible.map(
    (group) =>
      html`<div class="result-group">
        <h4>
          ${
            group.panel
              ? html`<bdi>${codingDisplay(group.panel.code, locale) ?? group.panel.key}</bdi>
                  <span class="muted">${formatDate(group.panel.effective, locale)}</span>`
              : t('summary.result.other-tests')
          }
        </h4>
        <ul class="list results-list long-list" style=${longListStyle(group.tests.length)}>
          ${group.tests.map((test) => renderTest(test, context))}
        </ul>
      </div>`,
  )}
  ${groups.more ?? nothing}`;
}

function renderVital(entry: ObservationEntry, context: RenderContext) {
  const { locale } = context;
  return html`<li class="vital">
    <span class="result-name"><bdi>${codingDisplay(entry.code, locale) ?? entry.key}</bdi></span>
    <span class="result-value"
      ><strong>${observationValue(entry, context)}</strong> ${flag(entry.interpretation, context)}</span
    >
    <span class="muted result-date">${formatDate(entry.effective, locale)}</span>
  </li>`;
}

function renderEncounter(encounter: EncounterEntry, context: RenderContext) {
  const { t, locale } = context;
  const classCode = encounter.classes[0]?.coding?.[0]?.code;
  const classKey = classCode === undefined ? undefined : encounterClassKeys[classCode];
  const kind = classKey ? t(classKey) : codingDisplay(encounter.classes[0], locale);
  const type = codingDisplay(encounter.types[0], locale);
  const where = encounter.serviceProvider ?? encounter.practitioner;
  return html`<li class="encounter">
    <time datetime=${encounter.start ?? ''}>${formatDate(encounter.start, locale)}</time>
    <span>${kind ?? ''}${type ? html` · <bdi>${type}</bdi>` : nothing}</span>
    ${where ? html`<span class="muted"><bdi>${where}</bdi></span>` : nothing}
  </li>`;
}

function listSection<Entry>(
  key: Exclude<SectionKey, 'allergies' | 'results'>,
  summary: PatientSummary,
  context: RenderContext,
  renderEntry: (entry: Entry, context: RenderContext) => TemplateResult,
  listTag: 'ul' | 'ol' = 'ul',
) {
  const content = summary.sections[key] as { entries: Entry[]; emptyReason?: EmptyReason; text?: string };
  if (content.entries.length === 0) return section(key, context, emptyMessage(content.emptyReason, context));
  const shown = boundedList(key, content.entries, context);
  const items = shown.visible.map((entry) => renderEntry(entry, context));
  const list =
    listTag === 'ol'
      ? html`<ol class="list timeline long-list" style=${longListStyle(items.length)}>
          ${items}
        </ol>`
      : html`<ul class="list long-list" style=${longListStyle(items.length)}>
          ${items}
        </ul>`;
  const body = html`${list} ${shown.more ?? nothing}`;
  return section(key, context, body, content.text);
}

/** The sections of the full view, allergies first (safety-critical, and shown even when the rest is withheld). */
export function renderSections(summary: PatientSummary, context: RenderContext) {
  const { results } = summary.sections;
  const anyWithheld = Object.values(summary.sections).some((s) => s.emptyReason === 'withheld');
  return html`${
      anyWithheld
        ? html`<p class="withheld-note" part="withheld-note" role="note">${context.t('summary.withheld-note')}</p>`
        : nothing
    }
    <div class="sections">
      ${renderAllergies(summary, context)} ${listSection<ProblemEntry>('problems', summary, context, renderProblem)}
      ${listSection<MedicationEntry>('medications', summary, context, renderMedication)}
      ${
        results.entries.length > 0
          ? section('results', context, renderResults(summary, context), results.text)
          : section('results', context, emptyMessage(results.emptyReason, context))
      }
      ${listSection<ObservationEntry>('vitalSigns', summary, context, renderVital)}
      ${listSection<EncounterEntry>('encounters', summary, context, renderEncounter, 'ol')}
    </div>`;
}
