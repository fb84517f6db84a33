import { expect } from '@open-wc/testing';
import { matchLocale, supportedLocales } from '../../src/i18n/locales.js';
import { catalogs, translate } from '../../src/i18n/translate.js';
import { formatDate, formatYears } from '../../src/i18n/format.js';

describe('i18n catalogs', () => {
  it('are complete: every locale has every key, none empty', () => {
    const keys = Object.keys(catalogs.en).sort();
    for (const locale of supportedLocales) {
      expect(Object.keys(catalogs[locale]).sort(), locale).to.deep.equal(keys);
      for (const key of keys)
        expect(catalogs[locale][key as keyof typeof catalogs.en].trim(), `${locale} ${key}`).not.to.equal('');
    }
  });

  it('keep the same placeholders in every language', () => {
    for (const [key, english] of Object.entries(catalogs.en)) {
      const wanted = (english.match(/\{\w+\}/g) ?? []).sort();
      for (const locale of supportedLocales) {
        const got = (catalogs[locale][key as keyof typeof catalogs.en].match(/\{\w+\}/g) ?? []).sort();
        expect(got, `${locale} ${key}`).to.deep.equal(wanted);
      }
    }
  });

  it('write Uzbek oʻ and gʻ with U+02BB, not look-alike apostrophes', () => {
    for (const message of Object.values(catalogs.uz)) expect(message).not.to.match(/[oOgG][‘’'`]/);
  });

  it('map browser language tags to supported locales', () => {
    expect(matchLocale('uz-Latn-UZ')).to.equal('uz');
    expect(matchLocale('uz-Cyrl-UZ')).to.equal('uz-Cyrl');
    expect(matchLocale('ru-RU')).to.equal('ru');
    expect(matchLocale('en-GB')).to.equal('en');
    expect(matchLocale('kk')).to.equal(undefined);
  });

  it('fill placeholders with text', () => {
    expect(translate('en', 'error.invalid', { detail: '<b>x</b>' })).to.equal('The request was not accepted: <b>x</b>');
  });

  it('say ages with each language’s plural rules', () => {
    expect(formatYears(41, 'ru')).to.equal('41 год');
    expect(formatYears(42, 'ru')).to.equal('42 года');
    expect(formatYears(45, 'ru')).to.equal('45 лет');
    expect(formatYears(1, 'en')).to.equal('1 year');
    expect(formatYears(41, 'en')).to.equal('41 years');
    expect(formatYears(41, 'uz')).to.equal('41 yosh');
    expect(formatYears(41, 'uz-Cyrl')).to.equal('41 ёш');
  });

  it('write dates as documents in Uzbekistan do, and partial dates as far as they go', () => {
    expect(formatDate('1985-03-05', 'uz')).to.equal('05.03.1985');
    expect(formatDate('1985-03-05', 'ru')).to.equal('05.03.1985');
    expect(formatDate('1985-03-05', 'en')).to.equal('5 Mar 1985');
    expect(formatDate('1985-03', 'uz-Cyrl')).to.equal('03.1985');
    expect(formatDate(undefined, 'en')).to.equal('—');
  });
});
