// The demo HIS page. In a real HIS the access token comes from the HIS's own sign-in (OAuth with DHP's SSO);
// here the demo asks the mock server's dev-only admin API for one, standing in for that session.
import '@shifo/components/define.js';
import type { ShifoPatientCard, ShifoProvider } from '@shifo/components';
import { createShifoClient, describeError, displayName, offlineStorage, type ShifoClient } from '@shifo/sdk';

const MOCK_URL = new URLSearchParams(location.search).get('server') ?? 'http://127.0.0.1:4010';
const todaysPatients = ['pt-dilnoza-yusupova', 'example-nodira', 'example-salim', 'example-david', 'long-history'];

const provider = document.querySelector<ShifoProvider>('#shifo')!;
const cards = [...document.querySelectorAll<ShifoPatientCard>('shifo-patient-card')];
const userSelect = document.querySelector<HTMLSelectElement>('#user')!;
const languageSelect = document.querySelector<HTMLSelectElement>('#language')!;
const offlineSwitch = document.querySelector<HTMLInputElement>('#offline')!;
const outboxStatus = document.querySelector<HTMLElement>('#outbox')!;
const todayList = document.querySelector<HTMLUListElement>('#today')!;
const ticketButton = document.querySelector<HTMLButtonElement>('#ticket')!;
const ticketStatus = document.querySelector<HTMLOutputElement>('#ticket-status')!;

let client: ShifoClient | undefined;

async function signIn(user: string): Promise<string> {
  const response = await fetch(`${MOCK_URL}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`Sign-in failed (${response.status})`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The network as the page sees it: the "no connection" switch makes every request fail as a cut cable would. */
function demoFetch(request: Request): Promise<Response> {
  if (offlineSwitch.checked) return Promise.reject(new TypeError('Failed to fetch'));
  return fetch(request);
}

async function showOutbox(): Promise<void> {
  const waiting = (await client?.offline?.outbox.pending())?.length ?? 0;
  outboxStatus.hidden = waiting === 0;
  outboxStatus.textContent = `Yuborilishini kutmoqda: ${waiting}`;
}

/** One client per signed-in user, with its own encrypted offline outbox and summary cache. */
function useSession(user: string): void {
  client?.close();
  const token = signIn(user);
  client = createShifoClient({
    baseUrl: MOCK_URL,
    auth: () => token,
    locale: () => document.documentElement.lang,
    fetch: demoFetch,
    offline: offlineStorage({ tenant: 'demo-polyclinic-12', user }),
  });
  client.offline?.outbox.addEventListener('changed', () => void showOutbox());
  provider.client = client;
  void showOutbox();
}

function choosePatient(id: string): void {
  for (const card of cards) card.patientId = id;
  for (const button of todayList.querySelectorAll('button')) {
    button.setAttribute('aria-current', String(button.dataset.patientId === id));
  }
}

function renderTodaysList(): void {
  todayList.replaceChildren();
  for (const id of todaysPatients) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.patientId = id;
    button.textContent = id;
    button.addEventListener('click', () => choosePatient(id));
    item.append(button);
    todayList.append(item);
    client?.patients
      .get(id)
      .then((patient) => (button.textContent = displayName(patient) ?? id))
      .catch(() => (button.textContent = `${id} (—)`));
  }
  choosePatient(cards[0]?.patientId ?? todaysPatients[0]!);
}

/** A write that survives a cut cable: offline, the ticket waits (encrypted) in the outbox and goes when it can. */
ticketButton.addEventListener('click', async () => {
  const patientId = cards[0]?.patientId;
  if (!client || !patientId) return;
  ticketStatus.textContent = '…';
  try {
    const result = await client.queue.issueTicket('qs-yunusobod-therapist', { patientId });
    ticketStatus.textContent =
      result.status === 'sent'
        ? `Navbat raqami: ${result.resource.number}`
        : 'Aloqa yoʻq: navbat yozib qoʻyildi, aloqa tiklanganda yuboriladi';
  } catch (error) {
    ticketStatus.textContent = describeError(error, document.documentElement.lang);
  }
});

document.addEventListener('shifo-patient-select', (event) => {
  choosePatient((event as CustomEvent<{ patientId: string }>).detail.patientId);
});
userSelect.addEventListener('change', () => {
  useSession(userSelect.value);
  renderTodaysList();
});
languageSelect.addEventListener('change', () => {
  document.documentElement.lang = languageSelect.value;
});
offlineSwitch.addEventListener('change', () => {
  // Back online: ask at once instead of waiting for the backed-off probe.
  if (!offlineSwitch.checked) void client?.offline?.reachability.check();
});

useSession(userSelect.value);
renderTodaysList();
