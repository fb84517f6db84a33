import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkPartialPinfl } from '../../src/pinfl/partial.js';
import { pinflIssueCodes, type PinflIssueCode } from '../../src/pinfl/issues.js';
import { pinflCheckDigit } from '../../src/pinfl/layout.js';
import { isPinflShaped, validatePinfl } from '../../src/pinfl/validate-pinfl.js';

/** /work/shared/fixtures/dhp, else the identical copy the mock server ships. */
function fixtureDir(): string {
  const shared = fileURLToPath(new URL('../../../../../shared/fixtures/dhp/', import.meta.url));
  return existsSync(shared) ? shared : fileURLToPath(new URL('../../../mock-server/fixtures/dhp/', import.meta.url));
}

interface FixturePatient {
  identifier?: { system?: string; value?: string }[];
  birthDate?: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
}

function patient(id: string): FixturePatient {
  return JSON.parse(readFileSync(`${fixtureDir()}Patient-example-${id}.json`, 'utf8')) as FixturePatient;
}

const PINFL_SYSTEM = 'https://dhp.uz/fhir/core/sid/pid/uz/ni';
const pinflOf = (p: FixturePatient) => p.identifier?.find((identifier) => identifier.system === PINFL_SYSTEM)?.value;

/** The 7-3-1 rule written out independently of the implementation. */
function withCheckDigit(first13: string): string {
  const weights = [7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(first13.charAt(i)), 0);
  return first13 + String(sum % 10);
}

const codes = (issues: { code: PinflIssueCode }[]) => issues.map((issue) => issue.code);
const TODAY = new Date(2026, 0, 15);

describe('validatePinfl on the DHP example patients', () => {
  it('nodira: valid, with only a checksum warning', () => {
    const nodira = patient('nodira');
    const value = pinflOf(nodira);
    assert.equal(value, '40503855900021');
    const result = validatePinfl(value ?? '', { birthDate: nodira.birthDate, gender: nodira.gender, today: TODAY });
    assert.equal(result.valid, true);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(codes(result.warnings), ['pinfl.checksum']);
    assert.deepEqual(result.warnings[0]?.params, { expected: 3, actual: 1 });
    assert.equal(result.birthDate, '1985-03-05');
    assert.equal(result.sex, 'female');
  });

  it('salim: valid, with a birth-date mismatch when given his birthDate', () => {
    const salim = patient('salim');
    const value = pinflOf(salim) ?? '';
    const result = validatePinfl(value, { birthDate: salim.birthDate, gender: salim.gender, today: TODAY });
    assert.equal(result.valid, true);
    assert.deepEqual(codes(result.warnings), ['pinfl.birth-date-mismatch']);
    assert.deepEqual(result.warnings[0]?.params, { encoded: '1997-11-02', given: '1994-01-27' });
    assert.equal(result.sex, 'male');
    // Without the record to compare with, nothing is wrong with the number itself (its check digit is right).
    assert.deepEqual(validatePinfl(value, { today: TODAY }).warnings, []);
  });

  it('david: has no PINFL, and his driving licence number is not taken for one', () => {
    const david = patient('david');
    assert.equal(pinflOf(david), undefined);
    const licence = david.identifier?.[0]?.value ?? '';
    assert.equal(licence, 'AG1141110');
    assert.deepEqual(codes(validatePinfl(licence).errors), ['pinfl.not-digits']);
  });
});

describe('validatePinfl hard errors', () => {
  const cases: [input: string, code: PinflIssueCode, why: string][] = [
    ['', 'pinfl.empty', 'nothing typed'],
    ['  - ', 'pinfl.empty', 'only separators'],
    ['4050385590002A', 'pinfl.not-digits', 'a letter'],
    ['40503855.900021', 'pinfl.not-digits', 'a dot is not a separator'],
    ['AG1141110', 'pinfl.not-digits', 'a driving licence'],
    ['4050385590002', 'pinfl.length', '13 digits'],
    ['405038559000211', 'pinfl.length', '15 digits'],
    ['70503855900021', 'pinfl.first-digit', 'first digit 7'],
    ['00503855900021', 'pinfl.first-digit', 'first digit 0'],
    ['90503855900021', 'pinfl.first-digit', 'first digit 9'],
    ['40003855900021', 'pinfl.impossible-date', 'day 00'],
    ['43203855900021', 'pinfl.impossible-date', 'day 32'],
    ['40500855900021', 'pinfl.impossible-date', 'month 00'],
    ['40513855900021', 'pinfl.impossible-date', 'month 13'],
    ['43102855900021', 'pinfl.impossible-date', '31.02'],
    ['43002855900021', 'pinfl.impossible-date', '30.02'],
    ['43104855900021', 'pinfl.impossible-date', '31.04'],
    ['32902855900021', 'pinfl.impossible-date', '29.02.1985 (not a leap year)'],
  ];
  for (const [input, code, why] of cases) {
    it(`${why}: ${JSON.stringify(input)} → ${code}`, () => {
      const result = validatePinfl(input);
      assert.equal(result.valid, false);
      assert.equal(result.errors[0]?.code, code);
      assert.ok(result.errors[0]?.message, 'an English fallback message');
      assert.equal(result.birthDate, undefined);
      assert.equal(result.sex, undefined);
    });
  }

  it('reports a wrong length together with a wrong first digit', () => {
    assert.deepEqual(codes(validatePinfl('9050385').errors), ['pinfl.first-digit', 'pinfl.length']);
  });

  it('strips spaces and dashes into `normalized`', () => {
    const result = validatePinfl(' 3021-1975-9100 33 ');
    assert.equal(result.normalized, '30211975910033');
    assert.equal(result.valid, true);
  });
});

describe('validatePinfl on good PINFLs', () => {
  it('hard-coded values with a correct 7-3-1 check digit pass without warnings', () => {
    const known: [pinfl: string, birthDate: string, sex: 'male' | 'female'][] = [
      ['30211975910033', '1997-11-02', 'male'], // Salim's, from DHP
      ['51507082670018', '2008-07-15', 'male'],
      ['62902001230458', '2000-02-29', 'female'],
    ];
    for (const [pinfl, birthDate, sex] of known) {
      const result = validatePinfl(pinfl, { birthDate, gender: sex, today: TODAY });
      assert.deepEqual(
        { valid: result.valid, errors: result.errors, warnings: result.warnings },
        { valid: true, errors: [], warnings: [] },
        pinfl,
      );
      assert.equal(result.birthDate, birthDate);
      assert.equal(result.sex, sex);
      assert.equal(pinflCheckDigit(pinfl.slice(0, 13)), Number(pinfl.at(-1)));
    }
  });

  const constructed: [first13: string, birthDate: string, sex: 'male' | 'female'][] = [
    ['1311299010001', '1899-12-31', 'male'],
    ['2010100123456', '1800-01-01', 'female'],
    ['3150724026016', '1924-07-15', 'male'],
    ['4050385590002', '1985-03-05', 'female'],
    ['5010125001002', '2025-01-01', 'male'],
    ['6300610999999', '2010-06-30', 'female'],
  ];
  for (const [first13, birthDate, sex] of constructed) {
    it(`${first13}+check → ${birthDate}, ${sex}`, () => {
      const pinfl = withCheckDigit(first13);
      assert.equal(pinflCheckDigit(first13), Number(pinfl.at(-1)));
      const result = validatePinfl(pinfl, { birthDate, gender: sex, today: TODAY });
      assert.equal(result.valid, true);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.birthDate, birthDate);
      assert.equal(result.sex, sex);
      // Changing the last digit breaks only the checksum, which is a warning.
      const wrong = first13 + String((Number(pinfl.at(-1)) + 1) % 10);
      const mistyped = validatePinfl(wrong, { today: TODAY });
      assert.equal(mistyped.valid, true);
      assert.deepEqual(codes(mistyped.warnings), ['pinfl.checksum']);
    });
  }
});

describe('validatePinfl leap years', () => {
  const cases: [first7: string, valid: boolean, why: string][] = [
    ['6290200', true, '29.02.2000: divisible by 400'],
    ['5290200', true, '29.02.2000, male'],
    ['4290200', false, '29.02.1900: divisible by 100, not 400'],
    ['3290200', false, '29.02.1900, male'],
    ['2290200', false, '29.02.1800'],
    ['3290296', true, '29.02.1996'],
    ['5290224', true, '29.02.2024'],
    ['5290223', false, '29.02.2023'],
    ['5280223', true, '28.02.2023'],
  ];
  for (const [first7, valid, why] of cases) {
    it(why, () => {
      const result = validatePinfl(withCheckDigit(`${first7}123456`), { today: TODAY });
      assert.equal(result.valid, valid);
      if (!valid) assert.deepEqual(codes(result.errors), ['pinfl.impossible-date']);
      else assert.equal(result.birthDate?.slice(5), first7.slice(3, 5) + '-' + first7.slice(1, 3));
    });
  }
});

describe('validatePinfl warnings', () => {
  const nodira = '40503855900021';

  it('sex mismatch for male/female only', () => {
    assert.deepEqual(codes(validatePinfl(nodira, { gender: 'male', today: TODAY }).warnings), [
      'pinfl.checksum',
      'pinfl.sex-mismatch',
    ]);
    assert.deepEqual(codes(validatePinfl(nodira, { gender: 'other', today: TODAY }).warnings), ['pinfl.checksum']);
    assert.deepEqual(codes(validatePinfl(nodira, { gender: 'unknown', today: TODAY }).warnings), ['pinfl.checksum']);
  });

  it('compares the birth date at the precision the record has', () => {
    const warn = (birthDate: string) => codes(validatePinfl(nodira, { birthDate, today: TODAY }).warnings);
    assert.deepEqual(warn('1985'), ['pinfl.checksum']);
    assert.deepEqual(warn('1985-03'), ['pinfl.checksum']);
    assert.deepEqual(warn('1985-03-05T00:00:00+05:00'), ['pinfl.checksum']);
    assert.deepEqual(warn('1986'), ['pinfl.checksum', 'pinfl.birth-date-mismatch']);
    assert.deepEqual(warn('1985-03-06'), ['pinfl.checksum', 'pinfl.birth-date-mismatch']);
    assert.deepEqual(warn('not a date'), ['pinfl.checksum']);
  });

  it('future birth date is a warning, today is not', () => {
    const tomorrow = withCheckDigit('5160126123456');
    const future = validatePinfl(tomorrow, { today: TODAY });
    assert.equal(future.valid, true);
    assert.deepEqual(codes(future.warnings), ['pinfl.future-date']);
    assert.deepEqual(validatePinfl(withCheckDigit('5150126123456'), { today: TODAY }).warnings, []);
    // Default "today" is the real one: 2099 is in the future for a while yet.
    assert.deepEqual(codes(validatePinfl(withCheckDigit('5010199123456')).warnings), ['pinfl.future-date']);
  });
});

describe('pinflIssueCodes', () => {
  it('lists every code the validators produce, once', () => {
    assert.equal(new Set(pinflIssueCodes).size, pinflIssueCodes.length);
    assert.equal(pinflIssueCodes.length, 9);
    const future = withCheckDigit('5160126123456');
    const futureWithBadCheck = future.slice(0, 13) + String((Number(future.at(-1)) + 1) % 10);
    const produced = new Set<string>([
      ...codes(validatePinfl('').errors),
      ...codes(validatePinfl('x').errors),
      ...codes(validatePinfl('4').errors),
      ...codes(validatePinfl('70503855900021').errors),
      ...codes(validatePinfl('43102855900021').errors),
      ...codes(validatePinfl(futureWithBadCheck, { birthDate: '1990', gender: 'female', today: TODAY }).warnings),
    ]);
    assert.deepEqual([...produced].sort(), [...pinflIssueCodes].sort());
  });
});

describe('isPinflShaped', () => {
  it('is 14 digits after spaces and dashes', () => {
    assert.equal(isPinflShaped('40503855900021'), true);
    assert.equal(isPinflShaped('4050 3855 9000 21'), true);
    assert.equal(isPinflShaped('4050-3855-9000-21'), true);
    assert.equal(isPinflShaped('４０５０３８５５９０００２１'), true, 'full-width digits');
    assert.equal(isPinflShaped('4050385590002'), false);
    assert.equal(isPinflShaped('405038559000211'), false);
    assert.equal(isPinflShaped('4050385590002a'), false);
    assert.equal(isPinflShaped(''), false);
  });
});

describe('checkPartialPinfl', () => {
  it('says nothing while the prefix can still become a PINFL', () => {
    for (const prefix of ['', '4', '43', '431', '4310', '42902', '429020', '6290200', '3021 1975']) {
      assert.equal(checkPartialPinfl(prefix), undefined, prefix);
    }
  });

  it('says nothing for any prefix of a good PINFL', () => {
    for (const pinfl of ['30211975910033', '62902001230458', withCheckDigit('1311299010001')]) {
      for (let n = 0; n <= 14; n++) assert.equal(checkPartialPinfl(pinfl.slice(0, n)), undefined, pinfl.slice(0, n));
    }
  });

  const failing: [prefix: string, code: PinflIssueCode, why: string][] = [
    ['7', 'pinfl.first-digit', 'first digit 7'],
    ['0', 'pinfl.first-digit', 'first digit 0'],
    ['4a', 'pinfl.not-digits', 'a letter'],
    ['44', 'pinfl.impossible-date', 'day starting with 4'],
    ['400', 'pinfl.impossible-date', 'day 00'],
    ['432', 'pinfl.impossible-date', 'day 32'],
    ['4052', 'pinfl.impossible-date', 'month starting with 2'],
    ['40500', 'pinfl.impossible-date', 'month 00'],
    ['40513', 'pinfl.impossible-date', 'month 13'],
    ['43002', 'pinfl.impossible-date', '30.02 whatever the year'],
    ['43111', 'pinfl.impossible-date', '31.11'],
    ['4290200', 'pinfl.impossible-date', '29.02.1900 once the year is typed'],
    ['405038559000211', 'pinfl.length', 'a 15th digit'],
  ];
  for (const [prefix, code, why] of failing) {
    it(`${why}: ${prefix} → ${code}`, () => {
      assert.equal(checkPartialPinfl(prefix)?.code, code);
      // The full validator refuses the same thing first.
      assert.equal(validatePinfl(prefix).errors[0]?.code, code);
    });
  }
});
