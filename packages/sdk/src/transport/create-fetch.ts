import { errorFromFailure } from '../errors/from-response.js';

export type FetchLike = (request: Request) => Promise<Response>;

/**
 * The fetch beneath openapi-fetch. Every failure to get an answer at all becomes a ShifoError
 * (`network` / `timeout`), so callers can tell "could not ask" from "was refused".
 */
export function createTransport(baseFetch: FetchLike): FetchLike {
  return async (request) => {
    try {
      return await baseFetch(request);
    } catch (failure) {
      throw errorFromFailure(failure);
    }
  };
}
