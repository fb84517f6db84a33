import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { createShifoClient } from '@shifo/sdk';
import '../../src/define.js';
import { supportedLocales } from '../../src/i18n/locales.js';
import { catalogs } from '../../src/i18n/translate.js';
import type { ShifoPatientCard } from '../../src/patient-card/shifo-patient-card.js';
import { clientFor, mockServerUrl, tokenFor, until } from './mock-server.js';

function text(card: ShifoPatientCard): string {
  return card.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

async function settled(card: ShifoPatientCard): Promise<void> {
  await card.updateComplete;
  await until(() => !card.shadowRoot!.querySelector('[aria-busy="true"]') && text(card) !== '', 'the card to settle');
  await card.updateComplete;
}

function sectionText(card: ShifoPatientCard, key: string): string {
  const section = card.shadowRoot!.querySelector(`section.section.${key}`);
  expect(section, key).not.to.equal(null);
  return section!.textContent!.replace(/\s+/g, ' ').trim();
}

async function fullCard(patientId: string, user = 'doctor', lang = 'en'): Promise<ShifoPatientCard> {
  const client = await clientFor(user);
  const card = await fixture<ShifoPatientCard>(
    html`<shifo-patient-card lang=${lang} patient-id=${patientId} .client=${client}></shifo-patient-card>`,
  );
  await settled(card);
  return card;
}

/** Creates a FHIR resource on the mock server as the demo doctor; returns its id. */
async function create(resource: Record<string, unknown>): Promise<string> {
  const token = await tokenFor('doctor');
  const response = await fetch(`${mockServerUrl}/fhir/${String(resource.resourceType)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify(resource),
  });
  expect(response.status, `create ${String(resource.resourceType)}`).to.equal(201);
  return ((await response.json()) as { id: string }).id;
}

const HOSTILE_MARKUP = '<img src=x onerror=alert(1)>';
const RLO = '\u202E';

describe('<shifo-patient-card> full view', () => {
  it('shows the long history with allergies first and loud, flagged results, and a bounded DOM', async () => {
    const card = await fullCard('long-history');
    const sections = [...card.shadowRoot!.querySelectorAll('section.section')];
    expect(sections[0]!.classList.contains('allergies')).to.equal(true);
    const allergies = sectionText(card, 'allergies');
    expect(allergies).to.contain('Penicillin');
    expect(allergies).to.contain(catalogs.en['summary.allergy.criticality.high']);
    expect(allergies).to.contain('Urticaria');
    expect(card.shadowRoot!.querySelector('.allergy.high')).not.to.equal(null);

    expect(sectionText(card, 'problems')).to.match(/I10\s*Essential \(primary\) hypertension/);
    expect(sectionText(card, 'medications')).to.match(/15 of 30 dona dispensed/);

    const results = sectionText(card, 'results');
    expect(results).to.contain('CBC panel');
    expect(results).to.contain('Hemoglobin');
    expect(results).to.match(/g\/L/);
    const flags = [...card.shadowRoot!.querySelectorAll('section.results [part="flag"]')].map((f) => f.textContent);
    expect(flags.some((f) => f!.includes(catalogs.en['summary.result.high']))).to.equal(true);
    expect(card.shadowRoot!.querySelectorAll('section.results svg[role="img"]').length).to.be.greaterThan(5);
    expect(results).to.contain(catalogs.en['summary.result.range'].replace('{range}', ''));

    expect(sectionText(card, 'vitalSigns')).to.match(/\d+\/\d+ mmHg/);
    expect(card.shadowRoot!.querySelectorAll('section.encounters li').length).to.be.greaterThan(3);
    // 200+ observations collapse into one row per test: the DOM stays small.
    expect(card.shadowRoot!.querySelectorAll('*').length).to.be.lessThan(2000);
    await expect(card).to.be.accessible();
  });

  it('tells "no known allergies" apart from "no information"', async () => {
    const none = await fullCard('pt-bahodir-toshmatov');
    const unknown = await fullCard('pt-malika-ergasheva');
    expect(sectionText(none, 'allergies')).to.contain(catalogs.en['summary.allergies.nilknown']);
    expect(sectionText(none, 'allergies')).not.to.contain(catalogs.en['summary.allergies.notasked']);
    expect(sectionText(unknown, 'allergies')).to.contain(catalogs.en['summary.allergies.notasked']);
    expect(sectionText(unknown, 'allergies')).not.to.contain(catalogs.en['summary.allergies.nilknown']);
    await expect(none).to.be.accessible();
    await expect(unknown).to.be.accessible();
  });

  it('shows allergies but explains the rest is withheld by consent to a doctor who does not treat the patient', async () => {
    const card = await fullCard('pt-akmal-nazarov', 'doctor2');
    expect(card.shadowRoot!.querySelectorAll('section.allergies li.allergy').length).to.be.greaterThan(0);
    for (const key of ['problems', 'medications', 'results', 'vitalSigns', 'encounters']) {
      expect(sectionText(card, key)).to.contain(catalogs.en['summary.empty.withheld']);
    }
    expect(text(card)).to.contain(catalogs.en['summary.withheld-note']);
    await expect(card).to.be.accessible();
  });

  it('shows one compact line in the banner view', async () => {
    const client = await clientFor('doctor');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card
        view="banner"
        lang="en"
        patient-id="long-history"
        .client=${client}
      ></shifo-patient-card>`,
    );
    await settled(card);
    const banner = card.shadowRoot!.querySelector<HTMLElement>('[part="banner"]')!;
    expect(banner).not.to.equal(null);
    expect(card.shadowRoot!.querySelector('section.section')).to.equal(null);
    const lineHeight = parseFloat(getComputedStyle(banner).lineHeight) || 24;
    expect(banner.getBoundingClientRect().height).to.be.lessThan(lineHeight * 2 + 16);
    expect(banner.textContent).to.contain('Penicillin');
    await expect(card).to.be.accessible();
  });

  for (const locale of supportedLocales) {
    it(`renders every section in ${locale} with no missing message`, async () => {
      const card = await fullCard('long-history', 'doctor', locale);
      const shown = text(card);
      for (const key of [
        'summary.allergies',
        'summary.problems',
        'summary.medications',
        'summary.results',
        'summary.vital-signs',
        'summary.encounters',
        'summary.allergy.criticality.high',
        'patient.age',
      ] as const) {
        expect(shown, key).to.contain(catalogs[locale][key]);
      }
      expect(shown).not.to.match(/\b(summary|patient|error|format)\.[a-z-]+/);
      expect(shown).not.to.contain('{');
      await expect(card).to.be.accessible();
    });
  }

  it('keeps hostile data inert: markup, javascript: URLs, bidi overrides, 5,000-character names', async () => {
    const family = `${RLO}Evil${'X'.repeat(5000)}`;
    const id = await create({
      resourceType: 'Patient',
      identifier: [{ system: 'https://dhp.uz/fhir/core/sid/pid/uz/ppn/local', value: 'AB7654321' }],
      name: [{ use: 'official', family, given: [HOSTILE_MARKUP] }],
      telecom: [{ system: 'url', value: 'javascript:alert(1)' }],
      gender: 'female',
      birthDate: '1990-02-03',
    });
    const client = await clientFor('doctor');
    // A fixture of the card itself (not a wrapper): waiting on a wrapper needs an animation frame, which a
    // background tab of a parallel test run never gets.
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card style="width: 320px" lang="en" patient-id=${id} .client=${client}></shifo-patient-card>`,
    );
    await settled(card);
    const shown = text(card);
    expect(shown).to.contain(HOSTILE_MARKUP);
    expect(shown).to.contain('javascript:alert(1)');
    expect(shown).to.contain(RLO);
    expect(card.shadowRoot!.querySelector('img')).to.equal(null);
    expect(card.shadowRoot!.querySelector('a')).to.equal(null);
    expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
    const box = card.shadowRoot!.querySelector<HTMLElement>('[part="card"]')!;
    expect(box.scrollWidth).to.be.at.most(box.clientWidth + 1);
    await expect(card).to.be.accessible();
  });

  it('reads the summary again when shifo-data-changed announces a change to this patient', async () => {
    const id = await create({
      resourceType: 'Patient',
      identifier: [{ system: 'https://dhp.uz/fhir/core/sid/pid/uz/ppn/local', value: 'AC1112223' }],
      name: [{ use: 'official', family: 'Qodirova', given: ['Sevara'] }],
      gender: 'female',
      birthDate: '1985-07-14',
    });
    const card = await fullCard(id);
    expect(sectionText(card, 'allergies')).to.contain(catalogs.en['summary.allergies.notasked']);
    await create({
      resourceType: 'AllergyIntolerance',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }],
      },
      verificationStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' },
        ],
      },
      criticality: 'high',
      code: { text: 'Latex' },
      patient: { reference: `Patient/${id}` },
    });
    // Another patient's change leaves the card alone …
    window.dispatchEvent(
      new CustomEvent('shifo-data-changed', { bubbles: true, composed: true, detail: { patientId: 'someone-else' } }),
    );
    await card.updateComplete;
    expect(sectionText(card, 'allergies')).to.contain(catalogs.en['summary.allergies.notasked']);
    // … this patient's change is fetched and shown.
    card.dispatchEvent(
      new CustomEvent('shifo-data-changed', { bubbles: true, composed: true, detail: { patientId: id } }),
    );
    await until(() => sectionText(card, 'allergies').includes('Latex'), 'the new allergy to appear');
    expect(card.shadowRoot!.querySelector('.allergy.high')).not.to.equal(null);
    await expect(card).to.be.accessible();
  });

  it('keeps text contrast in the dark theme and stays usable at 320 px', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const client = await clientFor('doctor');
      const card = await fixture<ShifoPatientCard>(
        html`<shifo-patient-card
          style="width: 320px"
          lang="ru"
          patient-id="long-history"
          .client=${client}
        ></shifo-patient-card>`,
      );
      await settled(card);
      expect(getComputedStyle(card).color).to.equal('rgb(232, 236, 241)');
      expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
      // Stacked: every section starts at the same left edge.
      const lefts = new Set(
        [...card.shadowRoot!.querySelectorAll('section.section')].map((s) =>
          Math.round(s.getBoundingClientRect().left),
        ),
      );
      expect(lefts.size).to.equal(1);
      // axe cannot see the colours of rows the browser skips off screen (content-visibility: auto, see .long-list)
      // and assumes a white page behind them: check contrast with the whole card on screen.
      await setViewport({ width: 800, height: Math.ceil(card.getBoundingClientRect().height) + 200 });
      await until(
        () =>
          [...card.shadowRoot!.querySelectorAll('.long-list li')].every((li) =>
            li.checkVisibility({ contentVisibilityAuto: true } as CheckVisibilityOptions),
          ),
        'every row to be painted',
      );
      await expect(card).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('shows a loading skeleton, then an error with a working retry', async () => {
    // The network fails only when the test says so: the skeleton is on screen until then.
    let fail!: () => void;
    const failing = new Promise<void>((resolve) => (fail = resolve));
    const client = createShifoClient({
      baseUrl: mockServerUrl,
      auth: () => 'unused',
      retry: false,
      fetch: () => failing.then(() => Promise.reject(new TypeError('Failed to fetch'))),
    });
    // `fixture` awaits `updateComplete`, which waits for the data: mount by hand to see the skeleton first.
    // (A plain container, not `fixture`: a wrapper fixture waits for an animation frame a background tab never gets.)
    const host = document.createElement('div');
    document.body.append(host);
    const card = document.createElement('shifo-patient-card');
    card.lang = 'en';
    card.patientId = 'long-history';
    card.client = client;
    host.append(card);
    await new Promise((resolve) => setTimeout(resolve));
    expect(card.shadowRoot!.querySelector('[aria-busy="true"]')).not.to.equal(null);
    await expect(card).to.be.accessible();
    fail();
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[aria-busy="true"]')).to.equal(null);
    await settled(card);
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(catalogs.en['error.network']);
    await expect(card).to.be.accessible();
    card.client = await clientFor('doctor');
    await settled(card);
    expect(sectionText(card, 'allergies')).to.contain('Penicillin');
    host.remove();
  });
});
