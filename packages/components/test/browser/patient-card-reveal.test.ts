import { expect, fixture, html } from '@open-wc/testing';
import { createShifoClient } from '@shifo/sdk';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { catalogs } from '../../src/i18n/translate.js';
import { ShifoPatientCard } from '../../src/patient-card/shifo-patient-card.js';
import { clientFor, mockServerUrl, tokenFor, until } from './mock-server.js';

const NODIRA_PINFL = '40503855900021';

function text(card: ShifoPatientCard): string {
  return card.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

function revealButton(card: ShifoPatientCard): HTMLButtonElement | null {
  return card.shadowRoot!.querySelector<HTMLButtonElement>('button[part="reveal"]');
}

/** Every attribute value in the card, its shadow root and the document: where a PINFL must never appear. */
function allAttributes(card: ShifoPatientCard): string {
  const elements = [card, ...card.shadowRoot!.querySelectorAll('*'), ...document.querySelectorAll('*')];
  return elements.flatMap((element) => [...element.attributes].map((a) => `${a.name}=${a.value}`)).join('\n');
}

interface Audits {
  total: number;
  /** The newest first. */
  outcomes: (string | undefined)[];
}

/** AuditEvents the server wrote for operations (`action` E) on a patient, read as the demo admin. */
async function revealAudits(patientId: string): Promise<Audits> {
  const token = await tokenFor('admin');
  const query = new URLSearchParams({ entity: `Patient/${patientId}`, action: 'E', _sort: '-date', _count: '100' });
  const response = await fetch(`${mockServerUrl}/fhir/AuditEvent?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).to.equal(200);
  const bundle = (await response.json()) as {
    total?: number;
    entry?: { resource: { outcome?: { code?: { code?: string } } } }[];
  };
  const entries = bundle.entry ?? [];
  return { total: bundle.total ?? entries.length, outcomes: entries.map((e) => e.resource.outcome?.code?.code) };
}

async function card(patientId: string, user = 'doctor'): Promise<ShifoPatientCard> {
  const client = await clientFor(user);
  const element = await fixture<ShifoPatientCard>(
    html`<shifo-patient-card lang="en" patient-id=${patientId} .client=${client}></shifo-patient-card>`,
  );
  await element.updateComplete;
  return element;
}

describe('<shifo-patient-card> pinfl', () => {
  it('finds the patient by PINFL through a POST body, never a URL, and never reflects it to an attribute', async () => {
    const token = await tokenFor('doctor');
    const requests: { url: string; method: string; body: string }[] = [];
    const client = createShifoClient({
      baseUrl: mockServerUrl,
      auth: () => token,
      fetch: async (request: Request) => {
        requests.push({ url: request.url, method: request.method, body: await request.clone().text() });
        return fetch(request);
      },
    });
    const element = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="en" .pinfl=${NODIRA_PINFL} .client=${client}></shifo-patient-card>`,
    );
    await element.updateComplete;
    expect(text(element)).to.contain('Karimova Nodira Anvarovna');
    expect(text(element)).to.contain('••••••••••0021');
    expect(text(element)).not.to.contain(NODIRA_PINFL);
    expect(element.hasAttribute('pinfl')).to.equal(false);
    expect(allAttributes(element)).not.to.contain(NODIRA_PINFL);
    expect(requests.some((r) => r.method === 'POST' && r.body.includes(NODIRA_PINFL))).to.equal(true);
    expect(requests.every((r) => !r.url.includes(NODIRA_PINFL))).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('says, in the user’s language, that no patient has an unknown PINFL', async () => {
    const client = await clientFor('doctor');
    const element = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="ru" .pinfl=${'31505851234567'} .client=${client}></shifo-patient-card>`,
    );
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(
      catalogs.ru['patient.no-patient-with-pinfl'],
    );
    await expect(element).to.be.accessible();
  });

  it('prefers patient-id when both are given', async () => {
    const client = await clientFor('doctor');
    const element = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card
        lang="en"
        patient-id="example-salim"
        .pinfl=${NODIRA_PINFL}
        .client=${client}
      ></shifo-patient-card>`,
    );
    await element.updateComplete;
    expect(text(element)).to.contain('Усманов Салим Салиевич');
    expect(text(element)).not.to.contain('Karimova');
  });
});

describe('<shifo-patient-card> PINFL reveal', () => {
  afterEach(() => {
    ShifoPatientCard.revealDurationMs = 30_000;
  });

  it('shows the full PINFL on Show, hides it on Hide, and the server records each reveal', async () => {
    const element = await card('example-nodira');
    const before = (await revealAudits('example-nodira')).total;
    const button = revealButton(element)!;
    expect(button.textContent!.trim()).to.equal(catalogs.en['patient.pinfl.show']);
    expect(button.getAttribute('aria-label')).to.equal(catalogs.en['patient.pinfl.show-label']);

    button.click();
    await until(() => text(element).includes(NODIRA_PINFL), 'the PINFL to be shown');
    expect(revealButton(element)!.textContent!.trim()).to.equal(catalogs.en['patient.pinfl.hide']);
    expect(text(element)).to.contain(catalogs.en['patient.pinfl.shown'].replace('{seconds}', '30'));
    expect(allAttributes(element)).not.to.contain(NODIRA_PINFL);
    await expect(element).to.be.accessible();

    const audits = await revealAudits('example-nodira');
    expect(audits.total).to.equal(before + 1);
    expect(audits.outcomes[0]).to.equal('success');

    revealButton(element)!.click();
    await element.updateComplete;
    expect(text(element)).not.to.contain(NODIRA_PINFL);
    expect(text(element)).to.contain('••••••••••0021');
    expect(text(element)).to.contain(catalogs.en['patient.pinfl.hidden']);
    await expect(element).to.be.accessible();
  });

  it('is keyboard usable and masks the PINFL again when the time is up, asking the server anew each time', async () => {
    ShifoPatientCard.revealDurationMs = 300;
    const element = await card('example-nodira');
    const before = (await revealAudits('example-nodira')).total;
    revealButton(element)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(element).includes(NODIRA_PINFL), 'the PINFL to be shown');
    await until(() => !text(element).includes(NODIRA_PINFL), 'the PINFL to be masked after the time-out', 5000);
    expect(text(element)).to.contain('••••••••••0021');
    // Nothing was kept: showing it again asks (and is audited) again.
    revealButton(element)!.focus();
    await sendKeys({ press: 'Space' });
    await until(() => text(element).includes(NODIRA_PINFL), 'the PINFL to be shown again');
    expect((await revealAudits('example-nodira')).total).to.equal(before + 2);
    await expect(element).to.be.accessible();
  });

  it('explains a refusal in the user’s language when the server will not reveal (consent)', async () => {
    const element = await card('pt-akmal-nazarov', 'doctor2');
    const before = await revealAudits('pt-akmal-nazarov');
    revealButton(element)!.click();
    await until(() => text(element).includes(catalogs.en['patient.pinfl.refused']), 'the refusal to be shown');
    expect(element.shadowRoot!.querySelector('.pinfl-value')!.textContent).to.match(/^•+\d{4}$/);
    const after = await revealAudits('pt-akmal-nazarov');
    expect(after.total).to.equal(before.total + 1);
    expect(after.outcomes[0]).not.to.equal('success');
    await expect(element).to.be.accessible();
  });

  it('offers no reveal when the patient has no PINFL', async () => {
    const element = await card('example-david');
    expect(text(element)).to.contain(catalogs.en['patient.no-pinfl']);
    expect(revealButton(element)).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('forgets a shown PINFL when the card switches to another patient', async () => {
    const element = await card('example-nodira');
    revealButton(element)!.click();
    await until(() => text(element).includes(NODIRA_PINFL), 'the PINFL to be shown');
    element.patientId = 'example-salim';
    await element.updateComplete;
    expect(text(element)).to.contain('Усманов Салим Салиевич');
    expect(text(element)).not.to.contain(NODIRA_PINFL);
    expect(revealButton(element)!.textContent!.trim()).to.equal(catalogs.en['patient.pinfl.show']);
    await expect(element).to.be.accessible();
  });
});
