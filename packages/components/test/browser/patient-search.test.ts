import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createShifoClient, type Patient, type ShifoClient } from '@shifo/sdk';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { supportedLocales, type Locale } from '../../src/i18n/locales.js';
import { catalogs } from '../../src/i18n/translate.js';
import { foundMessage } from '../../src/patient-search/found-message.js';
import type { ShifoPatientSearch } from '../../src/patient-search/shifo-patient-search.js';
import type { ShifoPatientSelectEvent } from '../../src/patient-search/patient-select-event.js';
import type { ShifoProvider } from '../../src/provider/shifo-provider.js';
import { clientFor, mockServerUrl, tokenFor, until } from './mock-server.js';

/** The UZ Core example patient: her PINFL fails the 7-3-1 check digit, yet she must be found. */
const NODIRA_PINFL = '40503855900021';
const HOSTILE_MARKUP = '<img src=x onerror="window.__shifoPwned=1">';

function shadow(el: ShifoPatientSearch): ShadowRoot {
  return el.shadowRoot!;
}

function text(node: Element | ShadowRoot | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function input(el: ShifoPatientSearch, field: string): HTMLInputElement {
  const found = shadow(el).querySelector<HTMLInputElement>(`#field-${field}`);
  if (!found) throw new Error(`no input for ${field}`);
  return found;
}

function feedback(el: ShifoPatientSearch, field: string): HTMLElement {
  return shadow(el).querySelector<HTMLElement>(`#field-${field}-feedback`)!;
}

function statusText(el: ShifoPatientSearch): string {
  return text(shadow(el).querySelector('[role="status"]'));
}

function options(el: ShifoPatientSearch): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('[role="option"]')];
}

/** Types into a field as the browser would (an `input` event per change), then waits for the render. */
async function fill(el: ShifoPatientSearch, field: string, value: string): Promise<void> {
  const target = input(el, field);
  target.value = value;
  target.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function chooseMode(el: ShifoPatientSearch, mode: string): Promise<void> {
  shadow(el).querySelector<HTMLInputElement>(`input[type="radio"][value="${mode}"]`)!.click();
  await el.updateComplete;
}

/** Presses the form's Search button and waits until the result is on screen. */
async function submit(el: ShifoPatientSearch): Promise<void> {
  shadow(el).querySelector<HTMLButtonElement>('[part="submit"]')!.click();
  await el.updateComplete;
}

async function searchElement(client: ShifoClient, lang: Locale = 'en', attributes = ''): Promise<ShifoPatientSearch> {
  const el = await fixture<ShifoPatientSearch>(
    html`<shifo-patient-search lang=${lang} .client=${client}></shifo-patient-search>`,
  );
  if (attributes.includes('auto-select')) el.autoSelect = true;
  await el.updateComplete;
  return el;
}

/** A client whose every request (URL, method, body) is recorded, to prove identifiers stay out of URLs. */
interface RecordedRequest {
  url: string;
  body: string;
  signal: AbortSignal;
}

/** `holdWhile(body)`: a promise to wait for before sending that request (to keep a search in flight). */
async function recordingClient(
  user: string,
  holdWhile: (body: string) => Promise<void> | undefined = () => undefined,
): Promise<{ client: ShifoClient; requests: RecordedRequest[] }> {
  const token = await tokenFor(user);
  const requests: RecordedRequest[] = [];
  const client = createShifoClient({
    baseUrl: mockServerUrl,
    auth: () => token,
    fetch: async (resource: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(resource, init);
      const body = request.method === 'GET' ? '' : await request.clone().text();
      requests.push({ url: request.url, body, signal: request.signal });
      await holdWhile(body);
      return fetch(request);
    },
  });
  return { client, requests };
}

let documentSerial = 0;

/** Creates a patient with a passport number of its own (UZ Core requires an identifier). */
async function create(resource: Record<string, unknown>): Promise<string> {
  documentSerial += 1;
  const passport = `AE${String((Date.now() % 9_000_000) + 1_000_000 + documentSerial).slice(-7)}`;
  resource = {
    identifier: [{ system: 'https://dhp.uz/fhir/core/sid/pid/uz/ppn/local', value: passport }],
    ...resource,
  };
  const token = await tokenFor('registrar');
  const response = await fetch(`${mockServerUrl}/fhir/Patient`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify(resource),
  });
  expect(response.status, `create Patient: ${await response.clone().text()}`).to.equal(201);
  return ((await response.json()) as { id: string }).id;
}

async function seeded(id: string): Promise<Patient> {
  return (await clientFor('doctor')).patients.get(id);
}

describe('<shifo-patient-search>', () => {
  it('finds the UZ Core example patient by PINFL: warns about the check digit but still searches', async () => {
    const el = await searchElement(await clientFor('registrar'));
    await fill(el, 'pinfl', NODIRA_PINFL);
    // The full check runs as soon as 14 digits are there: a warning, not an error.
    expect(feedback(el, 'pinfl').classList.contains('warning')).to.equal(true);
    expect(text(feedback(el, 'pinfl'))).to.equal(catalogs.en['search.pinfl.checksum']);
    expect(input(el, 'pinfl').getAttribute('aria-invalid')).to.equal('false');
    await submit(el);
    expect(statusText(el)).to.equal(foundMessage(1, 'en'));
    const [row] = options(el);
    expect(row!.dataset.patientId).to.equal('example-nodira');
    expect(text(row)).to.contain('Karimova Nodira Anvarovna');
    expect(text(row)).to.contain('5 Mar 1985');
    expect(text(row)).to.contain('Female');
    expect(text(row)).to.contain('••••••••••0021');
    expect(text(shadow(el))).not.to.contain(NODIRA_PINFL);
    expect(input(el, 'pinfl').getAttribute('inputmode')).to.equal('numeric');
    await expect(el).to.be.accessible();
  });

  it('gives live PINFL feedback: a hard error blocks the search and names the problem', async () => {
    const { client, requests } = await recordingClient('registrar');
    const el = await searchElement(client);
    await fill(el, 'pinfl', '4');
    expect(text(feedback(el, 'pinfl'))).to.equal('');
    await fill(el, 'pinfl', '7');
    expect(text(feedback(el, 'pinfl'))).to.equal(catalogs.en['search.pinfl.first-digit'].replace('{digit}', '7'));
    await fill(el, 'pinfl', '4350');
    expect(text(feedback(el, 'pinfl'))).to.contain('is not a real date');
    expect(input(el, 'pinfl').getAttribute('aria-invalid')).to.equal('true');
    await fill(el, 'pinfl', '40503A');
    expect(text(feedback(el, 'pinfl'))).to.equal('A PINFL has only digits: position 6 is “A”.');
    // Too short is not an error while typing …
    await fill(el, 'pinfl', '4050385');
    expect(text(feedback(el, 'pinfl'))).to.equal('');
    // … but it is on submit, and nothing is sent.
    await submit(el);
    expect(text(feedback(el, 'pinfl'))).to.equal('A PINFL has 14 digits; this one has 7.');
    expect(input(el, 'pinfl').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(el).activeElement).to.equal(input(el, 'pinfl'));
    expect(requests.filter((request) => request.url.includes('/Patient'))).to.deep.equal([]);
    expect(options(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('finds a patient who has only a passport, typed in lower case with spaces, and shows the Cyrillic name', async () => {
    const patient = await seeded('pt-passport-only');
    const current = patient.identifier!.find((identifier) => identifier.use === 'official')!.value!;
    const typed = `${current.slice(0, 2).toLowerCase()} ${current.slice(2, 5)} ${current.slice(5)}`;
    const el = await searchElement(await clientFor('registrar'));
    await chooseMode(el, 'passport');
    expect(el.getAttribute('mode')).to.equal('passport');
    await fill(el, 'passport', typed);
    await submit(el);
    const [row] = options(el);
    expect(options(el)).to.have.length(1);
    expect(row!.dataset.patientId).to.equal('pt-passport-only');
    expect(text(row)).to.contain('Холматов Равшан Турсунович');
    expect(text(row)).to.contain(catalogs.en['patient.no-pinfl']);
    expect(text(row)).to.contain('Yunusobod tumani 41-son oilaviy poliklinikasi');
    await expect(el).to.be.accessible();
  });

  it('refuses a malformed passport number without searching', async () => {
    const el = await searchElement(await clientFor('registrar'));
    await chooseMode(el, 'passport');
    await fill(el, 'passport', 'A123');
    await submit(el);
    expect(text(feedback(el, 'passport'))).to.equal(catalogs.en['search.passport.format']);
    expect(input(el, 'passport').getAttribute('aria-invalid')).to.equal('true');
    expect(statusText(el)).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('finds a baby by birth certificate, whatever spacing and “№” the registrar types', async () => {
    const patient = await seeded('pt-birth-cert-only');
    const stored = patient.identifier![0]!.value!; // e.g. "I-TN №220371"
    const [series, number] = stored.split(' №');
    const el = await searchElement(await clientFor('registrar'), 'uz');
    await chooseMode(el, 'birth-certificate');
    await fill(el, 'birthCertificate', `${series!.toLowerCase().replace('-', ' ')} ${number}`);
    await submit(el);
    expect(options(el).map((option) => option.dataset.patientId)).to.deep.equal(['pt-birth-cert-only']);
    expect(text(options(el)[0])).to.contain('Raximova Oysha Doniyor qizi');
    expect(statusText(el)).to.equal(foundMessage(1, 'uz'));
    await expect(el).to.be.accessible();
  });

  it('finds by name and date of birth across scripts and apostrophe variants', async () => {
    const holmatov = await seeded('pt-passport-only');
    const el = await searchElement(await clientFor('registrar'), 'ru');
    await chooseMode(el, 'name');
    // Latin letters find the Cyrillic record "Холматов".
    await fill(el, 'family', 'Xolmatov');
    await fill(el, 'birthDate', holmatov.birthDate!);
    await submit(el);
    expect(options(el).map((option) => option.dataset.patientId)).to.deep.equal(['pt-passport-only']);
    expect(statusText(el)).to.equal('Найден 1 пациент');
    await expect(el).to.be.accessible();

    // An ASCII apostrophe finds "Joʻrayev" (U+02BB).
    const eldor = await seeded('pt-eldor-jorayev');
    await fill(el, 'family', "jo'rayev");
    await fill(el, 'given', 'Eldor');
    await fill(el, 'birthDate', eldor.birthDate!);
    await submit(el);
    expect(options(el).map((option) => option.dataset.patientId)).to.deep.equal(['pt-eldor-jorayev']);
    expect(text(options(el)[0])).to.contain('Joʻrayev');
  });

  it('asks for the family name and date of birth before a name search', async () => {
    const el = await searchElement(await clientFor('registrar'), 'uz-Cyrl');
    await chooseMode(el, 'name');
    await submit(el);
    expect(text(feedback(el, 'family'))).to.equal(catalogs['uz-Cyrl']['search.family.empty']);
    expect(text(feedback(el, 'birthDate'))).to.equal(catalogs['uz-Cyrl']['search.birth-date.empty']);
    expect(input(el, 'family').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'given').getAttribute('aria-invalid')).to.equal('false');
    expect(shadow(el).activeElement).to.equal(input(el, 'family'));
    await expect(el).to.be.accessible();
  });

  it('says when no patient is found', async () => {
    const el = await searchElement(await clientFor('registrar'), 'ru');
    await chooseMode(el, 'passport');
    await fill(el, 'passport', 'AA0000001');
    await submit(el);
    expect(statusText(el)).to.equal(catalogs.ru['search.none']);
    expect(options(el)).to.have.length(0);
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('works from the keyboard alone: type, Enter, ArrowDown, Enter selects the patient', async () => {
    const client = await clientFor('registrar');
    const el = await fixture<ShifoPatientSearch>(
      html`<shifo-patient-search lang="en" autofocus .client=${client}></shifo-patient-search>`,
    );
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(input(el, 'pinfl'));
    await sendKeys({ type: NODIRA_PINFL });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(options(el)).to.have.length(1);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(options(el)[0]);
    const selected = oneEvent(el, 'shifo-patient-select') as Promise<ShifoPatientSelectEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail.patientId).to.equal('example-nodira');
    expect(event.detail.patient.birthDate).to.equal('1985-03-05');
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    await expect(el).to.be.accessible();
    // Escape clears the results and returns to the field.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(options(el)).to.have.length(0);
    expect(statusText(el)).to.equal('');
    expect(shadow(el).activeElement).to.equal(input(el, 'pinfl'));
    expect(input(el, 'pinfl').value).to.equal(NODIRA_PINFL);
  });

  it('moves through several results with the arrow keys, Home and End; hostile names stay inert', async () => {
    const birthDate = '1979-11-02';
    const family = `Zz${Date.now()}`;
    const ids = [
      await create({
        resourceType: 'Patient',
        name: [{ use: 'official', family, given: [HOSTILE_MARKUP] }],
        gender: 'male',
        birthDate,
      }),
      await create({
        resourceType: 'Patient',
        name: [{ use: 'official', family, given: ['\u202EEvil', '<script>window.__shifoPwned=2</script>'] }],
        gender: 'female',
        birthDate,
      }),
      await create({ resourceType: 'Patient', name: [{ use: 'official', family, given: ['Uchinchi'] }], birthDate }),
    ];
    const el = await searchElement(await clientFor('registrar'));
    await chooseMode(el, 'name');
    await fill(el, 'family', family);
    await fill(el, 'birthDate', birthDate);
    await submit(el);
    expect(
      options(el)
        .map((option) => option.dataset.patientId)
        .sort(),
    ).to.deep.equal([...ids].sort());
    expect(statusText(el)).to.equal('3 patients found');
    expect(text(shadow(el))).to.contain(HOSTILE_MARKUP);
    expect(text(shadow(el))).to.contain('<script>window.__shifoPwned=2</script>');
    expect(shadow(el).querySelector('img, script')).to.equal(null);
    expect((window as { __shifoPwned?: number }).__shifoPwned).to.equal(undefined);

    input(el, 'family').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const active = () => options(el).findIndex((option) => option === shadow(el).activeElement);
    expect(active()).to.equal(0);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(active()).to.equal(1);
    expect(options(el)[1]!.getAttribute('aria-selected')).to.equal('true');
    expect(options(el)[0]!.getAttribute('tabindex')).to.equal('-1');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(active()).to.equal(2);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(active()).to.equal(0);
    await expect(el).to.be.accessible();

    const selected = oneEvent(el, 'shifo-patient-select') as Promise<ShifoPatientSelectEvent>;
    options(el)[2]!.click();
    expect((await selected).detail.patientId).to.equal(options(el)[2]!.dataset.patientId);
  });

  it('marks an inactive (merged) record', async () => {
    const david = await seeded('example-david');
    const birthDate = david.birthDate!;
    const id = await create({
      resourceType: 'Patient',
      active: false,
      name: [{ use: 'official', family: 'Birlashganov', given: ['Eski'] }],
      birthDate,
    });
    const el = await searchElement(await clientFor('registrar'), 'uz');
    await chooseMode(el, 'name');
    await fill(el, 'family', 'Birlashganov');
    await fill(el, 'birthDate', birthDate);
    await submit(el);
    const row = options(el).find((option) => option.dataset.patientId === id)!;
    expect(row.querySelector('[part="inactive"]')!.textContent).to.equal(catalogs.uz['search.result.inactive']);
    await expect(el).to.be.accessible();
  });

  it('selects a single PINFL hit at once with auto-select', async () => {
    const el = await searchElement(await clientFor('registrar'), 'en', 'auto-select');
    expect(el.hasAttribute('auto-select')).to.equal(true);
    await fill(el, 'pinfl', NODIRA_PINFL);
    const selected = oneEvent(el, 'shifo-patient-select') as Promise<ShifoPatientSelectEvent>;
    await submit(el);
    expect((await selected).detail.patientId).to.equal('example-nodira');
    await expect(el).to.be.accessible();
  });

  it('explains, in the user’s language, that a role may not search for patients', async () => {
    const el = await searchElement(await clientFor('display'), 'ru');
    await fill(el, 'pinfl', NODIRA_PINFL);
    await submit(el);
    const alert = shadow(el).querySelector('[role="alert"]')!;
    expect(text(alert)).to.equal(catalogs.ru['search.forbidden']);
    expect(alert.querySelector('[part="retry"]')).to.equal(null);
    expect(options(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('tells a network failure apart and offers to try again', async () => {
    const el = await searchElement(await clientFor('registrar', 'http://127.0.0.1:9'), 'uz');
    await chooseMode(el, 'passport');
    await fill(el, 'passport', 'AA0000002');
    await submit(el);
    const alert = shadow(el).querySelector('[role="alert"]')!;
    expect(text(alert)).to.contain(catalogs.uz['error.network']);
    expect(text(alert.querySelector('[part="retry"]'))).to.equal(catalogs.uz['common.retry']);
    await expect(el).to.be.accessible();
    el.client = await clientFor('registrar');
    await el.updateComplete;
    await submit(el);
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
    expect(statusText(el)).to.equal(catalogs.uz['search.none']);
  });

  it('never puts a PINFL or document number in a request URL', async () => {
    const { client, requests } = await recordingClient('registrar');
    const el = await searchElement(client);
    await fill(el, 'pinfl', NODIRA_PINFL);
    await submit(el);
    expect(options(el)).to.have.length(1);
    await chooseMode(el, 'passport');
    await fill(el, 'passport', 'ka 1190184');
    await submit(el);
    await chooseMode(el, 'name');
    await fill(el, 'family', 'Karimova');
    await fill(el, 'birthDate', '1985-03-05');
    await submit(el);
    const searches = requests.filter((request) => request.url.includes('/Patient'));
    expect(searches).to.have.length(3);
    for (const request of searches) {
      expect(request.url).to.match(/\/fhir\/Patient\/_search$/);
      for (const secret of [NODIRA_PINFL, 'KA1190184', 'Karimova', '1985-03-05']) {
        expect(request.url).not.to.contain(secret);
      }
    }
    // The values did travel, in the bodies.
    expect(decodeURIComponent(searches[0]!.body)).to.contain(NODIRA_PINFL);
    expect(decodeURIComponent(searches[1]!.body)).to.contain('KA1190184');
    expect(searches[2]!.body).to.contain('family=Karimova');
    await expect(el).to.be.accessible();
  });

  it('shows that it is searching, and cancels the search in flight when a new one starts', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first search stays on its way until the test lets it go.
    const { client, requests } = await recordingClient('registrar', (body) =>
      body.includes('AA0000003') ? held : undefined,
    );
    const el = await searchElement(client);
    await chooseMode(el, 'passport');
    await fill(el, 'passport', 'AA0000003');
    const first = el.search();
    await until(() => requests.some((request) => request.body.includes('AA0000003')), 'the first request');
    await until(() => statusText(el) === catalogs.en['search.searching'], 'the searching state');
    expect(shadow(el).querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    // Typed without waiting for the render: `updateComplete` would wait for the first search.
    const field = input(el, 'passport');
    field.value = 'KA1190184';
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const second = el.search();
    const firstRequest = requests.find((request) => request.body.includes('AA0000003'))!;
    expect(firstRequest.signal.aborted).to.equal(true);
    release();
    await Promise.all([first, second]);
    await el.updateComplete;
    expect(statusText(el)).to.equal(foundMessage(1, 'en'));
    expect(options(el).map((option) => option.dataset.patientId)).to.deep.equal(['pt-passport-only']);
    expect(shadow(el).querySelector('form')!.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('gets its client and locale from <shifo-provider>', async () => {
    const token = await tokenFor('registrar');
    const provider = await fixture<ShifoProvider>(html`
      <shifo-provider base-url=${mockServerUrl} locale="uz-Cyrl" .getAccessToken=${() => token}>
        <shifo-patient-search></shifo-patient-search>
      </shifo-provider>
    `);
    const el = provider.querySelector('shifo-patient-search')!;
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part="submit"]'))).to.equal(catalogs['uz-Cyrl']['search.submit']);
    await fill(el, 'pinfl', NODIRA_PINFL);
    await submit(el);
    expect(statusText(el)).to.equal(foundMessage(1, 'uz-Cyrl'));
    await expect(el).to.be.accessible();
  });

  for (const locale of supportedLocales) {
    it(`renders every state in ${locale} with no missing message`, async () => {
      const el = await searchElement(await clientFor('registrar'), locale);
      const catalog = catalogs[locale];
      const leftovers = () => /\b(search|patient|error|common)\.[a-z-]+|\{\w+\}/.exec(text(shadow(el)));
      expect(text(shadow(el).querySelector('legend'))).to.equal(catalog['search.mode.legend']);
      const modeLabels = [...shadow(el).querySelectorAll('[part="mode"]')].map((label) => text(label));
      expect(modeLabels).to.deep.equal([
        catalog['search.mode.pinfl'],
        catalog['search.mode.passport'],
        catalog['search.mode.birth-certificate'],
        catalog['search.mode.name'],
      ]);
      await fill(el, 'pinfl', NODIRA_PINFL);
      expect(text(feedback(el, 'pinfl'))).to.equal(catalog['search.pinfl.checksum']);
      await submit(el);
      expect(statusText(el)).to.equal(foundMessage(1, locale));
      expect(text(options(el)[0])).to.contain(catalog['patient.sex.female']);
      expect(leftovers()).to.equal(null);
      await expect(el).to.be.accessible();
      await chooseMode(el, 'name');
      expect(text(shadow(el).querySelector('label[for="field-given"]'))).to.equal(catalog['search.field.given']);
      await submit(el);
      expect(text(feedback(el, 'family'))).to.equal(catalog['search.family.empty']);
      expect(leftovers()).to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('keeps to a 320 px column without overflowing, with readable contrast in the dark theme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const client = await clientFor('registrar');
      const el = await fixture<ShifoPatientSearch>(
        html`<shifo-patient-search
          style="width: 320px"
          lang="uz"
          mode="name"
          .client=${client}
        ></shifo-patient-search>`,
      );
      expect(getComputedStyle(el).color).to.equal('rgb(232, 236, 241)');
      await fill(el, 'family', 'Karimova');
      await fill(el, 'birthDate', '1985-03-05');
      await submit(el);
      expect(options(el).map((option) => option.dataset.patientId)).to.include('example-nodira');
      expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
      const fields = shadow(el).querySelectorAll<HTMLElement>('[part="field"]');
      // One column: each field starts at the same left edge.
      const lefts = new Set([...fields].map((field) => Math.round(field.getBoundingClientRect().left)));
      expect(lefts.size).to.equal(1);
      await expect(el).to.be.accessible();
      // The warning and error colours, too.
      await chooseMode(el, 'pinfl');
      await fill(el, 'pinfl', NODIRA_PINFL);
      expect(feedback(el, 'pinfl').classList.contains('warning')).to.equal(true);
      await expect(el).to.be.accessible();
      await fill(el, 'pinfl', '9');
      expect(feedback(el, 'pinfl').classList.contains('error')).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
