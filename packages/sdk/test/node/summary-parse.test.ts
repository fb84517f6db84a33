import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { codingDisplay, createShifoClient, type ShifoClient } from '../../src/index.js';
import { parseSummary } from '../../src/summary/parse-summary.js';

async function clientFor(server: RunningMockServer, user: string): Promise<ShifoClient> {
  const response = await fetch(`${server.url}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  const token = ((await response.json()) as { access_token: string }).access_token;
  return createShifoClient({ baseUrl: server.url, auth: () => token, locale: 'en' });
}

describe('patients.summary() against the mock server', () => {
  let server: RunningMockServer;
  let doctor: ShifoClient;
  before(async () => {
    server = await startMockServer({ port: 0 });
    doctor = await clientFor(server, 'doctor');
  });
  after(() => server.close());

  it('parses the long history: critical allergy first, ICD-10 problems, dispensed quantities, flagged results', async () => {
    const summary = await doctor.patients.summary('long-history');
    assert.equal(summary.patient.id, 'long-history');
    const { allergies, problems, medications, results, vitalSigns, encounters } = summary.sections;
    assert.equal(allergies.entries[0]?.criticality, 'high');
    assert.equal(codingDisplay(allergies.entries[0]?.code, 'en'), 'Penicillin');
    assert.ok(allergies.entries[0]!.reactions.flatMap((r) => r.manifestations).length >= 2);
    assert.ok(problems.entries.length > 0 && problems.entries.every((p) => /^[A-Z]\d{2}(\.\d+)?$/.test(p.icd10 ?? '')));
    assert.ok(medications.entries.length > 0);
    assert.ok(medications.entries.every((m) => m.prescribed?.value !== undefined && m.dispensed?.value !== undefined));
    assert.ok(medications.entries.some((m) => (m.dispensed?.value ?? 0) > 0 && m.dispenses.length > 0));
    // Panels carry their members, and members are not listed again at the top level.
    const panels = results.entries.filter((r) => r.members.length > 0);
    assert.ok(panels.length > 0);
    const memberIds = new Set(panels.flatMap((p) => p.members.map((m) => m.id)));
    assert.ok(results.entries.every((r) => !memberIds.has(r.id)));
    const leaves = [...results.entries, ...panels.flatMap((p) => p.members)].filter((r) => r.value);
    assert.ok(leaves.some((r) => r.interpretation === 'H'));
    assert.ok(leaves.every((r) => r.value?.system === 'http://unitsofmeasure.org'));
    assert.ok(leaves.some((r) => r.referenceRange?.low && r.referenceRange.high));
    const pressure = vitalSigns.entries.find((v) => v.key === '85354-9');
    assert.deepEqual(
      pressure?.components.map((c) => c.loinc),
      ['8480-6', '8462-4'],
    );
    assert.equal(new Set(vitalSigns.entries.map((v) => v.key)).size, vitalSigns.entries.length);
    assert.ok(encounters.entries.length > 0 && encounters.entries.every((e) => e.start));
    for (const section of Object.values(summary.sections)) assert.equal(section.emptyReason, undefined);
  });

  it('turns a "no known allergy" record into a none-known section, unlike a patient never asked', async () => {
    const bahodir = await doctor.patients.summary('pt-bahodir-toshmatov');
    assert.deepEqual(bahodir.sections.allergies.entries, []);
    assert.equal(bahodir.sections.allergies.emptyReason, 'nilknown');
    const malika = await doctor.patients.summary('pt-malika-ergasheva');
    assert.deepEqual(malika.sections.allergies.entries, []);
    assert.equal(malika.sections.allergies.emptyReason, 'notasked');
  });

  it('keeps allergies and marks the rest withheld when consent restricts a non-treating doctor', async () => {
    const doctor2 = await clientFor(server, 'doctor2');
    const summary = await doctor2.patients.summary('pt-akmal-nazarov');
    assert.ok(summary.sections.allergies.entries.length > 0);
    for (const key of ['problems', 'medications', 'results', 'vitalSigns', 'encounters'] as const) {
      assert.equal(summary.sections[key].emptyReason, 'withheld', key);
    }
  });

  it('masks national identifiers', async () => {
    const summary = await doctor.patients.summary('pt-bahodir-toshmatov');
    assert.ok((summary.patient.identifier ?? []).every((i) => !/\d{5}/.test(i.value ?? '')));
  });

  it('refuses a document that is not a summary', () => {
    assert.throws(() => parseSummary({ resourceType: 'Bundle', type: 'document', entry: [] } as never), TypeError);
  });
});
