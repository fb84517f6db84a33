import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startQueueKit, THERAPIST, type QueueKit } from './queue-support.js';

interface Bundle {
  resourceType: 'Bundle';
  total?: number;
  entry?: { resource: Record<string, unknown> }[];
}

describe('bookable slots', () => {
  let kit: QueueKit;
  before(async () => {
    kit = await startQueueKit();
  });
  after(() => kit.h.close());

  it('are generated from every schedule block of every service for the next 14 days', () => {
    const { state } = kit.h.server;
    const slots = [...state.store.all('Slot')];
    let expected = 0;
    for (const service of state.seed.queueServices) {
      for (const block of service.schedules) {
        const [sh = 0, sm = 0] = block.start.split(':').map(Number);
        const [eh = 0, em = 0] = block.end.split(':').map(Number);
        expected += Math.floor((eh * 60 + em - (sh * 60 + sm)) / block.slotMinutes);
      }
    }
    assert.equal(slots.length, expected);
    assert.ok(slots.length > 2000, `${slots.length} slots`);
    const days = new Set(slots.map((s) => String(s.start).slice(0, 10)));
    assert.equal(days.size, 12, '14 days without the two Sundays');
    assert.ok([...days].every((d) => d >= '2026-03-12' && d <= '2026-03-25'));
    assert.ok(slots.every((s) => s.status === 'free'));
    assert.ok(
      slots.every((s) => !s.meta?.profile),
      'UZ Core has no Slot profile: no meta.profile',
    );
  });

  it('read back as FHIR Slots with the service, the practitioner and the room', async () => {
    const id = 'slot-yunusobod-therapist-20260312-0930-101';
    const response = await kit.get(`/fhir/Slot/${id}`, 'patient');
    assert.equal(response.status, 200);
    const slot = (await response.json()) as Record<string, unknown>;
    kit.h.assertMatchesContract('readSlot', response, slot);
    assert.deepEqual(
      { start: slot.start, end: slot.end, status: slot.status, schedule: slot.schedule },
      {
        start: '2026-03-12T09:30:00+05:00',
        end: '2026-03-12T09:45:00+05:00',
        status: 'free',
        schedule: { reference: `Schedule/${THERAPIST}`, display: 'Oilaviy shifokor (terapevt)' },
      },
    );
    const extensions = slot.extension as { url: string; valueReference: { reference: string } }[];
    assert.deepEqual(
      extensions.map((e) => e.valueReference.reference),
      ['PractitionerRole/prole-f1-gp1', 'Location/loc-yunusobod-room-101'],
    );
  });

  it('are found by schedule, status and start, sorted by start', async () => {
    const query = new URLSearchParams([
      ['schedule', THERAPIST],
      ['status', 'free'],
      ['start', 'ge2026-03-12T10:00:00+05:00'],
      ['start', 'lt2026-03-13'],
      ['_sort', 'start'],
      ['_count', '100'],
    ]);
    const response = await kit.get(`/fhir/Slot?${query}`, 'patient');
    assert.equal(response.status, 200);
    const bundle = (await response.json()) as Bundle;
    kit.h.assertMatchesContract('listSlots', response, bundle);
    const starts = (bundle.entry ?? []).map((e) => String(e.resource.start));
    // 10:00–14:00 in room 101 and 11:00–17:00 in room 102, every 15 minutes.
    assert.equal(starts.length, 16 + 24);
    assert.equal(starts[0], '2026-03-12T10:00:00+05:00');
    assert.deepEqual(starts, [...starts].sort());
    assert.ok(
      (bundle.entry ?? []).every(
        (e) => (e.resource.schedule as { reference: string }).reference === `Schedule/${THERAPIST}`,
      ),
    );
  });

  it('are found by SNOMED service type', async () => {
    const response = await kit.get(
      '/fhir/Slot?service-type=394579002&start=ge2026-03-12&start=lt2026-03-13&_count=100',
      'registrar2',
    );
    assert.equal(response.status, 200);
    const bundle = (await response.json()) as Bundle;
    const schedules = new Set(
      (bundle.entry ?? []).map((e) => (e.resource.schedule as { reference: string }).reference),
    );
    assert.deepEqual([...schedules], ['Schedule/qs-tashkent-hospital-cardiologist']);
  });
});
