import { expect, fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { createShifoClient } from '@shifo/sdk';
import '../../src/define.js';
import { catalogs } from '../../src/i18n/translate.js';
import type { ShifoPatientCard } from '../../src/patient-card/shifo-patient-card.js';
import { ShifoProvider } from '../../src/provider/shifo-provider.js';
import { mockServerUrl, tokenFor, until } from './mock-server.js';

function text(card: ShifoPatientCard): string {
  return card.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

const mounted: HTMLElement[] = [];

/**
 * Renders into a plain container in the page. (`fixture` on a plain wrapper waits for an animation frame, which a
 * background tab of a parallel test run never gets.)
 */
function mount(template: TemplateResult): HTMLDivElement {
  const host = document.createElement('div');
  document.body.append(host);
  mounted.push(host);
  render(template, host);
  return host;
}

describe('<shifo-provider>', () => {
  afterEach(() => {
    for (const host of mounted.splice(0)) host.remove();
  });

  it('keeps two facilities on one page isolated: each card uses its own provider’s client and token', async () => {
    const facility1 = await tokenFor('doctor');
    const facility2 = await tokenFor('doctor2');
    const tokensAsked: string[] = [];
    const page = mount(
      html`<div>
        <shifo-provider
          id="one"
          base-url=${mockServerUrl}
          locale="en"
          .getAccessToken=${() => (tokensAsked.push('one'), facility1)}
        >
          <shifo-patient-card patient-id="pt-akmal-nazarov"></shifo-patient-card>
        </shifo-provider>
        <shifo-provider
          id="two"
          base-url=${`${mockServerUrl}/`}
          locale="ru"
          .getAccessToken=${() => (tokensAsked.push('two'), facility2)}
        >
          <shifo-patient-card patient-id="pt-akmal-nazarov"></shifo-patient-card>
        </shifo-provider>
      </div>`,
    );
    const [one, two] = [...page.querySelectorAll('shifo-provider')] as ShifoProvider[];
    const cardOne = one!.querySelector('shifo-patient-card')!;
    const cardTwo = two!.querySelector('shifo-patient-card')!;
    await cardOne.updateComplete;
    await cardTwo.updateComplete;
    expect(one!.effectiveClient).not.to.equal(two!.effectiveClient);
    expect(tokensAsked).to.include('one');
    expect(tokensAsked).to.include('two');
    // The patient opted out of sharing beyond his own facility: facility 1 sees his record …
    expect(text(cardOne)).not.to.contain(catalogs.en['summary.withheld-note']);
    expect(cardOne.shadowRoot!.querySelectorAll('section.problems li').length).to.be.greaterThan(0);
    // … facility 2 sees only his allergies, explained in its own provider's language.
    expect(text(cardTwo)).to.contain(catalogs.ru['summary.withheld-note']);
    expect(cardTwo.shadowRoot!.querySelector('section.problems')!.textContent).to.contain(
      catalogs.ru['summary.empty.withheld'],
    );
    await expect(cardOne).to.be.accessible();
    await expect(cardTwo).to.be.accessible();
  });

  it('refuses in one facility what the other may see, without either affecting the other', async () => {
    const patient = await tokenFor('patient');
    const doctor = await tokenFor('doctor');
    const page = mount(
      html`<div>
        <shifo-provider base-url=${mockServerUrl} locale="en" .getAccessToken=${() => patient}>
          <shifo-patient-card patient-id="pt-bahodir-toshmatov"></shifo-patient-card>
        </shifo-provider>
        <shifo-provider base-url=${mockServerUrl} locale="en" .getAccessToken=${() => doctor}>
          <shifo-patient-card patient-id="pt-bahodir-toshmatov"></shifo-patient-card>
        </shifo-provider>
      </div>`,
    );
    const [refused, allowed] = [...page.querySelectorAll('shifo-patient-card')];
    await refused!.updateComplete;
    await allowed!.updateComplete;
    expect(refused!.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(catalogs.en['error.forbidden']);
    expect(allowed!.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(text(allowed!)).to.contain(catalogs.en['summary.allergies.nilknown']);
    await expect(refused!).to.be.accessible();
    await expect(allowed!).to.be.accessible();
  });

  it('serves a card that upgraded before its provider was defined', async () => {
    const token = await tokenFor('doctor');
    const tag = `late-shifo-provider-${Math.random().toString(36).slice(2)}`;
    const page = mount(html`<div></div>`);
    const provider = document.createElement(tag) as ShifoProvider;
    provider.setAttribute('base-url', mockServerUrl);
    provider.setAttribute('locale', 'en');
    // Set before the element is upgraded: Lit keeps it as the property once the class is defined.
    provider.getAccessToken = () => token;
    const card = document.createElement('shifo-patient-card');
    card.lang = 'en';
    card.patientId = 'example-nodira';
    provider.append(card);
    page.append(provider);
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(catalogs.en['error.not-configured']);

    customElements.define(tag, class extends ShifoProvider {});
    await until(() => text(card).includes('Karimova Nodira Anvarovna'), 'the card to get the late provider’s client');
    await card.updateComplete;
    expect(text(card)).to.contain('Karimova Nodira Anvarovna');
    await expect(card).to.be.accessible();
  });

  it('hands a replacement client to the cards when the provider’s configuration changes', async () => {
    const token = await tokenFor('doctor');
    // First a client whose network is down (no retries, so the test does not wait on backoff) …
    const unreachable = createShifoClient({
      baseUrl: mockServerUrl,
      auth: () => token,
      retry: false,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const provider = await fixture<ShifoProvider>(html`
      <shifo-provider base-url=${mockServerUrl} locale="en" .client=${unreachable} .getAccessToken=${() => token}>
        <shifo-patient-card patient-id="example-salim"></shifo-patient-card>
      </shifo-provider>
    `);
    const card = provider.querySelector('shifo-patient-card')!;
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(catalogs.en['error.network']);
    // … then the provider's own client from base-url: the card reads through it without being told.
    provider.client = undefined;
    await until(() => text(card).includes('Усманов Салим Салиевич'), 'the card to read through the new client');
    await expect(card).to.be.accessible();
  });
});
