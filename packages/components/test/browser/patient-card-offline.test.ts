import { expect, fixture, html } from '@open-wc/testing';
import { createShifoClient, offlineStorage, type ShifoClient } from '@shifo/sdk';
import '../../src/define.js';
import { catalogs } from '../../src/i18n/translate.js';
import type { ShifoPatientCard } from '../../src/patient-card/shifo-patient-card.js';
import { mockServerUrl, tokenFor, until } from './mock-server.js';

function text(card: ShifoPatientCard): string {
  return card.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

/** A client with the offline cache whose network can be cut: `connection.online = false` makes fetch fail. */
async function switchableClient(user: string): Promise<{ client: ShifoClient; connection: { online: boolean } }> {
  const token = await tokenFor(user);
  const connection = { online: true };
  const client = createShifoClient({
    baseUrl: mockServerUrl,
    auth: () => token,
    retry: false,
    // A fresh store per test: nothing cached by an earlier test (or run) can leak in.
    offline: offlineStorage({
      tenant: 'patient-card-offline-test',
      user: `${user}-${crypto.randomUUID()}`,
      autoFlush: false,
    }),
    fetch: (request: Request) =>
      connection.online ? fetch(request) : Promise.reject(new TypeError('Failed to fetch')),
  });
  return { client, connection };
}

function dataChanged(patientId?: string): void {
  window.dispatchEvent(
    new CustomEvent('shifo-data-changed', { bubbles: true, composed: true, detail: patientId ? { patientId } : {} }),
  );
}

describe('<shifo-patient-card> offline', function () {
  // Encrypting into IndexedDB and the reachability probe are slow on a loaded CI machine.
  this.timeout(30_000);

  it('keeps showing the last record read, marked stale with its age, and recovers on "Try again"', async () => {
    const { client, connection } = await switchableClient('doctor');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="en" patient-id="long-history" .client=${client}></shifo-patient-card>`,
    );
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[part="stale"]')).to.equal(null);
    const name = card.shadowRoot!.querySelector('[part="name"]')!.textContent!.trim();
    expect(text(card)).to.contain('Penicillin');

    connection.online = false;
    dataChanged('long-history');
    await until(() => card.shadowRoot!.querySelector('[part="stale"]') !== null, 'the stale banner');
    await card.updateComplete;
    const stale = card.shadowRoot!.querySelector<HTMLElement>('[part="stale"]')!;
    expect(stale.getAttribute('role')).to.equal('status');
    const [before, after] = catalogs.en['summary.stale'].split('{time}');
    expect(stale.textContent).to.contain(before);
    expect(stale.textContent).to.contain(after!.split('{relative}')[0]);
    // Intl.RelativeTimeFormat in English: "now", "5 seconds ago", …
    expect(stale.textContent).to.match(/\((now|\d+ seconds? ago|\d+ minutes? ago)\)/);
    expect(stale.textContent).to.match(/\d{1,2} \w+ \d{4} \d{2}:\d{2}/);
    // The old data is still there.
    expect(card.shadowRoot!.querySelector('[part="name"]')!.textContent!.trim()).to.equal(name);
    expect(text(card)).to.contain('Penicillin');
    await expect(card).to.be.accessible();

    connection.online = true;
    stale.querySelector('button')!.click();
    await until(() => card.shadowRoot!.querySelector('[part="stale"]') === null, 'the banner to go');
    expect(text(card)).to.contain('Penicillin');
    await expect(card).to.be.accessible();
  });

  it('writes the stale banner in Russian with Intl’s relative time', async () => {
    const { client, connection } = await switchableClient('doctor');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="ru" patient-id="example-nodira" .client=${client}></shifo-patient-card>`,
    );
    await card.updateComplete;
    connection.online = false;
    await card.refresh();
    const stale = card.shadowRoot!.querySelector('[part="stale"]')!;
    expect(stale.textContent).to.contain('Нет связи');
    expect(stale.textContent).to.match(/\((сейчас|\d+ секунд[уы]? назад|\d+ минут[уы]? назад)\)/);
    expect(stale.querySelector('button')!.textContent).to.equal(catalogs.ru['common.retry']);
    expect(text(card)).to.contain('Karimova Nodira Anvarovna');
    await expect(card).to.be.accessible();
  });

  it('says it in Uzbek words and keeps the banner view to one line with a short chip', async () => {
    const { client, connection } = await switchableClient('doctor');
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card
        lang="uz"
        view="banner"
        patient-id="example-nodira"
        .client=${client}
      ></shifo-patient-card>`,
    );
    await card.updateComplete;
    connection.online = false;
    await card.refresh();
    const chip = card.shadowRoot!.querySelector<HTMLElement>('[part="banner"] [part="stale"]');
    expect(chip, 'the offline note sits inside the banner line').to.not.equal(null);
    // Uzbek from the catalogs, not the "-4 s" that thin browser ICU data gives.
    expect(chip!.textContent).to.match(/^Aloqa yoʻq · \d+ (soniya|daqiqa) oldin$/);
    expect(chip!.title).to.contain('Aloqa yoʻq — yozuv');
    expect(card.shadowRoot!.querySelectorAll('[part="stale"]').length).to.equal(1);
    expect(text(card)).to.contain('Karimova Nodira Anvarovna');
    await expect(card).to.be.accessible();
  });

  it('shows the localized network error when nothing was cached', async () => {
    const { client, connection } = await switchableClient('doctor');
    connection.online = false;
    const card = await fixture<ShifoPatientCard>(
      html`<shifo-patient-card lang="uz" patient-id="example-salim" .client=${client}></shifo-patient-card>`,
    );
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[part="stale"]')).to.equal(null);
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(catalogs.uz['error.network']);
    await expect(card).to.be.accessible();
  });
});
