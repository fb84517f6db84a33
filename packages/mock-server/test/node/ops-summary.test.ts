import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_RESULTS } from '../../src/fhir/operations/summary/section-content.js';
import { outcomeOf, startHarness, type Harness } from './harness.js';
import { call, resourcesOf, sectionsOf, shifoCode, type Bundle, type Resource } from './ops-support.js';

const LOINC = 'http://loinc.org';
const EMPTY_REASON = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';
const PINFL = 'https://dhp.uz/fhir/core/sid/pid/uz/ni';
const DISPENSED = 'https://shifo.uz/fhir/StructureDefinition/dispensed-quantity';
const SECTION_CODES = ['48765-2', '11450-4', '10160-0', '30954-2', '8716-3', '46240-8'];
const [ALLERGIES, PROBLEMS, MEDICATIONS, RESULTS, VITALS, ENCOUNTERS] = SECTION_CODES as [
  string,
  string,
  string,
  string,
  string,
  string,
];

function when(resource: Resource): string {
  const value =
    resource.effectiveDateTime ??
    (resource.actualPeriod as { start?: string } | undefined)?.start ??
    resource.plannedStartDate;
  return String(value);
}

function codes(concept: unknown): string[] {
  const concepts = (Array.isArray(concept) ? concept : [concept]) as { coding?: { code?: string }[] }[];
  return concepts.flatMap((c) => (c?.coding ?? []).map((coding) => String(coding.code)));
}

function emptyReason(bundle: Bundle, code: string): string | undefined {
  return sectionsOf(bundle).get(code)?.emptyReason?.coding[0]?.code;
}

function referencesTo(patientId: string, resource: Readonly<Resource>): boolean {
  const ref = (resource.subject ?? resource.patient) as { reference?: string } | undefined;
  return ref?.reference === `Patient/${patientId}`;
}

describe('GET /fhir/Patient/{id}/$summary', () => {
  let h: Harness;
  let doctor: string;
  const summary = (id: string, token: string | null = doctor, query = '', headers: Record<string, string> = {}) =>
    call<Bundle>(h, `/fhir/Patient/${id}/$summary${query}`, token ?? undefined, { headers });

  before(async () => {
    h = await startHarness();
    doctor = await h.tokenFor('doctor');
  });
  after(() => h.close());

  it('is a document Bundle: Composition first (LOINC 60591-5), the six IPS sections in order, then the resources', async () => {
    const { response, body } = await summary('pt-dilnoza-yusupova');
    assert.equal(response.status, 200);
    h.assertMatchesContract('getPatientSummary', response, body);
    assert.equal(body.type, 'document');
    const composition = body.entry![0]!.resource!;
    assert.equal(composition.resourceType, 'Composition');
    assert.deepEqual(codes(composition.type), ['60591-5']);
    assert.deepEqual(composition.subject, [{ reference: 'Patient/pt-dilnoza-yusupova' }]);
    const sections = composition.section as { code: { coding: { system: string; code: string }[] } }[];
    assert.deepEqual(
      sections.map((s) => `${s.code.coding[0]!.system}|${s.code.coding[0]!.code}`),
      SECTION_CODES.map((code) => `${LOINC}|${code}`),
    );
    // Every section reference resolves to an entry of the document, and every entry is referenced.
    const resources = resourcesOf(body);
    const referenced = new Set([...sectionsOf(body).values()].flatMap((s) => (s.entry ?? []).map((e) => e.reference)));
    for (const reference of referenced) assert.ok(resources.has(reference), `${reference} is in the document`);
    for (const key of resources.keys()) {
      if (key.startsWith('Composition/') || key === 'Patient/pt-dilnoza-yusupova') continue;
      assert.ok(referenced.has(key), `${key} belongs to a section`);
    }
    assert.ok(response.headers.get('last-modified'));
  });

  it('keeps the 3,000-observation patient small: 12 months of results, newest first, with ranges and flags', async () => {
    const { response, body } = await summary('long-history');
    assert.equal(response.status, 200);
    h.assertMatchesContract('getPatientSummary', response, body);
    const stored = [...h.server.state.store.all('Observation')].filter((o) => referencesTo('long-history', o));
    assert.ok(stored.length >= 2000, 'the seed gives long-history thousands of observations');
    assert.ok(body.entry!.length < 600, `${body.entry!.length} entries, not thousands`);

    const since = new Date(h.server.state.now());
    since.setUTCFullYear(since.getUTCFullYear() - 1);
    const resources = resourcesOf(body);
    const results = sectionsOf(body)
      .get(RESULTS)!
      .entry!.map((e) => resources.get(e.reference)!);
    assert.ok(results.length > 20);
    const times = results.map((r) => Date.parse(when(r)));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    for (const result of results) {
      assert.ok(codes(result.category).includes('laboratory'));
      assert.ok(when(result).slice(0, 10) >= since.toISOString().slice(0, 10), 'inside the default 12 months');
    }
    const valued = results.filter((r) => r.valueQuantity !== undefined);
    assert.ok(
      valued.every((r) => Array.isArray(r.referenceRange)),
      'every value has its reference range',
    );
    assert.ok(
      valued.some((r) => r.interpretation !== undefined),
      'high/low flags travel with the values',
    );
  });

  it('caps a long _since window at the newest results and says how many there were', async () => {
    const { response, body } = await summary('long-history', doctor, '?_since=2010');
    assert.equal(response.status, 200);
    const section = sectionsOf(body).get(RESULTS)!;
    assert.ok(section.entry!.length >= MAX_RESULTS && section.entry!.length < MAX_RESULTS + 20);
    const total = [...h.server.state.store.all('Observation')].filter(
      (o) => referencesTo('long-history', o) && codes(o.category).includes('laboratory'),
    ).length;
    assert.ok(total > MAX_RESULTS);
    assert.match(section.text!.div, new RegExp(`\\b${total}\\b`));
  });

  it('shows the latest vital sign per LOINC code', async () => {
    const { body } = await summary('long-history');
    const resources = resourcesOf(body);
    const vitals = sectionsOf(body)
      .get(VITALS)!
      .entry!.map((e) => resources.get(e.reference)!);
    const vitalCodes = vitals.map((v) => codes(v.code)[0]);
    assert.equal(new Set(vitalCodes).size, vitalCodes.length, 'one per code');
    assert.ok(vitalCodes.includes('85354-9'), 'blood pressure panel');
    for (const vital of vitals) {
      const newer = [...h.server.state.store.all('Observation')].filter(
        (o) =>
          referencesTo('long-history', o) &&
          codes(o.category).includes('vital-signs') &&
          codes(o.code)[0] === codes(vital.code)[0] &&
          Date.parse(when(o)) > Date.parse(when(vital)),
      );
      assert.equal(newer.length, 0, `no newer ${codes(vital.code)[0]}`);
    }
  });

  it('lists active problems (ICD-10), active prescriptions with what was dispensed, and recent encounters', async () => {
    const { body } = await summary('pt-bahodir-toshmatov');
    const resources = resourcesOf(body);
    const sections = sectionsOf(body);
    const problems = sections.get(PROBLEMS)!.entry!.map((e) => resources.get(e.reference)!);
    assert.ok(problems.length > 0);
    for (const problem of problems) {
      assert.ok(codes(problem.clinicalStatus).includes('active'));
      assert.ok(
        (problem.code as { coding: { system: string }[] }).coding.some(
          (c) => c.system === 'http://hl7.org/fhir/sid/icd-10',
        ),
      );
    }
    const medications = sections.get(MEDICATIONS)!.entry!.map((e) => resources.get(e.reference)!);
    const requests = medications.filter((r) => r.resourceType === 'MedicationRequest');
    assert.ok(requests.every((r) => r.status === 'active' || r.status === 'on-hold'));

    const partial = h.server.state.seed.scenarios.partiallyDispensedRequests.find((id) => id.includes('bahodir'))!;
    const request = resources.get(`MedicationRequest/${partial}`)!;
    const dispensed = [...h.server.state.store.all('MedicationDispense')]
      .filter(
        (d) =>
          d.status === 'completed' &&
          (d.authorizingPrescription as { reference: string }[]).some(
            (r) => r.reference === `MedicationRequest/${partial}`,
          ),
      )
      .reduce((sum, d) => sum + (d.quantity as { value: number }).value, 0);
    const extension = (request.extension as { url: string; valueQuantity: { value: number } }[]).find(
      (e) => e.url === DISPENSED,
    );
    assert.ok(dispensed > 0);
    assert.equal(extension?.valueQuantity.value, dispensed);
    assert.ok(dispensed < (request.dispenseRequest as { quantity: { value: number } }).quantity.value, 'partial');
    assert.ok(
      medications.some((r) => r.resourceType === 'MedicationDispense'),
      'the dispenses themselves are in the section',
    );
    // The prescription as stored is untouched: the dispensed quantity exists only in the summary.
    assert.equal(h.server.state.store.read('MedicationRequest', partial)?.extension, undefined);

    const encounters = sections.get(ENCOUNTERS)!.entry!.map((e) => resources.get(e.reference)!);
    const times = encounters.map((e) => Date.parse(when(e)));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  it('tells "no known allergies" (an entry coded SNOMED 716186003) from "no information" (emptyReason notasked)', async () => {
    const bahodir = (await summary('pt-bahodir-toshmatov')).body;
    const section = sectionsOf(bahodir).get(ALLERGIES)!;
    assert.equal(section.emptyReason, undefined);
    assert.equal(section.entry?.length, 1);
    const statement = resourcesOf(bahodir).get(section.entry![0]!.reference)!;
    assert.deepEqual(codes(statement.code), ['716186003']);

    const malika = (await summary('pt-malika-ergasheva')).body;
    const empty = sectionsOf(malika).get(ALLERGIES)!;
    assert.equal(empty.entry, undefined);
    assert.deepEqual(empty.emptyReason?.coding[0], { system: EMPTY_REASON, code: 'notasked', display: 'Not Asked' });
    assert.equal(h.server.state.seed.scenarios.noAllergyInformation, 'pt-malika-ergasheva');
  });

  it('says "none known" (nilknown) when allergies were recorded but none is current', async () => {
    assert.equal(emptyReason((await summary('pt-passport-only')).body, ALLERGIES), 'notasked');
    const created = await call(h, '/fhir/AllergyIntolerance', doctor, {
      body: {
        resourceType: 'AllergyIntolerance',
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'resolved' }],
        },
        code: { coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin' }] },
        patient: { reference: 'Patient/pt-passport-only' },
      },
    });
    assert.equal(created.response.status, 201);
    const { body } = await summary('pt-passport-only');
    assert.equal(emptyReason(body, ALLERGIES), 'nilknown');
    assert.equal(emptyReason(body, PROBLEMS), 'notasked');
  });

  it('says "no information" (notasked), not "none known", when vital signs exist only before the window', async () => {
    // The UZ Core example Salim has one blood pressure, from November 2025.
    const narrow = await call(h, '/fhir/Patient/example-salim/$summary?_since=2026-01', doctor);
    assert.equal(emptyReason(narrow.body as Bundle, VITALS), 'notasked');
    const widened = await call(h, '/fhir/Patient/example-salim/$summary?_since=2020', doctor);
    assert.equal(widened.response.status, 200);
    assert.equal(emptyReason(widened.body as Bundle, VITALS), undefined, 'the older reading shows in a wider window');
  });

  it('masks national identifiers and labels the Patient MASKED; the stored Patient keeps them', async () => {
    const { body } = await summary('pt-bahodir-toshmatov');
    const patient = resourcesOf(body).get('Patient/pt-bahodir-toshmatov')!;
    const stored = h.server.state.store.read('Patient', 'pt-bahodir-toshmatov')!;
    const pinfl = (stored.identifier as { system: string; value: string }[]).find((i) => i.system === PINFL)!.value;
    const shown = (patient.identifier as { system: string; value: string }[]).find((i) => i.system === PINFL)!.value;
    assert.equal(shown, `${'•'.repeat(10)}${pinfl.slice(-4)}`);
    for (const identifier of patient.identifier as { system: string; value: string }[]) {
      assert.match(identifier.value, /^•+.{0,4}$/u, identifier.system);
    }
    assert.ok(patient.meta?.security?.some((s) => s.code === 'MASKED'));
    assert.ok(!JSON.stringify(body).includes(pinfl), 'the PINFL appears nowhere in the summary');
  });

  it('for a patient who refused sharing, staff not treating them get allergies only; the rest is withheld', async () => {
    const patientId = 'pt-akmal-nazarov';
    assert.ok(h.server.state.deniedPatients.has(patientId));
    const other = await h.tokenFor('doctor2');
    const read = await call(h, `/fhir/Patient/${patientId}`, other);
    assert.equal(read.response.status, 403, 'doctor2 does not treat this patient');
    assert.equal(shifoCode(read.body), 'consent-denied');

    const { response, body } = await summary(patientId, other);
    assert.equal(response.status, 200);
    h.assertMatchesContract('getPatientSummary', response, body);
    const sections = sectionsOf(body);
    assert.ok(sections.get(ALLERGIES)!.entry!.length > 0, 'allergies stay visible');
    for (const code of [PROBLEMS, MEDICATIONS, RESULTS, VITALS, ENCOUNTERS]) {
      assert.equal(emptyReason(body, code), 'withheld', code);
    }
    const types = new Set([...resourcesOf(body).values()].map((r) => r.resourceType));
    assert.deepEqual([...types].sort(), ['AllergyIntolerance', 'Composition', 'Patient']);

    // The treating facility sees everything.
    const full = (await summary(patientId)).body;
    assert.ok(sectionsOf(full).get(PROBLEMS)!.entry!.length > 0);
  });

  it('gives a pharmacist allergies, problems and medications only, and the minimal patient', async () => {
    const { response, body } = await summary('pt-dilnoza-yusupova', await h.tokenFor('pharmacist'));
    assert.equal(response.status, 200);
    assert.deepEqual([...sectionsOf(body).keys()], [ALLERGIES, PROBLEMS, MEDICATIONS]);
    const patient = resourcesOf(body).get('Patient/pt-dilnoza-yusupova')!;
    assert.equal(patient.address, undefined);
    assert.ok(patient.meta?.security?.some((s) => s.code === 'REDACTED'));
  });

  it('leaves out the sections the token has no scope for', async () => {
    const minted = await fetch(`${h.url}/__admin/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'doctor', scope: 'user/Patient.r user/AllergyIntolerance.r user/Condition.rs' }),
    });
    const { access_token: narrow } = (await minted.json()) as { access_token: string };
    const { response, body } = await summary('pt-dilnoza-yusupova', narrow);
    assert.equal(response.status, 200);
    assert.deepEqual([...sectionsOf(body).keys()], [ALLERGIES, PROBLEMS]);
    const types = new Set([...resourcesOf(body).values()].map((r) => r.resourceType));
    assert.deepEqual([...types].sort(), ['AllergyIntolerance', 'Composition', 'Condition', 'Patient']);
  });

  it('lets a patient read their own summary only', async () => {
    const patient = await h.tokenFor('patient');
    assert.equal((await summary('pt-dilnoza-yusupova', patient)).response.status, 200);
    const other = await summary('pt-bahodir-toshmatov', patient);
    assert.equal(other.response.status, 403);
    h.assertMatchesContract('getPatientSummary', other.response, other.body);
    assert.equal(shifoCode(other.body), 'not-own-record');
  });

  it('titles sections in the negotiated language', async () => {
    const { response, body } = await summary('pt-dilnoza-yusupova', doctor, '', { 'Accept-Language': 'ru, uz;q=0.5' });
    assert.equal(response.headers.get('content-language'), 'ru');
    assert.equal(body.entry![0]!.resource!.title, 'Сводка о пациенте');
    assert.equal(sectionsOf(body).get(ALLERGIES)!.title, 'Аллергии и непереносимость');
    const cyrillic = (await summary('pt-dilnoza-yusupova', doctor, '', { 'Accept-Language': 'uz-Cyrl' })).body;
    assert.equal(cyrillic.entry![0]!.resource!.title, 'Бемор хулосаси');
  });

  it('writes an AuditEvent for every summary, granted or refused', async () => {
    const audits = () =>
      [...h.server.state.store.all('AuditEvent')].filter(
        (a) => (a.patient as { reference?: string } | undefined)?.reference === 'Patient/pt-bahodir-toshmatov',
      );
    const before = audits().length;
    await summary('pt-bahodir-toshmatov');
    await summary('pt-bahodir-toshmatov', await h.tokenFor('patient'));
    const written = audits().slice(before);
    assert.deepEqual(
      written.map((a) => (a.outcome as { code: { code: string } }).code.code),
      ['success', 'error'],
    );
  });

  it('answers the documented errors: 401, 403 for a role without access, 404, 400 for a bad _since', async () => {
    const anonymous = await summary('pt-dilnoza-yusupova', null);
    assert.equal(anonymous.response.status, 401);
    h.assertMatchesContract('getPatientSummary', anonymous.response, anonymous.body);

    const registrar = await summary('pt-dilnoza-yusupova', await h.tokenFor('registrar'));
    assert.equal(registrar.response.status, 403);
    h.assertMatchesContract('getPatientSummary', registrar.response, registrar.body);

    const missing = await summary('no-such-patient');
    assert.equal(missing.response.status, 404);
    h.assertMatchesContract('getPatientSummary', missing.response, missing.body);

    const response = await fetch(`${h.url}/fhir/Patient/pt-dilnoza-yusupova/$summary?_since=last-week`, {
      headers: { Authorization: `Bearer ${doctor}` },
    });
    assert.equal(response.status, 400);
    assert.deepEqual((await outcomeOf(response)).issue[0]!.expression, ['_since']);
  });
});
