/**
 * Whole years between a FHIR birth date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and `today`, or `undefined`
 * when the date is missing or malformed. Partial dates count from the earliest day they allow.
 */
export function ageInYears(birthDate: string | undefined, today: Date = new Date()): number | undefined {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(birthDate ?? '');
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2] ?? '1');
  const day = Number(match[3] ?? '1');
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : undefined;
}
