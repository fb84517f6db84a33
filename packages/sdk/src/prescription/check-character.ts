// Prescription numbers that people read aloud and type carry a check character, as in England's EPS short form
// `XXXXXX-XXXXXX-XXXXXC`: ISO/IEC 7064 MOD 37-2 over the 17 body characters, with `+` standing for 36.
// (18 characters in all: the check character is the last of the third group.)

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+';
const BODY_LENGTH = 17;

/**
 * The ISO/IEC 7064 MOD 37-2 check character for `body` (0-9, A-Z; case-insensitive; dashes ignored).
 * Throws a RangeError for an empty body or any other character.
 */
export function mod37_2CheckCharacter(body: string): string {
  const chars = body.replace(/-/gu, '').toUpperCase();
  if (!/^[0-9A-Z]+$/u.test(chars)) throw new RangeError('A MOD 37-2 body is one or more of 0-9 and A-Z');
  let total = 0;
  for (const char of chars) total = ((total + ALPHABET.indexOf(char)) * 2) % 37;
  // Pure system: the check value makes the weighted sum ≡ 1 (mod 37).
  return ALPHABET[(38 - total) % 37] ?? '';
}

/**
 * Whether `number` is a 17-character body plus a correct check character. Accepts the dashed form or none,
 * in either case, with surrounding or grouping spaces (people copy from print).
 */
export function isValidPrescriptionNumber(number: string): boolean {
  const compact = number.replace(/[\s-]/gu, '').toUpperCase();
  const match = /^([0-9A-Z]{17})([0-9A-Z+])$/u.exec(compact);
  return match !== null && mod37_2CheckCharacter(match[1] ?? '') === match[2];
}

/** `C8A579A8300842FFA` + check → `C8A579-A83008-42FFAU`: dashes after 6 and 12 characters, upper case. */
export function formatPrescriptionNumber(body17: string): string {
  const body = body17.replace(/-/gu, '').toUpperCase();
  if (!/^[0-9A-Z]{17}$/u.test(body)) throw new RangeError('A prescription number body is 17 of 0-9 and A-Z');
  return `${body.slice(0, 6)}-${body.slice(6, 12)}-${body.slice(12)}${mod37_2CheckCharacter(body)}`;
}

/**
 * A new formatted prescription number with 17 random upper-case hexadecimal characters (0-9, A-F). Unlike EPS,
 * the body encodes no organisation (DMED has its own ids for that); hex has no O/0 or I/1 look-alikes to misread, and 16^17 ≈ 3·10^20 values make collisions negligible (the
 * server must still refuse a duplicate). `random` returns [0, 1) like Math.random; by default the platform's
 * cryptographic generator is used, so numbers cannot be guessed from earlier ones.
 */
export function generatePrescriptionNumber(random: () => number = cryptoRandom): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += ALPHABET[Math.min(15, Math.max(0, Math.floor(random() * 16)))] ?? '0';
  return formatPrescriptionNumber(body);
}

function cryptoRandom(): number {
  const cryptoApi = globalThis.crypto;
  if (!cryptoApi?.getRandomValues) return Math.random();
  return (cryptoApi.getRandomValues(new Uint32Array(1))[0] ?? 0) / 2 ** 32;
}
