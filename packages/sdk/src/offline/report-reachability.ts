import type { FetchLike } from '../transport/attempt.js';
import { isUnreachable, type Reachability } from './reachability.js';

/** A transport that tells `reachability` how each real request went, so probes are only needed while offline. */
export function reportingReachability(send: FetchLike, reachability: Reachability): FetchLike {
  return async (request) => {
    try {
      const response = await send(request);
      reachability.report('answered');
      return response;
    } catch (failure) {
      if (isUnreachable(failure)) reachability.report('unreachable');
      throw failure;
    }
  };
}
