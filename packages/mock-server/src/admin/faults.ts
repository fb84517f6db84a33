import type { FaultConfig } from '../faults/fault-config.js';
import type { Handler } from '../handler.js';

/** `GET /__admin/faults`: the active fault configuration (an empty object when none). */
export const getFaults: Handler = (context) => ({ status: 200, body: context.state.faults.get() });

/** `PUT /__admin/faults`: replaces the configuration (validated against the contract's `FaultConfig`). */
export const setFaults: Handler = (context) => ({
  status: 200,
  body: context.state.faults.set((context.body ?? {}) as FaultConfig),
});

/** `DELETE /__admin/faults`: back to normal behaviour. */
export const clearFaults: Handler = (context) => {
  context.state.faults.clear();
  return { status: 204 };
};
