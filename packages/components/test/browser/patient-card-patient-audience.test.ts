import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import { supportedLocales } from '../../src/i18n/locales.js';
import { catalogs } from '../../src/i18n/translate.js';
import type { ShifoPatientCard } from '../../src/patient-card/shifo-patient-card.js';
import { clientFor } from './mock-server.js';

function text(card: ShifoPatientCard): string {
  return card.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

function sectionText(card: ShifoPatientCard, key: string): string {
  return card.shadowRoot!.querySelector(`section.${key}`)!.textContent!.replace(/\s+/g, ' ').trim();
}

async function ownCard(lang = 'en'): Promise<ShifoPatientCard> {
  const client = await clientFor('patient');
  const card = await fixture<ShifoPatientCard>(
    html`<shifo-patient-card
      style="width: 375px"
      audience="patient"
      lang=${lang}
      patient-id="pt-dilnoza-yusupova"
      .client=${client}
    ></shifo-patient-card>`,
  );
  await card.updateComplete;
  return card;
}

describe('<shifo-patient-card audience="patient">', () => {
  before(async () => {
    await setViewport({ width: 375, height: 800 });
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('shows the patient’s own record under plain-language titles', async () => {
    const card = await ownCard();
    const shown = text(card);
    expect(shown).to.contain('Yusupova');
    for (const key of ['own.allergies', 'own.problems', 'own.medications', 'own.results', 'own.encounters'] as const) {
      expect(shown, key).to.contain(catalogs.en[key]);
    }
    expect(shown).not.to.contain(catalogs.en['summary.allergies']);
    expect(sectionText(card, 'allergies')).to.contain('Penicillin');
    expect(sectionText(card, 'allergies')).to.contain(catalogs.en['own.allergy.serious']);
    expect(sectionText(card, 'problems')).to.contain('Predominantly allergic asthma');
    expect(sectionText(card, 'medications')).to.contain('Montelukast');
    expect(sectionText(card, 'medications')).to.contain('kuniga 1 marta');
    await expect(card).to.be.accessible();
  });

  it('has no internal codes: no ICD-10, no LOINC, no identifier systems, no ids, no status codes', async () => {
    const card = await ownCard();
    const shown = text(card);
    for (const code of ['J45.0', 'J30.1', '718-7', '6690-2', '85354-9', 'https://', 'urn:', 'prole-', 'pt-dilnoza']) {
      expect(shown, code).not.to.contain(code);
    }
    expect(shown).not.to.contain(catalogs.en['summary.medication.status.active']);
    expect(card.shadowRoot!.querySelector('.code')).to.equal(null);
    expect(card.shadowRoot!.querySelector('svg')).to.equal(null);
  });

  it('says "higher/lower than normal" in words instead of H/L flags, with the normal range', async () => {
    const card = await ownCard();
    const flags = [...card.shadowRoot!.querySelectorAll('section.results [part="flag"]')].map((f) =>
      f.textContent!.trim(),
    );
    // Out-of-range results come first, in words (the erythrocyte sedimentation rate of 24 mm/h is high).
    expect(flags).to.include(catalogs.en['own.result.higher']);
    const firstRow = card.shadowRoot!.querySelector('section.results li')!.textContent!;
    expect(firstRow).to.contain(catalogs.en['own.result.higher']);
    expect(flags.every((f) => f !== 'H' && f !== 'L' && f !== catalogs.en['summary.result.high'])).to.equal(true);
    expect(sectionText(card, 'results')).to.contain(catalogs.en['own.result.normal-range'].replace(' {range}', ''));
    expect(sectionText(card, 'results')).to.contain('Leukocytes');
    await expect(card).to.be.accessible();
  });

  it('offers no reveal action, has large touch targets and fits a 375 px phone', async () => {
    const card = await ownCard();
    expect(card.shadowRoot!.querySelector('[part="reveal"]')).to.equal(null);
    expect(text(card)).to.contain('••••');
    const buttons = [...card.shadowRoot!.querySelectorAll('button')];
    expect(buttons.length).to.be.greaterThan(0);
    for (const button of buttons) expect(button.getBoundingClientRect().height).to.be.at.least(44);
    expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
    // The "show more" under the results reveals the rest.
    const before = card.shadowRoot!.querySelectorAll('section.results li').length;
    card.shadowRoot!.querySelector<HTMLButtonElement>('section.results [part="show-more"]')!.click();
    await card.updateComplete;
    expect(card.shadowRoot!.querySelectorAll('section.results li').length).to.be.greaterThan(before);
    await expect(card).to.be.accessible();
  });

  for (const locale of supportedLocales) {
    it(`speaks plainly in ${locale}`, async () => {
      const card = await ownCard(locale);
      const shown = text(card);
      for (const key of ['own.allergies', 'own.medications', 'own.results', 'own.result.higher'] as const) {
        expect(shown, key).to.contain(catalogs[locale][key]);
      }
      expect(shown).not.to.match(/\b(own|summary|patient)\.[a-z-]+/);
      expect(shown).not.to.contain('{');
      await expect(card).to.be.accessible();
    });
  }

  it('tells the patient "no known allergies" apart from "not recorded yet"', async () => {
    const doctor = await clientFor('doctor');
    const none = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card
        audience="patient"
        lang="en"
        patient-id="pt-bahodir-toshmatov"
        .client=${doctor}
      ></shifo-patient-card>`,
    );
    const unknown = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card
        audience="patient"
        lang="en"
        patient-id="pt-malika-ergasheva"
        .client=${doctor}
      ></shifo-patient-card>`,
    );
    await none.updateComplete;
    await unknown.updateComplete;
    expect(sectionText(none, 'allergies')).to.contain(catalogs.en['own.allergies.nilknown']);
    expect(sectionText(unknown, 'allergies')).to.contain(catalogs.en['own.allergies.notasked']);
    await expect(none).to.be.accessible();
    await expect(unknown).to.be.accessible();
  });
});
