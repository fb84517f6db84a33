import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  auditCount,
  auditEventsSince,
  FhirClient,
  ids,
  PINFL_SYSTEM,
  shifoCodes,
  type Outcome,
  type Resource,
  type Searchset,
} from './fhir-support.js';
import { startHarness, type Harness } from './harness.js';

type Observation = Resource & { effectiveDateTime: string; subject: { reference: string } };

describe('FHIR search', () => {
  let h: Harness;
  let fhir: FhirClient;
  let doctor: string;
  /** long-history's observations as stored, for expectations computed independently of the search code. */
  let history: Observation[];

  before(async () => {
    h = await startHarness();
    fhir = new FhirClient(h);
    doctor = await h.tokenFor('doctor');
    history = [...h.server.state.store.all('Observation')].filter(
      (o) => (o.subject as { reference?: string } | undefined)?.reference === 'Patient/long-history',
    ) as Observation[];
  });
  after(() => h.close());

  const list = (query: string, token = doctor) => fhir.get<Searchset>(query, token);

  describe('paging', () => {
    it("walks every page of long-history's observations: as many as `total`, none twice", async () => {
      let url: string | undefined = '/fhir/Observation?patient=long-history&_count=100';
      const seen: string[] = [];
      let total = -1;
      let pages = 0;
      while (url) {
        const answer = await list(url);
        assert.equal(answer.status, 200);
        if (pages === 0) h.assertMatchesContract('listObservations', answer.response, answer.body);
        total = answer.body.total;
        seen.push(...ids(answer.body));
        pages += 1;
        if (pages > 1) assert.ok(answer.body.link.some((link) => link.relation === 'previous'));
        const next = answer.body.link.find((link) => link.relation === 'next')?.url;
        url = next === undefined ? undefined : next.slice(h.url.length);
      }
      assert.ok(history.length >= 2000, 'long-history has 2,000+ observations');
      assert.equal(total, history.length);
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total, 'no observation appears twice');
      assert.equal(pages, Math.ceil(total / 100));
    });

    it('pages by 20 unless told otherwise, and refuses _count above 100', async () => {
      const page = await list('/fhir/Observation?patient=long-history');
      assert.equal(page.body.entry.length, 20);
      const last = page.body.link.find((link) => link.relation === 'last')?.url ?? '';
      assert.match(last, new RegExp(`_page=${Math.ceil(history.length / 20)}`));
      const tooMany = await list('/fhir/Observation?patient=long-history&_count=101');
      assert.equal(tooMany.status, 400);
    });

    it('answers an empty page past the end, still with the total', async () => {
      const answer = await list('/fhir/Condition?patient=pt-dilnoza-yusupova&_page=9');
      assert.equal(answer.status, 200);
      assert.equal(answer.body.total, 3);
      assert.deepEqual(answer.body.entry, []);
      assert.ok(!answer.body.link.some((link) => link.relation === 'next'));
    });
  });

  describe('POST _search', () => {
    let pinfl: string;
    before(() => {
      const patient = h.server.state.store.read('Patient', 'long-history');
      const identifiers = (patient?.identifier ?? []) as { system?: string; value?: string }[];
      pinfl = identifiers.find((identifier) => identifier.system === PINFL_SYSTEM)?.value ?? '';
      assert.match(pinfl, /^\d{14}$/);
    });

    it('finds by the patient’s PINFL; paging links carry only _page and _count; re-POSTing the form pages on', async () => {
      const form = { 'patient:identifier': `${PINFL_SYSTEM}|${pinfl}`, _count: '50' };
      const first = await fhir.search('Observation', form, doctor);
      assert.equal(first.status, 200);
      h.assertMatchesContract('searchObservations', first.response, first.body);
      assert.equal(first.body.total, history.length);
      for (const link of first.body.link) {
        assert.ok(!link.url.includes(pinfl), `${link.relation} link carries no PINFL`);
        assert.deepEqual([...new URL(link.url).searchParams.keys()].sort(), ['_count', '_page']);
      }
      const next = new URL(first.body.link.find((link) => link.relation === 'next')?.url ?? '');
      assert.equal(next.pathname, '/fhir/Observation/_search');
      const second = await fhir.search('Observation', form, doctor, next.search);
      assert.equal(second.status, 200);
      assert.equal(second.body.total, first.body.total);
      const overlap = ids(second.body).filter((id) => ids(first.body).includes(id));
      assert.deepEqual(overlap, [], 'page 2 shows other observations than page 1');
      assert.equal(second.body.link.find((link) => link.relation === 'self')?.url.includes('_page=2'), true);
    });

    it('writes one AuditEvent for a search, naming the patient but never the criteria', async () => {
      const from = auditCount(h);
      await fhir.search('Observation', { 'patient:identifier': `${PINFL_SYSTEM}|${pinfl}`, _count: '5' }, doctor);
      const events = auditEventsSince(h, from);
      assert.equal(events.length, 1);
      assert.equal((events[0]?.patient as { reference: string }).reference, 'Patient/long-history');
      assert.equal(events[0]?.action, 'E');
      assert.ok(!JSON.stringify(events).includes(pinfl), 'no PINFL in the audit trail');
    });

    it('refuses identifiers in the URL of a POST search too', async () => {
      const answer = await fhir.search('Patient', { family: 'Karimova' }, doctor, `?identifier=${pinfl}`);
      assert.equal(answer.status, 400);
      assert.deepEqual(shifoCodes(answer.body as unknown as Outcome), ['identifying-param-in-url']);
    });
  });

  describe('GET refuses identifying and unknown parameters', () => {
    for (const query of [
      '/fhir/Patient?identifier=https://dhp.uz/fhir/core/sid/pid/uz/ni|40503855900021',
      '/fhir/Condition?patient:identifier=40503855900021',
      '/fhir/Encounter?identifier=enc-1',
      '/fhir/Organization?name=40503855900021',
    ]) {
      it(`400 identifying-param-in-url: ${query.split('?')[0]}`, async () => {
        const answer = await fhir.get<Outcome>(query, doctor);
        assert.equal(answer.status, 400);
        assert.deepEqual(shifoCodes(answer.body), ['identifying-param-in-url']);
        assert.ok(!JSON.stringify(answer.body).includes('40503855900021'), 'the answer does not echo the value');
      });
    }

    it('allows public registry numbers where the contract declares them (organisations)', async () => {
      const answer = await list('/fhir/Organization?identifier=https://dhp.uz/fhir/core/sid/org/uz/soliq|207154321');
      assert.equal(answer.status, 200);
      assert.deepEqual(ids(answer.body), ['org-yunusobod-polyclinic']);
    });

    it('400 for a parameter the operation does not declare, naming it', async () => {
      const answer = await fhir.get<Outcome>('/fhir/Observation?patiet=long-history', doctor);
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body.issue[0]?.expression, ['patiet']);
    });

    it('400 when a Patient search names no criterion', async () => {
      const answer = await fhir.get<Outcome>('/fhir/Patient?_count=5', doctor);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.issue[0]?.code, 'required');
    });
  });

  describe('token parameters', () => {
    const conditions = (code: string) =>
      list(`/fhir/Condition?patient=pt-dilnoza-yusupova&code=${encodeURIComponent(code)}`);

    it('system|code, code alone, |code (no system) and comma for OR', async () => {
      assert.deepEqual(ids((await conditions('http://hl7.org/fhir/sid/icd-10|J45.0')).body), [
        'cond-dilnoza-yusupova-01',
      ]);
      assert.deepEqual(ids((await conditions('J45.0')).body), ['cond-dilnoza-yusupova-01']);
      assert.deepEqual(ids((await conditions('|J45.0')).body), [], 'the stored coding has a system');
      assert.deepEqual(ids((await conditions('http://loinc.org|J45.0')).body), []);
      assert.deepEqual(ids((await conditions('J45.0,J30.1')).body).sort(), [
        'cond-dilnoza-yusupova-01',
        'cond-dilnoza-yusupova-02',
      ]);
    });

    it('matches CodeableConcept statuses and plain codes', async () => {
      const resolved = await list('/fhir/Condition?patient=pt-dilnoza-yusupova&clinical-status=resolved');
      assert.deepEqual(ids(resolved.body), ['cond-dilnoza-yusupova-03']);
      const vitals = await list('/fhir/Observation?patient=long-history&category=vital-signs&code=8867-4&_count=1');
      const expected = history.filter((o) => JSON.stringify(o.code).includes('"8867-4"')).length;
      assert.equal(vitals.body.total, expected);
    });
  });

  describe('reference parameters', () => {
    it('`patient=id` and `patient=Patient/id` find the same', async () => {
      const bare = await list('/fhir/Condition?patient=pt-dilnoza-yusupova');
      const typed = await list('/fhir/Condition?patient=Patient/pt-dilnoza-yusupova');
      assert.equal(bare.body.total, 3);
      assert.deepEqual(ids(typed.body), ids(bare.body));
    });

    it('follows _include to the referenced resources (search.mode include)', async () => {
      const answer = await list(
        '/fhir/MedicationRequest?patient=pt-dilnoza-yusupova&_include=MedicationRequest:medication&_count=5',
      );
      assert.equal(answer.status, 200);
      const included = answer.body.entry.filter((entry) => entry.search.mode === 'include');
      assert.ok(included.length > 0);
      assert.ok(included.every((entry) => entry.resource.resourceType === 'Medication'));
      const referenced = answer.body.entry
        .filter((entry) => entry.search.mode === 'match')
        .map((entry) => (entry.resource.medication as { reference?: { reference: string } }).reference?.reference);
      for (const entry of included) assert.ok(referenced.includes(`Medication/${entry.resource.id}`));
    });
  });

  describe('string parameters', () => {
    for (const family of ['Joʻrayev', "Jo'rayev", 'Jo`rayev', 'jo‘RAYEV', 'Jo’ra', 'Жўраев']) {
      it(`family=${family} finds Joʻrayev (apostrophe, case, prefix and script do not matter)`, async () => {
        const answer = await fhir.search('Patient', { family }, doctor);
        assert.ok(ids(answer.body).includes('pt-eldor-jorayev'));
      });
    }

    it('name matches any part of any name, Latin or Cyrillic', async () => {
      const cyrillic = await fhir.search('Patient', { name: 'Раҳимов Абдулла' }, doctor);
      const latin = await fhir.search('Patient', { name: 'rahimov abdulla' }, doctor);
      assert.ok(ids(cyrillic.body).includes('long-history'));
      assert.ok(ids(latin.body).includes('long-history'));
      const nobody = await fhir.search('Patient', { family: 'Zzyzx' }, doctor);
      assert.equal(nobody.body.total, 0);
    });

    it('finds medicines by INN in any language and by trade name', async () => {
      for (const name of ['amoxicillin', 'amoksitsillin', 'Амоксициллин', 'amoxil']) {
        const answer = await list(`/fhir/Medication?name=${encodeURIComponent(name)}`);
        assert.ok(ids(answer.body).includes('med-amoxicillin-500mg-cap'), name);
      }
    });
  });

  describe('date parameters', () => {
    const inYear = (o: Observation, year: string) => o.effectiveDateTime.startsWith(year);

    it('a year, and a range given as two parameters', async () => {
      const expected = history.filter((o) => inYear(o, '2020')).length;
      assert.ok(expected > 0);
      const year = await list('/fhir/Observation?patient=long-history&date=2020&_count=1');
      assert.equal(year.body.total, expected);
      const range = await list('/fhir/Observation?patient=long-history&date=ge2020-01-01&date=lt2021-01-01&_count=100');
      assert.equal(range.body.total, expected);
      for (const entry of range.body.entry) assert.ok(inYear(entry.resource as Observation, '2020'));
    });

    it('ne, gt, le', async () => {
      const in2020 = history.filter((o) => inYear(o, '2020')).length;
      const ne = await list('/fhir/Observation?patient=long-history&date=ne2020&_count=1');
      assert.equal(ne.body.total, history.length - in2020);
      const after = history.filter((o) => o.effectiveDateTime.slice(0, 4) > '2020').length;
      const gt = await list('/fhir/Observation?patient=long-history&date=gt2020&_count=1');
      assert.equal(gt.body.total, after);
      const le = await list('/fhir/Observation?patient=long-history&date=le2020&_count=1');
      assert.equal(le.body.total, history.length - after);
    });
  });

  describe('_sort', () => {
    const dates = (bundle: Searchset) => bundle.entry.map((entry) => (entry.resource as Observation).effectiveDateTime);

    it('-date: newest first; date: oldest first', async () => {
      const newest = dates((await list('/fhir/Observation?patient=long-history&_sort=-date&_count=100')).body);
      const oldest = dates((await list('/fhir/Observation?patient=long-history&_sort=date&_count=100')).body);
      const all = history.map((o) => Date.parse(o.effectiveDateTime)).sort((a, b) => a - b);
      assert.deepEqual(
        newest.map((d) => Date.parse(d)),
        [...all].reverse().slice(0, 100),
      );
      assert.deepEqual(
        oldest.map((d) => Date.parse(d)),
        all.slice(0, 100),
      );
    });

    it('_lastUpdated, and 400 for a key the type cannot sort by', async () => {
      const answer = await list('/fhir/Condition?patient=pt-dilnoza-yusupova&_sort=-_lastUpdated');
      const stamps = answer.body.entry.map((entry) => entry.resource.meta?.lastUpdated ?? '');
      assert.deepEqual(stamps, [...stamps].sort().reverse());
      const bad = await fhir.get<Outcome>('/fhir/Condition?patient=pt-dilnoza-yusupova&_sort=colour', doctor);
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.issue[0]?.expression, ['_sort']);
    });
  });

  it('leaves entered-in-error conditions out unless asked for', async () => {
    const current = h.server.state.store.read('Condition', 'cond-dilnoza-yusupova-02')!;
    const retired = {
      ...current,
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }],
      },
    };
    const updated = await fhir.update(retired, doctor, `W/"${current.meta?.versionId}"`);
    assert.equal(updated.status, 200);
    const plain = await list('/fhir/Condition?patient=pt-dilnoza-yusupova');
    assert.ok(!ids(plain.body).includes('cond-dilnoza-yusupova-02'));
    const asked = await list('/fhir/Condition?patient=pt-dilnoza-yusupova&verification-status=entered-in-error');
    assert.deepEqual(ids(asked.body), ['cond-dilnoza-yusupova-02']);
  });
});
