import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { catalogs } from '../../src/i18n/translate.js';
import type { ShifoPatientCard } from '../../src/patient-card/shifo-patient-card.js';
import { clientFor } from './mock-server.js';

function rows(card: ShifoPatientCard, selector = 'li'): number {
  return card.shadowRoot!.querySelectorAll(selector).length;
}

function moreButton(card: ShifoPatientCard, list: string): HTMLButtonElement | null {
  return card.shadowRoot!.querySelector<HTMLButtonElement>(`[part="show-more"][data-list="${list}"]`);
}

describe('<shifo-patient-card> long history', function () {
  // Axe over a card of a few hundred rows takes seconds on a loaded machine (no timing is asserted).
  this.timeout(30_000);

  it('renders eight years of long-history with a bounded DOM, and "show more" reveals the older visits', async () => {
    const client = await clientFor('doctor');
    // 3,000+ observations since 2018; the server sends the 300 most recent results and 50 of 144 encounters.
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card
        lang="en"
        patient-id="long-history"
        since="2015"
        .client=${client}
      ></shifo-patient-card>`,
    );
    await card.updateComplete;
    expect(rows(card)).to.be.lessThan(300);
    expect(card.shadowRoot!.querySelectorAll('*').length).to.be.lessThan(2000);
    expect(card.shadowRoot!.querySelector('section.encounters')!.textContent).to.match(/50 of 144|of 144/);

    const visits = () =>
      [...card.shadowRoot!.querySelectorAll('section.encounters li time')].map((t) => t.getAttribute('datetime')!);
    expect(visits().length).to.equal(10);
    const button = moreButton(card, 'encounters')!;
    expect(button.textContent!.trim()).to.equal(catalogs.en['summary.show-more'].replace('{count}', '20'));
    const newestShown = visits().at(-1)!;
    button.focus();
    button.click();
    await card.updateComplete;
    expect(visits().length).to.equal(30);
    // Later (older) items appear below the ones already shown.
    expect(Date.parse(visits().at(-1)!)).to.be.lessThan(Date.parse(newestShown));
    while (moreButton(card, 'encounters')) {
      moreButton(card, 'encounters')!.click();
      await card.updateComplete;
    }
    expect(visits().length).to.equal(50);
    expect(rows(card)).to.be.lessThan(300);
    await expect(card).to.be.accessible();
  });

  it('shows the results as one row per test with trends, in a few panels', async () => {
    const client = await clientFor('doctor');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card
        lang="en"
        patient-id="long-history"
        since="2015"
        .client=${client}
      ></shifo-patient-card>`,
    );
    await card.updateComplete;
    const groups = () => card.shadowRoot!.querySelectorAll('section.results .result-group').length;
    expect(groups()).to.be.at.most(8);
    expect(card.shadowRoot!.querySelectorAll('section.results svg[role="img"]').length).to.be.greaterThan(5);
    // Grouping by panel and test keeps 300 results to a few panels: nothing is hidden behind "show more".
    expect(moreButton(card, 'results')).to.equal(null);
    expect(rows(card, 'section.results li')).to.be.greaterThan(10);
    expect(rows(card, 'section.results li')).to.be.lessThan(300);
    await expect(card).to.be.accessible();
  });

  it('renders long-history for the patient themself (patient-long) in a bounded list', async () => {
    const client = await clientFor('patient-long');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card
        audience="patient"
        lang="uz"
        patient-id="long-history"
        since="2015"
        .client=${client}
      ></shifo-patient-card>`,
    );
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('section.results')!.textContent).to.contain(catalogs.uz['own.results']);
    expect(rows(card, 'section.encounters li')).to.equal(5);
    expect(rows(card)).to.be.lessThan(300);
    moreButton(card, 'own-encounters')!.click();
    await card.updateComplete;
    expect(rows(card, 'section.encounters li')).to.equal(25);
    await expect(card).to.be.accessible();
  });
});
