import assert from 'node:assert/strict';
import { ShifoError } from '../../../src/index.js';

/** The ShifoError a call is refused with; fails the test when it resolves or throws anything else. */
export async function refusal(promise: Promise<unknown>): Promise<ShifoError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ShifoError, `expected a ShifoError, got ${String(error)}`);
    return error;
  }
  throw new assert.AssertionError({ message: 'expected the call to be refused' });
}
