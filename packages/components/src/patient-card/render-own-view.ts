import { codingDisplay, type ShifoProfiles } from '@shifo/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey } from '../i18n/translate.js';
import { longListStyle } from './long-list.js';
import { formatNumber, formatQuantity, formatRange } from './format-values.js';
import { field, identityOf } from './render-identity.js';
import { resultGroupsOf, type TestTrend } from './result-groups.js';
import {
  boundedList,
  type AllergyEntry,
  type EmptyReason,
  type EncounterEntry,
  type MedicationEntry,
  type ObservationEntry,
  type PatientSummary,
  type ProblemEntry,
  type RenderContext,
} from './summary-types.js';
import { formatDate } from '../i18n/format.js';

/*
 * `audience="patient"`: the patient's own record on their phone, in plain words. No internal codes (ICD-10, LOINC,
 * identifier systems, practitioner-role ids), no H/L flags, no status codes: only what a person can act on.
 */

type OwnSection = 'allergies' | 'problems' | 'medications' | 'results' | 'vitalSigns' | 'encounters';

const titles: Record<OwnSection, MessageKey> = {
  allergies: 'own.allergies',
  problems: 'own.problems',
  medications: 'own.medications',
  results: 'own.results',
  vitalSigns: 'own.vital-signs',
  encounters: 'own.encounters',
};

const resultWords: Record<string, MessageKey> = {
  H: 'own.result.higher',
  L: 'own.result.lower',
  HH: 'own.result.much-higher',
  HU: 'own.result.much-higher',
  LL: 'own.result.much-lower',
  LU: 'own.result.much-lower',
  A: 'own.result.outside',
  AA: 'own.result.outside',
};

const visitKinds: Record<string, MessageKey> = {
  AMB: 'own.encounter.AMB',
  IMP: 'own.encounter.IMP',
  ACUTE: 'own.encounter.IMP',
  EMER: 'own.encounter.EMER',
  VR: 'own.encounter.VR',
  HH: 'own.encounter.HH',
};

/** A concept's words; never its code (a LOINC or ICD-10 code means nothing to a patient). */
function words(concept: Parameters<typeof codingDisplay>[0], context: RenderContext): string {
  const shown = codingDisplay(concept, context.locale);
  if (shown === undefined) return '—';
  const onlyACode =
    shown !== concept?.text && (concept?.coding ?? []).some((coding) => coding.code === shown && !coding.display);
  return onlyACode ? '—' : shown;
}

function ownSection(key: OwnSection, context: RenderContext, body: unknown) {
  return html`<section part="section ${key}" class="section ${key}" aria-labelledby="own-title-${key}">
    <h3 id="own-title-${key}">${context.t(titles[key])}</h3>
    ${body}
  </section>`;
}

function empty(reason: EmptyReason | undefined, context: RenderContext) {
  const key: MessageKey = reason === 'nilknown' ? 'own.empty.nilknown' : 'own.empty';
  return html`<p class="empty" part="empty">${context.t(key)}</p>`;
}

function list<Entry>(
  key: OwnSection,
  entries: readonly Entry[],
  emptyReason: EmptyReason | undefined,
  context: RenderContext,
  renderEntry: (entry: Entry) => TemplateResult,
) {
  if (entries.length === 0) return ownSection(key, context, empty(emptyReason, context));
  const shown = boundedList(`own-${key}`, entries, context);
  const rows = shown.visible.map(renderEntry);
  // Allergies are always painted (see .long-list in card-styles).
  const body =
    key === 'allergies'
      ? html`<ul class="list own-list">
          ${rows}
        </ul>`
      : html`<ul class="list own-list long-list" style=${longListStyle(rows.length)}>
          ${rows}
        </ul>`;
  return ownSection(key, context, html`${body} ${shown.more ?? nothing}`);
}

function allergy(entry: AllergyEntry, context: RenderContext) {
  const reactions = entry.reactions
    .flatMap((r) => r.manifestations.map((m) => codingDisplay(m, context.locale)))
    .filter((m): m is string => m !== undefined);
  const serious = entry.criticality === 'high';
  return html`<li class="allergy ${serious ? 'high' : ''}">
    <strong><bdi>${words(entry.code, context)}</bdi></strong>
    ${serious ? html`<span class="criticality">${context.t('own.allergy.serious')}</span>` : nothing}
    ${
      reactions.length > 0
        ? html`<span>${context.t('own.allergy.reaction', { reaction: reactions.join(', ') })}</span>`
        : nothing
    }
  </li>`;
}

function allergies(summary: PatientSummary, context: RenderContext) {
  const { entries, emptyReason } = summary.sections.allergies;
  if (entries.length > 0) return list('allergies', entries, emptyReason, context, (e) => allergy(e, context));
  const key: MessageKey = emptyReason === 'nilknown' ? 'own.allergies.nilknown' : 'own.allergies.notasked';
  return ownSection(
    'allergies',
    context,
    html`<p class="empty ${emptyReason ?? ''}" part="empty">${context.t(key)}</p>`,
  );
}

function problem(entry: ProblemEntry, context: RenderContext) {
  return html`<li>
    <bdi>${words(entry.code, context)}</bdi>
    ${
      entry.onset
        ? html`<span class="muted"
            >${context.t('summary.problem.since', { date: formatDate(entry.onset, context.locale) })}</span
          >`
        : nothing
    }
  </li>`;
}

function medication(entry: MedicationEntry, context: RenderContext) {
  const { t, locale } = context;
  return html`<li class="medication">
    <strong><bdi>${words(entry.medication, context)}</bdi></strong>
    ${entry.dosage ? html`<span><bdi>${entry.dosage}</bdi></span>` : nothing}
    ${
      entry.prescribed?.value !== undefined
        ? html`<span class="muted"
            >${t('own.medication.collected', {
              dispensed: formatNumber(entry.dispensed?.value ?? 0, locale),
              prescribed: formatQuantity(entry.prescribed, locale),
            })}</span
          >`
        : nothing
    }
  </li>`;
}

function value(entry: ObservationEntry, context: RenderContext): string {
  if (entry.components.length > 0 && entry.value === undefined) {
    const values = entry.components.map((c) =>
      c.value?.value === undefined ? '—' : formatNumber(c.value.value, context.locale),
    );
    const unit = entry.components[0]?.value?.unit;
    return `${values.join('/')}${unit ? ` ${unit}` : ''}`;
  }
  return entry.value ? formatQuantity(entry.value, context.locale) : (entry.valueText ?? '—');
}

function measurement(entry: ObservationEntry, context: RenderContext, withRange: boolean) {
  const { t, locale } = context;
  const word = entry.interpretation === undefined ? undefined : resultWords[entry.interpretation];
  const range = withRange ? formatRange(entry.referenceRange, locale) : undefined;
  return html`<li class="result ${word ? 'abnormal' : ''}">
    <span class="result-name"><bdi>${words(entry.code, context)}</bdi></span>
    <span class="result-value"
      ><strong>${value(entry, context)}</strong>
      ${word ? html`<span class="flag" part="flag">${t(word)}</span>` : nothing}</span
    >
    ${range ? html`<span class="muted">${t('own.result.normal-range', { range })}</span>` : nothing}
    <span class="muted result-date">${formatDate(entry.effective, locale)}</span>
  </li>`;
}

function visit(entry: EncounterEntry, context: RenderContext) {
  const classCode = entry.classes[0]?.coding?.[0]?.code;
  const kind = classCode === undefined ? undefined : visitKinds[classCode];
  const type = codingDisplay(entry.types[0], context.locale);
  // Names only (the summary gives display names), never a reference or a practitioner-role id.
  const where = entry.serviceProvider ?? entry.practitioner;
  return html`<li class="encounter">
    <time datetime=${entry.start ?? ''}>${formatDate(entry.start, context.locale)}</time>
    <span>${kind ? context.t(kind) : nothing}${type ? html`${kind ? ' · ' : ''}<bdi>${type}</bdi>` : nothing}</span>
    ${where ? html`<span class="muted"><bdi>${where}</bdi></span>` : nothing}
  </li>`;
}

/** The patient's own card: who, then allergies, conditions, medicines, tests, measurements and visits. */
export function renderOwnView(summary: PatientSummary, profiles: ShifoProfiles, context: RenderContext) {
  const { t } = context;
  const who = identityOf(summary.patient, profiles, context);
  const { sections } = summary;
  // Out-of-range results first: what the patient may want to ask their doctor about.
  const latest = resultGroupsOf(sections.results.entries).flatMap((group) =>
    group.tests.map((test: TestTrend) => test.latest),
  );
  const tests = [...latest.filter((t) => t.interpretation), ...latest.filter((t) => !t.interpretation)];
  return html`<article part="card" class="own" aria-label=${`${t('own.card-label')}: ${who.name}`}>
    <header part="identity" class="identity">
      <h2 part="name"><bdi>${who.name}</bdi></h2>
      <dl>
        ${field(t('patient.age'), who.age)} ${field(t('patient.birth-date'), who.birthDate)}
        ${field(t('patient.pinfl'), who.pinfl)}
      </dl>
    </header>
    <div class="sections">
      ${allergies(summary, context)}
      ${list('problems', sections.problems.entries, sections.problems.emptyReason, context, (e) => problem(e, context))}
      ${list('medications', sections.medications.entries, sections.medications.emptyReason, context, (e) =>
        medication(e, context),
      )}
      ${list('results', tests, sections.results.emptyReason, context, (e) => measurement(e, context, true))}
      ${list('vitalSigns', sections.vitalSigns.entries, sections.vitalSigns.emptyReason, context, (e) =>
        measurement(e, context, false),
      )}
      ${list('encounters', sections.encounters.entries, sections.encounters.emptyReason, context, (e) =>
        visit(e, context),
      )}
    </div>
  </article>`;
}
