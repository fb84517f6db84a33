import { existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { describeSeed, loadSeed, type LoadedSeed } from '../seed-state.js';
import type { SeedKind } from '../seed/index.js';
import type { ResourceStore, StoredResource } from '../store/resource-store.js';
import { Journal, JOURNAL_FORMAT, writeSnapshot, type JournalHeader } from './journal.js';

export interface OpenedDataFile {
  journal: Journal;
  loaded: LoadedSeed;
  /** The seed the file started from (it wins over the one asked for: the file is the state). */
  seedKind: SeedKind;
  /** Whether existing state was read back (false: a new file was seeded). */
  restored: boolean;
}

const SEED_KINDS: readonly string[] = ['demo', 'minimal', 'none'];

function parseHeader(file: string, line: string): JournalHeader {
  let header: Partial<JournalHeader>;
  try {
    header = JSON.parse(line) as Partial<JournalHeader>;
  } catch {
    throw new Error(`${file} is not a Shifo mock server data file (its first line is not JSON).`);
  }
  if (header.format !== JOURNAL_FORMAT || !SEED_KINDS.includes(String(header.seed)) || !header.seededAt) {
    throw new Error(`${file} is not a Shifo mock server data file (expected format ${JOURNAL_FORMAT}).`);
  }
  return header as JournalHeader;
}

/**
 * Reads a data file back into an empty store. A last line without its newline is a write that was never answered
 * (the process died while appending it): it is cut off, which is the start-up compaction this format needs — every
 * other line is a version that history keeps. A damaged line anywhere else stops the start.
 */
function replay(file: string, store: ResourceStore): JournalHeader {
  const bytes = readFileSync(file);
  const end = bytes.lastIndexOf(0x0a) + 1;
  if (end < bytes.length) truncateSync(file, end);
  const lines = bytes.subarray(0, end).toString('utf8').split('\n');
  const header = parseHeader(file, lines[0] ?? '');
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') continue;
    let version: StoredResource;
    try {
      version = JSON.parse(line) as StoredResource;
    } catch {
      throw new Error(`${file}: line ${index + 1} is damaged; restore the file or start without it.`);
    }
    store.restore(version);
  }
  return header;
}

/**
 * `--data FILE`: the state lives in `file`. An existing file is read back; a missing (or empty) one is created
 * from the seed. From then on every write is journaled durably before it is answered.
 */
export function openDataFile(file: string, store: ResourceStore, seedKind: SeedKind, now: Date): OpenedDataFile {
  let loaded: LoadedSeed;
  let kind = seedKind;
  const restored = existsSync(file) && statSync(file).size > 0;
  if (restored) {
    const header = replay(file, store);
    kind = header.seed;
    loaded = describeSeed(kind, new Date(header.seededAt));
  } else {
    loaded = loadSeed(store, kind, now);
    writeSnapshot(file, { format: JOURNAL_FORMAT, seed: kind, seededAt: now.toISOString() }, store.versions());
  }
  const journal = new Journal(file);
  store.onWrite((version) => journal.append(version));
  return { journal, loaded, seedKind: kind, restored };
}
