import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { outcomeOf } from './harness.js';
import { LAB, startQueueKit, THERAPIST, WAITING_ROOM, type QueueKit, type Ticket } from './queue-support.js';

interface Board {
  locationId: string;
  locationName: string;
  lastEventId: string | null;
  services: { serviceId: string; code: string; name: string; waitingCount: number; rooms: string[] }[];
  nowServing: Ticket[];
  waiting: Ticket[];
}

/** Everything that would identify a patient: names, PINFLs and other identifiers, ids. */
function identifyingStrings(kit: QueueKit, patientIds: string[]): string[] {
  const strings: string[] = [];
  for (const id of patientIds) {
    const patient = kit.h.server.state.store.read('Patient', id)!;
    strings.push(id);
    for (const name of (patient.name as { text?: string; family?: string; given?: string[] }[]) ?? []) {
      strings.push(...[name.text, name.family, ...(name.given ?? [])].filter((s): s is string => !!s));
    }
    for (const identifier of (patient.identifier as { value?: string }[]) ?? []) {
      if (identifier.value) strings.push(identifier.value);
    }
  }
  return strings;
}

describe('waiting-room board', () => {
  let kit: QueueKit;
  const patients = ['example-nodira', 'pt-dilnoza-yusupova', 'pt-zuhra-saidova'];
  let called: Ticket;
  let secondCall: Ticket;
  before(async () => {
    kit = await startQueueKit();
    for (const id of patients) {
      const patient = kit.h.server.state.store.read('Patient', id)!;
      const display = (patient.name as { text: string }[])[0]!.text;
      await kit.issue(THERAPIST, { patient: { reference: `Patient/${id}`, display }, note: `Bemor ${display}` });
    }
    await kit.issue(LAB, { priority: 'urgent' });
    called = (await (await kit.callNext(THERAPIST, '101')).json()) as Ticket;
    kit.clock.advanceMinutes(1);
    secondCall = (await (await kit.callNext(THERAPIST, 'loc-yunusobod-room-102')).json()) as Ticket;
  });
  after(() => kit.h.close());

  it('shows numbers and rooms: called first (latest call on top), then the waiting line', async () => {
    const response = await kit.get(`/queue/boards/${WAITING_ROOM}`, 'display');
    assert.equal(response.status, 200);
    const board = (await response.json()) as Board;
    kit.h.assertMatchesContract('getQueueBoard', response, board);
    assert.equal(board.locationId, WAITING_ROOM);
    assert.equal(board.locationName, 'Kutish zali');
    assert.deepEqual(
      board.nowServing.map((t) => [t.number, t.room]),
      [
        [secondCall.number, '102'],
        [called.number, '101'],
      ],
    );
    assert.deepEqual(
      board.waiting.map((t) => [t.number, t.position]),
      [
        ['TER-003', 1],
        ['LAB-001', 1],
      ],
    );
    const therapist = board.services.find((s) => s.serviceId === THERAPIST);
    assert.deepEqual(therapist, {
      serviceId: THERAPIST,
      code: 'TER',
      name: 'Oilaviy shifokor (terapevt)',
      waitingCount: 1,
      rooms: ['101', '102'],
    });
    assert.match(board.lastEventId ?? '', /^\d+$/);
  });

  it('never carries a name, PINFL, patient id, reference or staff note', async () => {
    const text = await (await kit.get(`/queue/boards/${WAITING_ROOM}`, 'display')).text();
    for (const secret of [...identifyingStrings(kit, patients), '40503855900021', 'Bemor']) {
      assert.ok(!text.includes(secret), `board leaks ${secret}`);
    }
    assert.ok(!text.includes('"patient"'));
    assert.ok(!text.includes('"appointment"'));
    assert.ok(!text.includes('Patient/'));
  });

  it('localises the location and service names', async () => {
    const response = await kit.get(`/queue/boards/${WAITING_ROOM}`, 'display', { 'Accept-Language': 'ru' });
    assert.equal(response.headers.get('content-language'), 'ru');
    const board = (await response.json()) as Board;
    assert.equal(board.locationName, 'Зал ожидания');
    assert.equal(board.services.find((s) => s.serviceId === LAB)?.name, 'Лаборатория (сдача крови)');
  });

  it("lets a display read only its own location's board", async () => {
    const other = await kit.get('/queue/boards/loc-tashkent-hospital-waiting-room', 'display');
    assert.equal(other.status, 403);
    kit.h.assertMatchesContract('getQueueBoard', other, await outcomeOf(other));
    const own = await kit.get('/queue/boards/loc-tashkent-hospital-waiting-room', 'display2');
    assert.equal(own.status, 200);
  });

  it('is readable by staff and patients (it holds no personal data)', async () => {
    for (const user of ['patient', 'registrar', 'doctor2', 'admin']) {
      assert.equal((await kit.get(`/queue/boards/${WAITING_ROOM}`, user)).status, 200, user);
    }
    assert.equal((await kit.get(`/queue/boards/${WAITING_ROOM}`, 'pharmacist')).status, 403);
  });

  it('answers 404 for an unknown location', async () => {
    const response = await kit.get('/queue/boards/loc-nowhere', 'registrar');
    assert.equal(response.status, 404);
    kit.h.assertMatchesContract('getQueueBoard', response, await outcomeOf(response));
  });
});
