import { uzbekSearchKey } from '@shifo/sdk';
import type { Seed } from '../../../seed/types.js';
import type { ValueSetConcept, ValueSetDefinition } from './value-sets.js';

interface IndexedConcept {
  concept: ValueSetConcept;
  /** The code without dots, upper case: `J06.9` → `J069`, so `j069` and `J06.9` both find it. */
  codeKey: string;
  /** Per language, the words of the display as search keys (Latin, no apostrophes, lower case). */
  wordsByLanguage: string[][];
}

function wordsOf(text: string): string[] {
  return uzbekSearchKey(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

function codeKeyOf(text: string): string {
  return text.replace(/[\s.]/g, '').toUpperCase();
}

// Search keys are computed once per seed and value set: a keystroke's `$expand` only compares strings.
const indexes = new WeakMap<Seed, Map<string, IndexedConcept[]>>();

function indexOf(seed: Seed, valueSet: ValueSetDefinition): IndexedConcept[] {
  let bySet = indexes.get(seed);
  if (!bySet) indexes.set(seed, (bySet = new Map()));
  let index = bySet.get(valueSet.url);
  if (!index) {
    index = valueSet.concepts(seed).map((concept) => ({
      concept,
      codeKey: codeKeyOf(concept.code),
      wordsByLanguage: [concept.display.uz, concept.display.ru, concept.display.en].map(wordsOf),
    }));
    bySet.set(valueSet.url, index);
  }
  return index;
}

/**
 * The concepts matching `filter`: codes starting with it first (`I1` → I10, I11.9…), then displays in any
 * language in which every word of the filter starts a word — regardless of apostrophe style or script
 * (`gripp`, `грипп`, `oʻpka`, `o'pka`, `opka` all find what they should).
 */
export function searchConcepts(
  seed: Seed,
  valueSet: ValueSetDefinition,
  filter: string | undefined,
): ValueSetConcept[] {
  const index = indexOf(seed, valueSet);
  const query = filter?.trim() ?? '';
  if (query === '') return index.map((entry) => entry.concept);
  const codeQuery = codeKeyOf(query);
  const queryWords = wordsOf(query);
  const byCode: ValueSetConcept[] = [];
  const byText: ValueSetConcept[] = [];
  for (const entry of index) {
    if (codeQuery !== '' && entry.codeKey.startsWith(codeQuery)) byCode.push(entry.concept);
    else if (
      queryWords.length > 0 &&
      entry.wordsByLanguage.some((words) => queryWords.every((q) => words.some((word) => word.startsWith(q))))
    ) {
      byText.push(entry.concept);
    }
  }
  return [...byCode, ...byText];
}
