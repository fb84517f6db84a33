import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesUzbek, normalizeUzbek, uzbekSearchKey } from '../../src/text/normalize-uzbek.js';

const OKINA = '\u02BB'; // ʻ, the correct sign in oʻ and gʻ
const TUTUQ = '\u02BC'; // ʼ, tutuq belgisi

describe('normalizeUzbek', () => {
  it('maps every apostrophe after o/g to ʻ (U+02BB)', () => {
    const expected = `g${OKINA}ulomov`;
    for (const typed of ['Gʻulomov', "G'ulomov", 'G‘ulomov', 'G’ulomov', 'G`ulomov', 'GʻULOMOV']) {
      assert.equal(normalizeUzbek(typed), expected, typed);
    }
    assert.equal(normalizeUzbek("O'rinboyev"), `o${OKINA}rinboyev`);
    assert.equal(normalizeUzbek('O‘RINBOYEV'), `o${OKINA}rinboyev`);
    // gʻ at the end of a word (togʻ, bogʻ) is still gʻ.
    assert.equal(normalizeUzbek("Tog' bog'"), `tog${OKINA} bog${OKINA}`);
  });

  it('keeps a typed tutuq belgisi ʼ distinct, and maps other apostrophes between letters to it', () => {
    assert.equal(normalizeUzbek('Shoʼira'), `sho${TUTUQ}ira`);
    assert.equal(normalizeUzbek("ma'no"), `ma${TUTUQ}no`);
    assert.equal(normalizeUzbek('san’at'), `san${TUTUQ}at`);
    assert.equal(normalizeUzbek('taʻlim'), `ta${TUTUQ}lim`);
    assert.notEqual(normalizeUzbek("Sho'ira"), normalizeUzbek('Shoʼira'), "' after o is read as oʻ");
    assert.equal(normalizeUzbek("Sho'ira"), `sho${OKINA}ira`);
  });

  it('leaves quotation marks that are not inside words', () => {
    assert.equal(normalizeUzbek("'Salom' dedi"), "'salom' dedi");
    assert.equal(normalizeUzbek('‘Nur’'), '‘nur’');
  });

  it('applies NFKC, lowercases, collapses and trims whitespace', () => {
    assert.equal(normalizeUzbek('  KARIMOVA\t\tNodira \n Anvarovna  '), 'karimova nodira anvarovna');
    assert.equal(normalizeUzbek('ＵＳＭＡＮＯＶ'), 'usmanov', 'full-width letters');
    assert.equal(normalizeUzbek('O\uFF07rinboyev'), `o${OKINA}rinboyev`, "full-width apostrophe becomes ' first");
    assert.equal(normalizeUzbek('Усманов Салим'), 'усманов салим');
    assert.equal(normalizeUzbek('Istanbul I'), 'istanbul i', 'no Turkish dotless i');
    assert.equal(normalizeUzbek(''), '');
  });
});

describe('uzbekSearchKey', () => {
  it('gives Gʻulomov one key however it is typed, in Latin or Cyrillic', () => {
    const keys = ['Gʻulomov', "G'ulomov", 'G‘ulomov', 'G`ulomov', 'G’ulomov', 'Gulomov', 'Ғуломов', 'ҒУЛОМОВ'].map(
      (typed) => uzbekSearchKey(typed),
    );
    assert.deepEqual(new Set(keys), new Set(['gulomov']));
  });

  it('transliterates Uzbek Cyrillic', () => {
    assert.equal(uzbekSearchKey('Усманов Салим Салиевич'), uzbekSearchKey('Usmanov Salim Saliyevich'));
    assert.equal(uzbekSearchKey('Ўринбоев'), uzbekSearchKey("O'rinboyev"));
    assert.equal(uzbekSearchKey('Ўринбоев'), 'orinboyev');
    assert.equal(uzbekSearchKey('Шоира Қодирова'), 'shoira qodirova');
    assert.equal(uzbekSearchKey('Чўлпон Ҳасанова'), 'cholpon hasanova');
    assert.equal(uzbekSearchKey('Ёқубов Юсуф Яхёевич'), 'yoqubov yusuf yaxyoyevich');
    assert.equal(uzbekSearchKey('Цой Евгений'), 'tsoy yevgeniy');
    assert.equal(uzbekSearchKey('Алиева'), 'aliyeva', 'е after a vowel is ye');
    assert.equal(uzbekSearchKey('Тешаев'), 'teshayev', 'е after a consonant is e');
    assert.equal(uzbekSearchKey('маъно'), 'mano', 'ъ is the tutuq, folded');
  });

  it('can leave Cyrillic alone', () => {
    assert.equal(uzbekSearchKey('Ғуломов', { transliterate: false }), 'ғуломов');
  });

  it("folds the tutuq too: Shoʼira and Sho'ira meet", () => {
    assert.equal(uzbekSearchKey('Shoʼira'), 'shoira');
    assert.equal(uzbekSearchKey("Sho'ira"), 'shoira');
    assert.equal(uzbekSearchKey('Шоира'), 'shoira');
  });
});

describe('matchesUzbek', () => {
  it('matches word prefixes across apostrophes and scripts, in any order', () => {
    assert.equal(matchesUzbek('Gʻulomov Anvar', "g'ulom"), true);
    assert.equal(matchesUzbek('Gʻulomov Anvar', 'Ғулом'), true);
    assert.equal(matchesUzbek('Ғуломов Анвар', 'gulomov anv'), true);
    assert.equal(matchesUzbek('Усманов Салим Салиевич', 'Salim Usmanov'), true);
    assert.equal(matchesUzbek('Oʻrinboyev Jasur', 'O`rinb'), true);
    assert.equal(matchesUzbek('Shoʼira Karimova', "Sho'ira"), true);
    assert.equal(matchesUzbek('Karimova Nodira', ''), true, 'an empty query matches everything');
  });

  it('does not match in the middle of a word or with a word that is not there', () => {
    assert.equal(matchesUzbek('Gʻulomov Anvar', 'ulomov'), false);
    assert.equal(matchesUzbek('Usmanov Salim', 'Usmanova'), false);
    assert.equal(matchesUzbek('Usmanov Salim', 'Usmanov Nodira'), false);
    assert.equal(matchesUzbek('', 'a'), false);
  });
});
