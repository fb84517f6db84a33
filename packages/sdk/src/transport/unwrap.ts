import { errorFromResponse } from '../errors/from-response.js';

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful openapi-fetch call; a refusal becomes a ShifoError. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (!result.response.ok || result.data === undefined) throw errorFromResponse(result.response, result.error);
  return result.data;
}
