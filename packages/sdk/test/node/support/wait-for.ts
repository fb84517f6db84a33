/**
 * Resolves once `condition()` holds, checking every few milliseconds. The limit only keeps a broken test from
 * hanging; it is not a timing assertion.
 */
export async function waitFor(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
