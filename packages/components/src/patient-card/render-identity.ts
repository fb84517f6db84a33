import { ageInYears, codingDisplay, displayName, maskIdentifier, type Patient, type ShifoProfiles } from '@shifo/sdk';
import { html, nothing } from 'lit';
import { formatYears, formatDate } from '../i18n/format.js';
import type { MessageKey } from '../i18n/translate.js';
import type { PatientSummary, RenderContext } from './summary-types.js';

const sexKeys: Record<string, MessageKey> = {
  male: 'patient.sex.male',
  female: 'patient.sex.female',
  other: 'patient.sex.other',
};

function identifierLabel(system: string | undefined, systems: ShifoProfiles['identifierSystems']): MessageKey {
  switch (system) {
    case systems.passportLocal:
      return 'patient.identifier.passport-local';
    case systems.passportInternational:
      return 'patient.identifier.passport-international';
    case systems.birthCertificate:
      return 'patient.identifier.birth-certificate';
    default:
      return 'patient.identifier.other';
  }
}

interface Identity {
  name: string;
  age: string;
  birthDate: string;
  sex: string;
  pinfl: string;
  /** Whether the record has a PINFL at all (the reveal action is offered only then). */
  hasPinfl: boolean;
  others: { label: string; value: string }[];
  organization?: string;
  contacts: string[];
}

/** The patient's identity as text; identifiers are masked (the summary masks national ones; others are masked here). */
export function identityOf(patient: Patient, profiles: ShifoProfiles, { t, locale }: RenderContext): Identity {
  const systems = profiles.identifierSystems;
  const age = ageInYears(patient.birthDate);
  const identifiers = (patient.identifier ?? []).filter((i) => typeof i.value === 'string' && i.value !== '');
  const pinfl = identifiers.find((i) => i.system === systems.pinfl)?.value;
  const organization = patient.managingOrganization?.display;
  return {
    name: displayName(patient) ?? t('patient.unnamed'),
    age: age === undefined ? '—' : formatYears(age, locale),
    birthDate: formatDate(patient.birthDate, locale),
    sex: t(sexKeys[patient.gender ?? ''] ?? 'patient.sex.unknown'),
    pinfl: pinfl ? maskIdentifier(pinfl) : t('patient.no-pinfl'),
    hasPinfl: pinfl !== undefined,
    others: identifiers
      .filter((i) => i.system !== systems.pinfl && i.system !== systems.shifoRequestId)
      .map((i) => ({
        label: t(identifierLabel(i.system, systems)),
        value: maskIdentifier(i.value!),
      })),
    ...(organization ? { organization } : {}),
    // Shown as text only, never as links: a `javascript:` or look-alike URL in a record must stay inert.
    contacts: (patient.telecom ?? []).flatMap((c) => (typeof c.value === 'string' && c.value !== '' ? [c.value] : [])),
  };
}

/** What the element puts in the PINFL field: the value while it is revealed, and the Show/Hide control. */
export interface PinflField {
  revealed?: string;
  control?: unknown;
}

/**
 * The identity header of the full view. `<bdi>` keeps bidirectional characters in a name from reordering the line.
 * `pinflField` replaces the masked PINFL with the revealed one and adds the reveal control next to it.
 */
export function renderIdentity(
  summary: PatientSummary,
  profiles: ShifoProfiles,
  context: RenderContext,
  pinflField: PinflField = {},
) {
  const { t } = context;
  const who = identityOf(summary.patient, profiles, context);
  return html`<header part="identity" class="identity">
    <h2 part="name"><bdi>${who.name}</bdi></h2>
    <dl>
      ${field(t('patient.age'), who.age)} ${field(t('patient.birth-date'), who.birthDate)}
      ${field(t('patient.sex'), who.sex)}
      ${field(
        t('patient.pinfl'),
        html`<span class="pinfl-value">${pinflField.revealed ?? who.pinfl}</span> ${pinflField.control ?? nothing}`,
        'pinfl',
      )}
      ${who.others.map((other) => field(other.label, other.value))}
      ${who.organization ? field(t('patient.managing-organization'), html`<bdi>${who.organization}</bdi>`) : nothing}
      ${
        who.contacts.length > 0
          ? field(
              t('patient.contact'),
              who.contacts.map((c, i) => html`${i > 0 ? ', ' : ''}<bdi>${c}</bdi>`),
            )
          : nothing
      }
    </dl>
  </header>`;
}

/** One term and its value in an identity list (`<dl>`): the card's and the patient view's shared shape. */
export function field(term: string, value: unknown, valueClass?: string) {
  return html`<div>
    <dt>${term}</dt>
    <dd class=${valueClass ?? nothing}>${value}</dd>
  </div>`;
}

/** The allergies in a few words for the banner: what a HIS screen must never hide. */
function bannerAllergies(summary: PatientSummary, { t, locale }: RenderContext) {
  const { allergies } = summary.sections;
  if (allergies.entries.length === 0) {
    const key: MessageKey =
      allergies.emptyReason === 'nilknown' ? 'summary.allergies.nilknown' : 'summary.allergies.notasked';
    return html`<span class="chip ${allergies.emptyReason ?? 'notasked'}">${t(key)}</span>`;
  }
  const high = allergies.entries.some((a) => a.criticality === 'high');
  const names = allergies.entries.map((a) => codingDisplay(a.code, locale) ?? '—').join(', ');
  return html`<span class="chip allergy-chip ${high ? 'high' : ''}"
    ><span aria-hidden="true">⚠ </span>${t('summary.allergies')}: <bdi>${names}</bdi></span
  >`;
}

/** `view="banner"`: one compact line for the top of a HIS screen. */
/** The banner's one line; `stale` is its compact offline note (the full view shows a whole-width notice instead). */
export function renderBanner(
  summary: PatientSummary,
  profiles: ShifoProfiles,
  context: RenderContext,
  stale: unknown = nothing,
) {
  const { t } = context;
  const who = identityOf(summary.patient, profiles, context);
  return html`<div part="banner" class="banner" role="group" aria-label=${`${t('patient.card.label')}: ${who.name}`}>
    <strong part="name" class="banner-name"><bdi>${who.name}</bdi></strong>
    <span>${who.age}, ${who.sex}</span>
    <span>${who.birthDate}</span>
    <span><span class="label">${t('patient.pinfl')}</span> ${who.pinfl}</span>
    ${bannerAllergies(summary, context)} ${stale}
  </div>`;
}
