import type { Handler } from '../handler.js';
import { JOURNAL_FORMAT } from '../persistence/journal.js';
import { loadSeed } from '../seed-state.js';
import type { SeedKind } from '../seed/index.js';

/**
 * `POST /__admin/reset`: a freshly seeded store (and data file), and the faults the server started with. Tokens
 * issued earlier stay valid, as the contract says: a test suite resets between tests without signing in again.
 */
export const resetStore: Handler = (context) => {
  const { state } = context;
  const kind = (context.body as { seed?: SeedKind } | undefined)?.seed ?? state.seedKind;
  const today = state.now();
  const reload = () => {
    state.store.clear();
    const loaded = loadSeed(state.store, kind, today);
    Object.assign(state, {
      seed: loaded.seed,
      users: loaded.users,
      deniedPatients: loaded.deniedPatients,
      seedKind: kind,
    });
  };
  if (state.journal) {
    state.journal.suspend(reload);
    state.journal.rewrite(
      { format: JOURNAL_FORMAT, seed: kind, seededAt: today.toISOString() },
      state.store.versions(),
    );
  } else {
    reload();
  }
  state.faults.reset();
  const counts: Record<string, number> = {};
  for (const type of state.store.types()) counts[type] = [...state.store.all(type)].length;
  return { status: 200, body: { seed: kind, resetAt: today.toISOString(), counts } };
};
