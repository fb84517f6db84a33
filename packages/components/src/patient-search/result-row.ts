import { ageInYears, displayName, maskIdentifier, type Patient, type ShifoProfiles } from '@shifo/sdk';
import { formatDate, formatYears } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import type { MessageKey } from '../i18n/translate.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const sexKeys: Record<string, MessageKey> = {
  male: 'patient.sex.male',
  female: 'patient.sex.female',
  other: 'patient.sex.other',
};

/** One result as text: nothing here is markup, so a hostile name stays inert when bound. */
export interface ResultRow {
  patientId: string;
  patient: Patient;
  name: string;
  birthDate: string;
  age?: string;
  sex: string;
  /** `••••••••••0021`; absent when the record has no PINFL. */
  pinfl?: string;
  organization?: string;
  /** `active: false`: a retired or merged duplicate record. */
  inactive: boolean;
}

export function resultRow(
  patient: Patient & { id: string },
  profiles: ShifoProfiles,
  t: Translate,
  locale: Locale,
): ResultRow {
  const pinfl = patient.identifier?.find((identifier) => identifier.system === profiles.identifierSystems.pinfl)?.value;
  const age = ageInYears(patient.birthDate);
  const organization = patient.managingOrganization?.display?.trim();
  return {
    patientId: patient.id,
    patient,
    name: displayName(patient) ?? t('patient.unnamed'),
    birthDate: formatDate(patient.birthDate, locale),
    ...(age === undefined ? {} : { age: formatYears(age, locale) }),
    sex: t(sexKeys[patient.gender ?? ''] ?? 'patient.sex.unknown'),
    ...(pinfl ? { pinfl: maskIdentifier(pinfl) } : {}),
    ...(organization ? { organization } : {}),
    inactive: patient.active === false,
  };
}
