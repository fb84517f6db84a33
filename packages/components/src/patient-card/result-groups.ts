import type { ObservationEntry } from './summary-types.js';

/** One test (LOINC code) over time: the latest result and the recent values for a trend. */
export interface TestTrend {
  key: string;
  latest: ObservationEntry;
  /** Numeric values, oldest first, at most `trendLength`. */
  trend: number[];
}

/** Tests under the panel they were ordered in (e.g. a complete blood count), or stand-alone (`panel` unset). */
export interface ResultGroup {
  key: string;
  /** The latest panel of this kind, for its title and date. */
  panel?: ObservationEntry;
  tests: TestTrend[];
}

function time(entry: ObservationEntry): number {
  const parsed = Date.parse(entry.effective ?? '');
  return Number.isNaN(parsed) ? 0 : parsed;
}

const groupedOnce = new WeakMap<readonly ObservationEntry[], ResultGroup[]>();

/**
 * `groupResults` with the default trend length, computed once per summary: re-renders (show more, a revealed
 * PINFL, a language switch) reuse the groups of the summary on screen.
 */
export function resultGroupsOf(entries: readonly ObservationEntry[]): readonly ResultGroup[] {
  let groups = groupedOnce.get(entries);
  if (!groups) {
    groups = groupResults(entries);
    groupedOnce.set(entries, groups);
  }
  return groups;
}

/**
 * Hundreds of results become one row per test: a long history of 200+ observations renders as a few dozen rows,
 * each with the latest value and a trend, grouped by panel. Stand-alone tests come last.
 */
export function groupResults(entries: readonly ObservationEntry[], trendLength = 5): ResultGroup[] {
  const groups = new Map<string, { panel?: ObservationEntry; tests: Map<string, ObservationEntry[]> }>();
  const add = (groupKey: string, panel: ObservationEntry | undefined, result: ObservationEntry) => {
    let group = groups.get(groupKey);
    if (!group) {
      group = { panel, tests: new Map() };
      groups.set(groupKey, group);
    }
    if (panel && (!group.panel || time(panel) > time(group.panel))) group.panel = panel;
    const series = group.tests.get(result.key) ?? [];
    series.push(result);
    group.tests.set(result.key, series);
  };
  for (const entry of entries) {
    if (entry.members.length > 0) for (const member of entry.members) add(`panel:${entry.key}`, entry, member);
    else add('', undefined, entry);
  }
  const result: ResultGroup[] = [];
  for (const [key, group] of groups) {
    const tests: TestTrend[] = [...group.tests].map(([testKey, series]) => {
      const newestFirst = [...series].sort((a, b) => time(b) - time(a));
      const trend = newestFirst
        .flatMap((entry) => (entry.value?.value === undefined ? [] : [entry.value.value]))
        .slice(0, trendLength)
        .reverse();
      return { key: testKey, latest: newestFirst[0]!, trend };
    });
    result.push(group.panel ? { key, panel: group.panel, tests } : { key, tests });
  }
  // Panels first, newest first; stand-alone tests last.
  return result.sort(
    (a, b) =>
      Number(!a.panel) - Number(!b.panel) || time(b.panel ?? b.tests[0]!.latest) - time(a.panel ?? a.tests[0]!.latest),
  );
}
