import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define.js';
import { formatDate } from '../../src/i18n/format.js';
import { catalogs } from '../../src/i18n/translate.js';
import { resultGroupsOf } from '../../src/patient-card/result-groups.js';
import type { ShifoPatientCard } from '../../src/patient-card/shifo-patient-card.js';
import { clientFor, until } from './mock-server.js';

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

  /** Whether the browser currently skips a `.long-list`'s rows (content-visibility: auto, off screen). */
  function skipped(list: Element): boolean {
    return !list.firstElementChild!.checkVisibility({ contentVisibilityAuto: true } as CheckVisibilityOptions);
  }

  const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

  it('skips painting the lists far below the screen, yet keeps every row in the DOM and reachable by scrolling', async () => {
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
    await nextFrame();
    await nextFrame();
    const root = card.shadowRoot!;
    // Allergies are never deferred; the long lists are.
    expect(root.querySelector('section.allergies .long-list')).to.equal(null);
    const encounters = root.querySelector<HTMLElement>('section.encounters .long-list')!;
    expect(getComputedStyle(encounters).contentVisibility).to.equal('auto');
    expect(card.getBoundingClientRect().height).to.be.greaterThan(2 * innerHeight);
    await until(() => skipped(encounters), 'the encounters far below the screen to be skipped');
    // Skipped, not removed: the rows are in the DOM (screen readers, find-in-page) with their text.
    expect(encounters.querySelectorAll('li').length).to.equal(10);
    expect(encounters.textContent).to.match(/\d{4}/);
    encounters.scrollIntoView();
    await until(() => !skipped(encounters), 'the encounters to be painted once scrolled to');
    expect(encounters.querySelector('li')!.getBoundingClientRect().height).to.be.greaterThan(0);
    window.scrollTo(0, 0);
    await expect(card).to.be.accessible();
  });

  it('prints every row: "show more" limits and off-screen skipping are lifted for the printout', async () => {
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
    const root = card.shadowRoot!;
    const visits = () => root.querySelectorAll('section.encounters li').length;
    expect(visits()).to.equal(10);
    expect(moreButton(card, 'encounters')).not.to.equal(null);
    try {
      await emulateMedia({ media: 'print' });
      window.dispatchEvent(new Event('beforeprint'));
      // Synchronous: the rows are there before the browser lays out the printout.
      expect(visits()).to.equal(50);
      expect(root.querySelectorAll('[part="show-more"]').length).to.equal(0);
      for (const list of root.querySelectorAll('.long-list'))
        expect(getComputedStyle(list).contentVisibility).to.equal('visible');
      await expect(card).to.be.accessible();
    } finally {
      await emulateMedia({ media: 'screen' });
      window.dispatchEvent(new Event('afterprint'));
    }
    await card.updateComplete;
    expect(visits()).to.equal(10);
    expect(moreButton(card, 'encounters')).not.to.equal(null);
    await expect(card).to.be.accessible();
  });

  it('writes dates the same with its cached formatter, call after call, and groups results once per summary', async () => {
    for (let call = 0; call < 3; call += 1) {
      expect(formatDate('1985-03-05', 'en')).to.equal('5 Mar 1985');
      expect(formatDate('2024-02-29', 'en')).to.equal('29 Feb 2024');
      expect(formatDate('1985-03-05', 'ru')).to.equal('05.03.1985');
      expect(formatDate('1985-03', 'uz')).to.equal('03.1985');
      expect(formatDate('garbage', 'en')).to.equal('—');
    }

    const client = await clientFor('doctor');
    const summary = await client.patients.summary('long-history');
    const { entries } = summary.sections.results;
    expect(resultGroupsOf(entries)).to.equal(resultGroupsOf(entries));
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="en" patient-id="long-history" .client=${client}></shifo-patient-card>`,
    );
    await card.updateComplete;
    const visit = card.shadowRoot!.querySelector('section.encounters li time')!;
    expect(visit.textContent!.trim()).to.equal(formatDate(visit.getAttribute('datetime')!, 'en'));
    await expect(card).to.be.accessible();
  });
});
