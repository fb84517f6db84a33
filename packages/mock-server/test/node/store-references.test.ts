import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResourceStore } from '../../src/store/resource-store.js';

describe('ResourceStore.referencing', () => {
  it('finds the resources of a type that refer to a target, in any reference form and at any depth', () => {
    const store = new ResourceStore();
    store.put({
      resourceType: 'MedicationDispense',
      id: 'd1',
      authorizingPrescription: [{ reference: 'MedicationRequest/rx1' }],
    });
    store.put({
      resourceType: 'MedicationDispense',
      id: 'd2',
      authorizingPrescription: [{ reference: 'https://dhp.uz/fhir/MedicationRequest/rx1/_history/3' }],
    });
    store.put({
      resourceType: 'MedicationDispense',
      id: 'd3',
      authorizingPrescription: [{ reference: 'MedicationRequest/rx2' }],
    });
    store.put({ resourceType: 'Observation', id: 'o1', basedOn: [{ reference: 'MedicationRequest/rx1' }] });
    store.put({ resourceType: 'MedicationDispense', id: 'd4', contained: [{ reference: 'MedicationRequest/rx1' }] });
    const ids = [...store.referencing('MedicationDispense', 'MedicationRequest/rx1')].map((r) => r.id).sort();
    assert.deepEqual(ids, ['d1', 'd2']);
  });

  it('yields the current version, and forgets everything on clear()', () => {
    const store = new ResourceStore();
    store.put({ resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/p1' }, note: 'v1' });
    store.put({ resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/p1' }, note: 'v2' });
    const found = [...store.referencing('AllergyIntolerance', 'Patient/p1')];
    assert.equal(found.length, 1);
    assert.equal(found[0]?.note, 'v2');
    store.clear();
    assert.equal([...store.referencing('AllergyIntolerance', 'Patient/p1')].length, 0);
  });

  it('indexes resources restored from a journal and seeded in bulk', () => {
    const store = new ResourceStore();
    store.putAll([{ resourceType: 'Appointment', id: 'ap1', slot: [{ reference: 'Slot/s1' }] }]);
    store.restore({
      resourceType: 'Appointment',
      id: 'ap2',
      meta: { versionId: '1' },
      slot: [{ reference: 'Slot/s1' }],
    });
    assert.deepEqual([...store.referencing('Appointment', 'Slot/s1')].map((r) => r.id).sort(), ['ap1', 'ap2']);
  });
});
