/** Counts from 1 to 4 are withheld when published, so that small groups cannot be identified (DOMAIN.md). */
export const SUPPRESSION_THRESHOLD = 5;

/** A count as the statistics publish it: `null` and `suppressed: true` when 0 < count < 5. */
export function suppressed(count: number): { count: number | null; suppressed: boolean } {
  const hide = count > 0 && count < SUPPRESSION_THRESHOLD;
  return { count: hide ? null : count, suppressed: hide };
}
