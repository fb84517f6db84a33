import { expect, fixture, html } from '@open-wc/testing';
import { maskIdentifier } from '@shifo/sdk';
import '../../src/define.js';
import { catalogs } from '../../src/i18n/translate.js';
import type { ShifoPatientCard } from '../../src/patient-card/shifo-patient-card.js';
import { clientFor } from './mock-server.js';

/*
 * The UZ Core example instances (fixtures/dhp, the copy the mock server loads at start), rendered by the card.
 * Expected values are read from the fixture files themselves, so the test follows the IG's examples.
 */

interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
interface FixturePatient {
  id: string;
  gender: string;
  birthDate: string;
  name: { text: string }[];
  identifier: { system: string; value: string }[];
}

const PINFL_SYSTEM = 'https://dhp.uz/fhir/core/sid/pid/uz/ni';

async function fixtureFile<T>(name: string): Promise<T> {
  const response = await fetch(`/packages/mock-server/fixtures/dhp/${name}.json`);
  expect(response.status, name).to.equal(200);
  return (await response.json()) as T;
}

function text(card: ShifoPatientCard): string {
  return card.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

function sectionText(card: ShifoPatientCard, key: string): string {
  return card.shadowRoot!.querySelector(`section.${key}`)!.textContent!.replace(/\s+/g, ' ').trim();
}

async function card(patientId: string, since?: string): Promise<ShifoPatientCard> {
  const client = await clientFor('doctor');
  const element = await fixture<ShifoPatientCard>(
    html`<shifo-patient-card
      lang="en"
      patient-id=${patientId}
      since=${since ?? ''}
      .client=${client}
    ></shifo-patient-card>`,
  );
  await element.updateComplete;
  return element;
}

const englishDate = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

describe('<shifo-patient-card> with the UZ Core example patients', () => {
  it('renders example-nodira as the fixture says: name, sex, birth date, masked PINFL, "no information" sections', async () => {
    const nodira = await fixtureFile<FixturePatient>('Patient-example-nodira');
    const element = await card(nodira.id);
    const shown = text(element);
    const pinfl = nodira.identifier.find((i) => i.system === PINFL_SYSTEM)!.value;
    expect(shown).to.contain(nodira.name[0]!.text);
    expect(shown).to.contain(catalogs.en['patient.sex.female']);
    expect(nodira.gender).to.equal('female');
    expect(shown).to.contain(englishDate(nodira.birthDate));
    expect(shown).to.contain(maskIdentifier(pinfl));
    expect(shown).not.to.contain(pinfl);
    expect(sectionText(element, 'allergies')).to.contain(catalogs.en['summary.allergies.notasked']);
    expect(element.shadowRoot!.querySelector('[part="reveal"]')).not.to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('renders example-salim with his identifiers, the grass-pollen allergy, his prescription and blood pressure', async () => {
    const salim = await fixtureFile<FixturePatient>('Patient-example-salim');
    const allergy = await fixtureFile<{
      code: { coding: Coding[] };
      patient: { reference: string };
      reaction: { manifestation: { concept: { coding: Coding[] } }[] }[];
    }>('AllergyIntolerance-UZAI-GrassPollen-Example');
    const pressure = await fixtureFile<{
      subject: { reference: string };
      effectiveDateTime: string;
      component: { valueQuantity: { value: number; unit: string } }[];
    }>('Observation-blood-pressure-example');
    const request = await fixtureFile<{ subject: { reference: string } }>(
      'MedicationRequest-example-medication-request',
    );
    expect(allergy.patient.reference).to.equal(`Patient/${salim.id}`);
    expect(pressure.subject.reference).to.equal(`Patient/${salim.id}`);
    expect(request.subject.reference).to.equal(`Patient/${salim.id}`);

    // The blood pressure is from 2025: widen the window beyond the default 12 months.
    const element = await card(salim.id, pressure.effectiveDateTime.slice(0, 4));
    const shown = text(element);
    expect(shown).to.contain(salim.name[0]!.text);
    expect(shown).to.contain(catalogs.en['patient.sex.male']);
    expect(shown).to.contain(englishDate(salim.birthDate));
    expect(shown).to.contain(maskIdentifier(salim.identifier.find((i) => i.system === PINFL_SYSTEM)!.value));
    const passport = salim.identifier.find((i) => i.system.endsWith('/ppn/local'))!.value;
    expect(shown).to.contain(`${catalogs.en['patient.identifier.passport-local']}`);
    expect(shown).to.contain(maskIdentifier(passport));
    expect(shown).not.to.contain(passport);

    const allergies = sectionText(element, 'allergies');
    expect(allergies).to.contain(allergy.code.coding[0]!.display!);
    expect(allergies).to.contain(allergy.reaction[0]!.manifestation[0]!.concept.coding[0]!.display!);
    expect(element.shadowRoot!.querySelectorAll('section.medications li').length).to.equal(1);
    const [systolic, diastolic] = pressure.component.map((c) => c.valueQuantity);
    expect(sectionText(element, 'vitalSigns')).to.contain(`${systolic!.value}/${diastolic!.value} ${systolic!.unit}`);
    await expect(element).to.be.accessible();
  });

  it('renders example-david, who has no PINFL: his name, his driving licence masked, and no reveal', async () => {
    const david = await fixtureFile<FixturePatient & { active: boolean }>('Patient-example-david');
    expect(david.identifier.some((i) => i.system === PINFL_SYSTEM)).to.equal(false);
    const element = await card(david.id);
    const shown = text(element);
    expect(shown).to.contain(david.name[0]!.text);
    expect(shown).to.contain(catalogs.en['patient.sex.other']);
    expect(shown).to.contain(englishDate(david.birthDate));
    expect(shown).to.contain(catalogs.en['patient.no-pinfl']);
    expect(shown).to.contain(maskIdentifier(david.identifier[0]!.value));
    expect(shown).not.to.contain(david.identifier[0]!.value);
    expect(element.shadowRoot!.querySelector('[part="reveal"]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('shows the example patients in the banner view too', async () => {
    const salim = await fixtureFile<FixturePatient>('Patient-example-salim');
    const client = await clientFor('doctor');
    const element = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card view="banner" lang="en" patient-id=${salim.id} .client=${client}></shifo-patient-card>`,
    );
    await element.updateComplete;
    const banner = element.shadowRoot!.querySelector('[part="banner"]')!.textContent!;
    expect(banner).to.contain(salim.name[0]!.text);
    expect(banner).to.contain('Grass pollen');
    await expect(element).to.be.accessible();
  });
});
