import type { Schemas } from '@shifo/sdk';

// What can go wrong, exactly as the contract's `FaultConfig` / `FaultRoute` schemas describe it (generated types:
// the admin API validates against the same schemas, so the two cannot drift apart).

/** Per-route rules: `pattern` is a path glob, `*` one segment, `**` any number (`/fhir/Patient/*`, `/queue/**`). */
export type FaultRoute = Schemas['FaultRoute'];

/** The whole configuration: global fields, and per-route rules where the first matching route wins. */
export type FaultConfig = Schemas['FaultConfig'];

/** The fault fields alone, as a route or the global configuration carries them. */
export type FaultRule = Omit<FaultRoute, 'pattern' | 'method'>;
