// The demo HIS page. In a real HIS the access token comes from the HIS's own sign-in (OAuth with DHP's SSO);
// here the demo asks the mock server's dev-only admin API for one, standing in for that session.
import '@shifo/components/define.js';
import type { ShifoPatientCard, ShifoProvider } from '@shifo/components';
import { displayName, isShifoError } from '@shifo/sdk';

const MOCK_URL = new URLSearchParams(location.search).get('server') ?? 'http://127.0.0.1:4010';
const todaysPatients = ['example-nodira', 'example-salim', 'example-david'];

const provider = document.querySelector<ShifoProvider>('#shifo')!;
const card = document.querySelector<ShifoPatientCard>('#card')!;
const userSelect = document.querySelector<HTMLSelectElement>('#user')!;
const languageSelect = document.querySelector<HTMLSelectElement>('#language')!;
const findForm = document.querySelector<HTMLFormElement>('#find')!;
const findStatus = document.querySelector<HTMLElement>('#find-status')!;
const todayList = document.querySelector<HTMLUListElement>('#today')!;

let token: Promise<string> | undefined;

async function signIn(user: string): Promise<string> {
  const response = await fetch(`${MOCK_URL}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`Sign-in failed (${response.status})`);
  return ((await response.json()) as { access_token: string }).access_token;
}

function useSession(user: string): void {
  token = signIn(user);
  // A new function identity makes the provider build a fresh client for the new session.
  provider.getAccessToken = () => token;
  provider.baseUrl = MOCK_URL;
}

function choosePatient(id: string): void {
  card.patientId = id;
  for (const button of todayList.querySelectorAll('button')) {
    button.setAttribute('aria-current', String(button.dataset.patientId === id));
  }
}

async function renderTodaysList(): Promise<void> {
  const client = provider.effectiveClient;
  if (!client) return;
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
    client.patients
      .get(id)
      .then((patient) => (button.textContent = displayName(patient) ?? id))
      .catch(() => (button.textContent = `${id} (—)`));
  }
  choosePatient(card.patientId ?? todaysPatients[0]!);
}

findForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const pinfl = new FormData(findForm).get('pinfl')?.toString().trim() ?? '';
  const client = provider.effectiveClient;
  if (!client || !pinfl) return;
  findStatus.textContent = '…';
  try {
    const patient = await client.patients.findByPinfl(pinfl);
    findStatus.textContent = patient ? '' : 'Topilmadi / Не найден';
    if (patient?.id) choosePatient(patient.id);
  } catch (error) {
    findStatus.textContent = isShifoError(error) ? error.message : String(error);
  }
});

userSelect.addEventListener('change', () => {
  useSession(userSelect.value);
  void renderTodaysList();
});
languageSelect.addEventListener('change', () => {
  document.documentElement.lang = languageSelect.value;
});

useSession(userSelect.value);
void provider.updateComplete.then(renderTodaysList);
