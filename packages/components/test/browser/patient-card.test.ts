import { expect, fixture, html } from '@open-wc/testing';
import { createShifoClient } from '@shifo/sdk';
import '../../src/define.js';
import type { ShifoPatientCard } from '../../src/patient-card/shifo-patient-card.js';
import type { ShifoProvider } from '../../src/provider/shifo-provider.js';
import { supportedLocales } from '../../src/i18n/locales.js';
import { catalogs } from '../../src/i18n/translate.js';
import { clientFor, mockServerUrl, tokenFor, until } from './mock-server.js';

function text(card: ShifoPatientCard): string {
  return card.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

async function settled(card: ShifoPatientCard): Promise<void> {
  await card.updateComplete;
  await until(() => !card.shadowRoot!.querySelector('[aria-busy="true"]') && text(card) !== '', 'the card to settle');
  await card.updateComplete;
}

describe('<shifo-patient-card>', () => {
  it('shows name, age, sex and the masked PINFL of a UZ Core example patient', async () => {
    const client = await clientFor('doctor');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="en" patient-id="example-nodira" .client=${client}></shifo-patient-card>`,
    );
    await settled(card);
    const shown = text(card);
    expect(shown).to.contain('Karimova Nodira Anvarovna');
    expect(shown).to.contain('Female');
    expect(shown).to.match(/\d+ years/);
    expect(shown).to.contain('••••••••••0021');
    expect(shown).not.to.contain('40503855900021');
    await expect(card).to.be.accessible();
  });

  it('gets its client from <shifo-provider>, which gets the token from the host page', async () => {
    const token = await tokenFor('doctor');
    const provider = await fixture<ShifoProvider>(html`
      <shifo-provider base-url=${mockServerUrl} locale="ru" .getAccessToken=${() => token}>
        <shifo-patient-card patient-id="example-salim"></shifo-patient-card>
      </shifo-provider>
    `);
    const card = provider.querySelector('shifo-patient-card')!;
    await settled(card);
    expect(text(card)).to.contain('Усманов Салим Салиевич');
    expect(text(card)).to.contain('Мужской');
    await expect(card).to.be.accessible();
  });

  it('says so, in the user’s language, when the patient does not exist', async () => {
    const client = await clientFor('doctor');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="uz" patient-id="no-such-patient" .client=${client}></shifo-patient-card>`,
    );
    await settled(card);
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(catalogs.uz['error.not-found']);
    await expect(card).to.be.accessible();
  });

  it('explains a refusal when the role may not see the record', async () => {
    const client = await clientFor('patient');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="ru" patient-id="example-david" .client=${client}></shifo-patient-card>`,
    );
    await settled(card);
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(catalogs.ru['error.forbidden']);
    await expect(card).to.be.accessible();
  });

  it('tells a network failure apart from a refusal, and retries on request', async () => {
    // No automatic retries: the card's first answer is the failure, without waiting on backoff.
    const client = createShifoClient({ baseUrl: 'http://127.0.0.1:9', auth: () => 'unused', retry: false });
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="en" patient-id="example-nodira" .client=${client}></shifo-patient-card>`,
    );
    await settled(card);
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(catalogs.en['error.network']);
    await expect(card).to.be.accessible();
    card.client = await clientFor('doctor');
    await settled(card);
    expect(text(card)).to.contain('Karimova Nodira Anvarovna');
  });

  it('shows that a patient has no PINFL rather than an empty field', async () => {
    const client = await clientFor('doctor');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="en" patient-id="example-david" .client=${client}></shifo-patient-card>`,
    );
    await settled(card);
    expect(text(card)).to.contain(catalogs.en['patient.no-pinfl']);
  });

  for (const locale of supportedLocales) {
    it(`renders in ${locale} with every label from its catalog`, async () => {
      const client = await clientFor('doctor');
      const card = await fixture<ShifoPatientCard>(
        html`<shifo-patient-card lang=${locale} patient-id="example-nodira" .client=${client}></shifo-patient-card>`,
      );
      await settled(card);
      const shown = text(card);
      for (const key of [
        'patient.age',
        'patient.birth-date',
        'patient.sex',
        'patient.pinfl',
        'patient.sex.female',
      ] as const) {
        expect(shown, key).to.contain(catalogs[locale][key]);
      }
      await expect(card).to.be.accessible();
    });
  }

  it('asks to be configured when it has no client', async () => {
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="en" patient-id="x"></shifo-patient-card>`,
    );
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(catalogs.en['error.not-configured']);
    await expect(card).to.be.accessible();
  });
});
