/**
 * Masks an identifier for display, keeping the last `visible` characters: `40503855900021` → `••••••••••0021`.
 * A masked PINFL still lets staff confirm "is this the right person?" against the last digits on a document,
 * without putting the whole number on a screen that others can see.
 */
export function maskIdentifier(value: string, visible = 4): string {
  const chars = [...value];
  if (chars.length <= visible) return '•'.repeat(chars.length);
  return '•'.repeat(chars.length - visible) + chars.slice(-visible).join('');
}
