import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  codingDisplay,
  translated,
  translationFor,
  type PrimitiveExtensions,
  type TranslatableConcept,
} from '../../src/display/coding.js';

/** /work/shared/fixtures/dhp, else the identical copy the mock server ships. */
function fixtureDir(): string {
  const shared = fileURLToPath(new URL('../../../../../shared/fixtures/dhp/', import.meta.url));
  return existsSync(shared) ? shared : fileURLToPath(new URL('../../../mock-server/fixtures/dhp/', import.meta.url));
}

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(`${fixtureDir()}${name}.json`, 'utf8')) as T;
}

const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
function translations(entries: Record<string, string>): PrimitiveExtensions {
  return {
    extension: Object.entries(entries).map(([lang, content]) => ({
      url: TRANSLATION,
      extension: [
        { url: 'lang', valueCode: lang },
        { url: 'content', valueString: content },
      ],
    })),
  };
}

describe('codingDisplay with the DHP fixtures', () => {
  interface Questionnaire {
    item: { linkId: string; answerOption?: { valueCoding: NonNullable<TranslatableConcept['coding']>[number] }[] }[];
  }
  const questionnaire = fixture<Questionnaire>('Questionnaire-PatientSatisfactionQuestionnaire');
  const remote = { coding: [questionnaire.item[0]?.answerOption?.[0]?.valueCoding ?? {}] };

  it('translates a coding display through _display', () => {
    assert.equal(codingDisplay(remote, 'ru'), 'Дистанционно (через Портал Пациента)');
    assert.equal(codingDisplay(remote, 'en'), 'Remotely (via Patient Portal)');
    assert.equal(codingDisplay(remote, 'en-US'), 'Remotely (via Patient Portal)');
    assert.equal(codingDisplay(remote, 'ru-RU'), 'Дистанционно (через Портал Пациента)');
  });

  it('falls back to display (the resource language, uz) when there is no translation', () => {
    assert.equal(codingDisplay(remote, 'uz'), 'Masofadan yozildim («Портал Пациента» orqali)');
    assert.equal(codingDisplay(remote, 'uz-Cyrl'), 'Masofadan yozildim («Портал Пациента» orqali)');
    assert.equal(codingDisplay(remote, 'kaa'), 'Masofadan yozildim («Портал Пациента» orqali)');
  });

  interface Practitioner {
    qualification: { code: TranslatableConcept }[];
  }
  const [diploma, certificate] = fixture<Practitioner>('Practitioner-example-practitioner').qualification;

  it('translates CodeableConcept.text through _text, and prefers text to a generic coding display', () => {
    assert.equal(codingDisplay(certificate?.code, 'ru'), 'Психиатрия, высшая категория, врач');
    assert.equal(codingDisplay(certificate?.code, 'en'), 'Psychiatry, higher category, doctor');
    // The coding says only "Certificate"; the text is the specialty, in the resource language.
    assert.equal(codingDisplay(certificate?.code, 'uz'), 'Psixiatriya, oliy toifa, shifokor');
  });

  it('falls back to the code when there is nothing else', () => {
    assert.equal(codingDisplay(diploma?.code, 'uz'), 'DIP');
  });

  it('shows untranslated terminology as it is', () => {
    const medication = fixture<{ code: TranslatableConcept }>('Medication-example-medication');
    assert.equal(codingDisplay(medication.code, 'ru'), 'paratsetamol');
    const condition = fixture<{ code: TranslatableConcept }>('Condition-example-headache');
    assert.equal(codingDisplay(condition.code, 'uz'), 'Migraine, unspecified');
  });
});

describe('codingDisplay rules', () => {
  it('returns undefined for nothing', () => {
    assert.equal(codingDisplay(undefined, 'uz'), undefined);
    assert.equal(codingDisplay({}, 'uz'), undefined);
    assert.equal(codingDisplay({ coding: [{ system: 'x' }] }, 'uz'), undefined);
  });

  it('skips blank values and uses later codings', () => {
    const concept: TranslatableConcept = {
      text: '  ',
      coding: [
        { code: 'A', display: '' },
        { code: 'B', display: 'Bosh ogʻrigʻi', _display: translations({ ru: 'Головная боль' }) },
      ],
    };
    assert.equal(codingDisplay(concept, 'uz'), 'Bosh ogʻrigʻi');
    assert.equal(codingDisplay(concept, 'ru'), 'Головная боль');
    assert.equal(codingDisplay({ coding: [{ code: 'A' }, { code: 'B' }] }, 'ru'), 'A');
  });

  it('prefers a translation in the user language over untranslated text', () => {
    const concept: TranslatableConcept = {
      text: 'Bosh ogʻrigʻi',
      coding: [{ code: 'G44', display: 'Bosh ogʻrigʻi', _display: translations({ ru: 'Головная боль' }) }],
    };
    assert.equal(codingDisplay(concept, 'ru'), 'Головная боль');
    assert.equal(codingDisplay(concept, 'en'), 'Bosh ogʻrigʻi');
  });

  it('ignores extensions that are not translations', () => {
    const concept: TranslatableConcept = {
      coding: [
        {
          code: 'X',
          display: 'Base',
          _display: { extension: [{ url: 'http://example.org/other', extension: [{ url: 'lang', valueCode: 'ru' }] }] },
        },
      ],
    };
    assert.equal(codingDisplay(concept, 'ru'), 'Base');
  });
});

describe('locale matching', () => {
  const element = translations({ uz: 'Bosh ogʻrigʻi', 'uz-Cyrl': 'Бош оғриғи', ru: 'Головная боль', en: 'Headache' });

  it('treats uz as uz-Latn and keeps uz-Cyrl apart', () => {
    assert.equal(translationFor(element, 'uz'), 'Bosh ogʻrigʻi');
    assert.equal(translationFor(element, 'uz-Latn'), 'Bosh ogʻrigʻi');
    assert.equal(translationFor(element, 'uz-Latn-UZ'), 'Bosh ogʻrigʻi');
    assert.equal(translationFor(element, 'uz-UZ'), 'Bosh ogʻrigʻi');
    assert.equal(translationFor(element, 'uz_UZ'), 'Bosh ogʻrigʻi');
    assert.equal(translationFor(element, 'uz-Cyrl'), 'Бош оғриғи');
    assert.equal(translationFor(element, 'UZ-CYRL-UZ'), 'Бош оғриғи');
    assert.equal(translationFor(translations({ 'uz-Cyrl': 'Бош оғриғи' }), 'uz'), undefined);
    assert.equal(translationFor(translations({ uz: 'Bosh ogʻrigʻi' }), 'uz-Cyrl'), undefined);
  });

  it('matches ru and en with or without region, preferring the same region', () => {
    assert.equal(translationFor(element, 'ru'), 'Головная боль');
    assert.equal(translationFor(element, 'ru-RU'), 'Головная боль');
    assert.equal(translationFor(element, 'en-GB'), 'Headache');
    const regional = translations({ en: 'Headache', 'en-US': 'Headache (US)', 'en-GB': 'Headache (GB)' });
    assert.equal(translationFor(regional, 'en-GB'), 'Headache (GB)');
    assert.equal(translationFor(regional, 'en-US'), 'Headache (US)');
    assert.equal(translationFor(regional, 'en'), 'Headache');
    assert.equal(translationFor(regional, 'en-AU'), 'Headache');
  });

  it('finds nothing for other or malformed locales', () => {
    assert.equal(translationFor(element, 'kaa'), undefined);
    assert.equal(translationFor(element, ''), undefined);
    assert.equal(translationFor(element, '*'), undefined);
    assert.equal(translationFor(undefined, 'ru'), undefined);
    assert.equal(translationFor(null, 'ru'), undefined);
  });
});

describe('translated', () => {
  interface Organization {
    name: string;
    _name: PrimitiveExtensions;
  }
  const organization = fixture<Organization>('Organization-example-organization');

  it('translates the organization name (ru, kaa) and falls back to the base name', () => {
    assert.equal(translated(organization.name, organization._name, 'ru'), 'Республиканский онкологический центр');
    assert.equal(translated(organization.name, organization._name, 'kaa'), 'Respublika onkologiya orayı');
    assert.equal(translated(organization.name, organization._name, 'uz'), 'Respublika onkologiya markazi');
    assert.equal(translated(organization.name, organization._name, 'en'), 'Respublika onkologiya markazi');
    assert.equal(translated(organization.name, undefined, 'ru'), 'Respublika onkologiya markazi');
  });

  it('translates a questionnaire title and item text', () => {
    interface Questionnaire {
      title: string;
      _title: PrimitiveExtensions;
      item: { text: string; _text: PrimitiveExtensions }[];
    }
    const q = fixture<Questionnaire>('Questionnaire-PatientSatisfactionQuestionnaire');
    assert.equal(translated(q.title, q._title, 'en'), 'Patient Satisfaction Survey');
    assert.equal(translated(q.title, q._title, 'uz'), "Bemor so'rovnomasi");
    const first = q.item[0];
    assert.equal(translated(first?.text, first?._text, 'ru'), 'Как вы записались на приём?');
  });

  it('returns the translation even when the base value is absent, and undefined when both are', () => {
    assert.equal(translated(undefined, translations({ ru: 'Только перевод' }), 'ru'), 'Только перевод');
    assert.equal(translated(undefined, undefined, 'ru'), undefined);
  });
});
