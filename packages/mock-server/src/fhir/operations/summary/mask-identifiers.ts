import { maskIdentifier } from '@shifo/sdk';
import type { StoredResource } from '../../../store/resource-store.js';

/** UZ Core person identifier systems (PINFL, passports, birth certificates): `https://dhp.uz/fhir/core/sid/pid/…`. */
const NATIONAL_IDENTIFIER_PREFIX = 'https://dhp.uz/fhir/core/sid/pid/';

const MASKED_LABEL = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'MASKED',
  display: 'masked',
} as const;

interface Identifier {
  system?: string;
  value?: string;
}

/**
 * A copy of the Patient with national identifiers masked (`••••••••••0021`, as the SDK's `maskIdentifier`) and
 * the `MASKED` security label, so a summary on a shared screen never shows a whole PINFL. `$reveal-identifier`
 * unmasks, audited.
 */
export function maskedPatient(patient: Readonly<StoredResource>): StoredResource {
  const copy = structuredClone(patient) as StoredResource;
  let masked = false;
  for (const identifier of (copy.identifier as Identifier[] | undefined) ?? []) {
    if (identifier.system?.startsWith(NATIONAL_IDENTIFIER_PREFIX) && typeof identifier.value === 'string') {
      identifier.value = maskIdentifier(identifier.value);
      masked = true;
    }
  }
  if (masked) {
    const security = [...((copy.meta?.security as unknown[] | undefined) ?? []), { ...MASKED_LABEL }];
    copy.meta = { ...copy.meta, security };
  }
  return copy;
}
