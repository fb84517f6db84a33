import type { HumanName, Patient } from '../fhir/types.js';

/** The name to show: the `official`/`usual` one, else the first; formatted "Family Given Patronymic" as in Uzbekistan. */
export function displayName(patient: Pick<Patient, 'name'>): string | undefined {
  const names = patient.name ?? [];
  const chosen =
    names.find((name) => name.use === 'official') ?? names.find((name) => name.use === 'usual') ?? names[0];
  return chosen ? formatHumanName(chosen) : undefined;
}

export function formatHumanName(name: HumanName): string | undefined {
  if (name.text?.trim()) return name.text.trim();
  // UZ Core keeps the patronymic in `suffix`.
  const parts = [name.family, ...(name.given ?? []), ...(name.suffix ?? [])].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return parts.length ? parts.join(' ') : undefined;
}
