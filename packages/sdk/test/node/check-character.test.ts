import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatPrescriptionNumber,
  generatePrescriptionNumber,
  isValidPrescriptionNumber,
  mod37_2CheckCharacter,
} from '../../src/prescription/check-character.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+';

/** ISO/IEC 7064 pure-system definition, written independently: Σ value·2^(position from the right) ≡ 1 (mod 37). */
function satisfiesMod37_2(full: string): boolean {
  let sum = 0;
  [...full].reverse().forEach((char, i) => {
    sum = (sum + ALPHABET.indexOf(char) * Number(2n ** BigInt(i) % 37n)) % 37;
  });
  return sum === 1;
}

/** A deterministic stand-in for Math.random. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('MOD 37-2 test vectors (NHS EPS)', () => {
  it('C8A579-A83008-42FFAU is valid', () => {
    assert.equal(isValidPrescriptionNumber('C8A579-A83008-42FFAU'), true);
    assert.equal(mod37_2CheckCharacter('C8A579A8300842FFA'), 'U');
  });

  it('269CA9-A99968-4577BP is not', () => {
    assert.equal(isValidPrescriptionNumber('269CA9-A99968-4577BP'), false);
    assert.notEqual(mod37_2CheckCharacter('269CA9A999684577B'), 'P');
  });
});

describe('isValidPrescriptionNumber', () => {
  it('accepts the number with or without dashes, in any case, with spaces', () => {
    for (const form of ['C8A579A8300842FFAU', 'c8a579-a83008-42ffau', ' C8A579 A83008 42FFAU ', 'c8a579a8300842ffau']) {
      assert.equal(isValidPrescriptionNumber(form), true, form);
    }
  });

  it('refuses one wrong character anywhere, and wrong lengths or characters', () => {
    const good = 'C8A579A8300842FFAU';
    for (let i = 0; i < good.length; i++) {
      const original = good.charAt(i);
      const replacement = original === '0' ? '1' : '0';
      const typo = good.slice(0, i) + replacement + good.slice(i + 1);
      assert.equal(isValidPrescriptionNumber(typo), false, typo);
    }
    for (const bad of [
      '',
      'C8A579-A83008-42FFA',
      'C8A579-A83008-42FFAUU',
      'C8A579-A83008-42FF*U',
      '+8A579-A83008-42FFAU',
    ]) {
      assert.equal(isValidPrescriptionNumber(bad), false, bad);
    }
  });

  it('catches swapped neighbours, the commonest typing error', () => {
    const good = 'C8A579A8300842FFAU';
    for (let i = 0; i < good.length - 1; i++) {
      if (good[i] === good[i + 1]) continue;
      const swapped = good.slice(0, i) + good.charAt(i + 1) + good.charAt(i) + good.slice(i + 2);
      assert.equal(isValidPrescriptionNumber(swapped), false, swapped);
    }
  });
});

describe('mod37_2CheckCharacter', () => {
  it('agrees with the ISO 7064 definition, including the + check character', () => {
    const random = seeded(7);
    let sawPlus = false;
    for (let n = 0; n < 2000; n++) {
      const body = Array.from({ length: 17 }, () => ALPHABET.charAt(Math.floor(random() * 36))).join('');
      const check = mod37_2CheckCharacter(body);
      assert.equal(satisfiesMod37_2(body + check), true, body + check);
      if (check === '+') sawPlus = true;
    }
    assert.equal(sawPlus, true, '36 is written +');
  });

  it('is case-insensitive, ignores dashes and refuses other characters', () => {
    assert.equal(mod37_2CheckCharacter('c8a579-a83008-42ffa'), 'U');
    assert.throws(() => mod37_2CheckCharacter(''), RangeError);
    assert.throws(() => mod37_2CheckCharacter('C8A579 A83008'), RangeError);
    assert.throws(() => mod37_2CheckCharacter('C8A5+9'), RangeError);
  });
});

describe('formatPrescriptionNumber', () => {
  it('adds the dashes and the check character', () => {
    assert.equal(formatPrescriptionNumber('C8A579A8300842FFA'), 'C8A579-A83008-42FFAU');
    assert.equal(formatPrescriptionNumber('c8a579-a83008-42ffa'), 'C8A579-A83008-42FFAU');
  });

  it('needs a 17-character body (18 with the check character)', () => {
    assert.throws(() => formatPrescriptionNumber('C8A579A8300842FF'), RangeError);
    assert.throws(() => formatPrescriptionNumber('C8A579A8300842FFAU'), RangeError);
    assert.throws(() => formatPrescriptionNumber('C8A579A8300842FF!'), RangeError);
  });

  it('round-trips with isValidPrescriptionNumber', () => {
    const random = seeded(42);
    for (let n = 0; n < 500; n++) {
      const body = Array.from({ length: 17 }, () => ALPHABET.charAt(Math.floor(random() * 36))).join('');
      const formatted = formatPrescriptionNumber(body);
      assert.match(formatted, /^[0-9A-Z]{6}-[0-9A-Z]{6}-[0-9A-Z]{5}[0-9A-Z+]$/);
      assert.equal(formatted.replace(/-/g, '').slice(0, 17), body);
      assert.equal(isValidPrescriptionNumber(formatted), true, formatted);
    }
  });
});

describe('generatePrescriptionNumber', () => {
  it('makes valid numbers with a hexadecimal body', () => {
    for (let n = 0; n < 200; n++) {
      const number = generatePrescriptionNumber();
      assert.match(number, /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{5}[0-9A-Z+]$/);
      assert.equal(isValidPrescriptionNumber(number), true, number);
    }
  });

  it('uses the random source it is given', () => {
    assert.equal(generatePrescriptionNumber(seeded(1)), generatePrescriptionNumber(seeded(1)));
    assert.notEqual(generatePrescriptionNumber(seeded(1)), generatePrescriptionNumber(seeded(2)));
    assert.equal(
      generatePrescriptionNumber(() => 0),
      formatPrescriptionNumber('0'.repeat(17)),
    );
    assert.equal(
      generatePrescriptionNumber(() => 0.999999),
      formatPrescriptionNumber('F'.repeat(17)),
    );
  });

  it('does not repeat itself by default', () => {
    const numbers = new Set(Array.from({ length: 1000 }, () => generatePrescriptionNumber()));
    assert.equal(numbers.size, 1000);
  });
});
