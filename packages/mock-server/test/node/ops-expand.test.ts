import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { outcomeOf, startHarness, type Harness } from './harness.js';
import { call, type Resource } from './ops-support.js';

const ICD10_VS = 'https://terminology.dhp.uz/fhir/core/ValueSet/condition-code-vs';
const ROUTE_VS = 'https://terminology.dhp.uz/fhir/core/ValueSet/route-code-vs';

interface Contains {
  system: string;
  code: string;
  display: string;
  designation?: { language: string; value: string }[];
}

interface ValueSet extends Resource {
  expansion: { total: number; offset: number; next?: string; contains: Contains[] };
}

describe('GET /fhir/ValueSet/$expand', () => {
  let h: Harness;
  let doctor: string;
  const expand = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
    const answer = await call<ValueSet>(h, `/fhir/ValueSet/$expand?${new URLSearchParams(query)}`, doctor, { headers });
    if (answer.response.status === 200) h.assertMatchesContract('expandValueSet', answer.response, answer.body);
    return answer;
  };
  const codesFor = async (filter: string, url = ICD10_VS) =>
    (await expand({ url, filter, count: '100' })).body.expansion.contains.map((c) => c.code);

  before(async () => {
    h = await startHarness();
    doctor = await h.tokenFor('doctor');
  });
  after(() => h.close());

  it('finds ICD-10 codes by a word of the title ("gripp"), with displays in Uzbek and designations in the others', async () => {
    const { response, body } = await expand({ url: ICD10_VS, filter: 'gripp' });
    assert.equal(response.status, 200);
    assert.equal(body.url, ICD10_VS);
    const found = body.expansion.contains;
    assert.ok(found.length > 0);
    assert.equal(body.expansion.total, found.length);
    for (const concept of found) {
      assert.equal(concept.system, 'http://hl7.org/fhir/sid/icd-10');
      assert.match(`${concept.display} ${concept.designation!.map((d) => d.value).join(' ')}`, /gripp|грипп/i);
      assert.deepEqual(
        concept.designation!.map((d) => d.language),
        ['uz-Cyrl', 'ru', 'en'],
      );
    }
    const seeded = h.server.state.seed.icd10.filter((e) => /gripp/i.test(e.display.uz)).map((e) => e.code);
    assert.deepEqual(
      found.map((c) => c.code),
      seeded,
    );
    assert.equal(response.headers.get('content-language'), 'uz');
  });

  it('matches the same codes from a Cyrillic filter, whatever the script of the title', async () => {
    assert.deepEqual(await codesFor('грипп'), await codesFor('gripp'));
    const hypertension = await codesFor('гипертенз');
    assert.ok(hypertension.includes('I10'));
    assert.deepEqual(hypertension, await codesFor('gipertenz'));
  });

  it("ignores the apostrophe style: oʻpka = o‘pka = o'pka = opka = ўпка", async () => {
    const expected = await codesFor('oʻpka');
    assert.ok(expected.includes('A15.0'), 'lung tuberculosis');
    for (const variant of ['o‘pka', "o'pka", 'o`pka', 'opka', 'ўпка', 'OʻPKA']) {
      assert.deepEqual(await codesFor(variant), expected, variant);
    }
  });

  it('finds codes by prefix, with or without the dot, before any title match', async () => {
    const j06 = await codesFor('J06');
    assert.ok(j06.length > 0);
    assert.ok(j06.every((code) => code.startsWith('J06')));
    assert.equal((await codesFor('j069'))[0], 'J06.9');
    const i1 = await codesFor('I1');
    assert.ok(i1.includes('I10') && i1.every((code) => code.startsWith('I1')));
  });

  it('answers in displayLanguage (ru), falling back to Accept-Language, and uz-Cyrl transliterated', async () => {
    const ru = (await expand({ url: ICD10_VS, filter: 'I10', displayLanguage: 'ru' })).body.expansion.contains[0]!;
    const entry = h.server.state.seed.icd10.find((e) => e.code === 'I10')!;
    assert.equal(ru.display, entry.display.ru);
    assert.deepEqual(
      ru.designation!.map((d) => d.language),
      ['uz', 'uz-Cyrl', 'en'],
    );
    assert.equal(ru.designation![0]!.value, entry.display.uz);

    const { response, body } = await expand({ url: ICD10_VS, filter: 'I10' }, { 'Accept-Language': 'en' });
    assert.equal(response.headers.get('content-language'), 'en');
    assert.equal(body.expansion.contains[0]!.display, entry.display.en);

    const cyrillic = (await expand({ url: ICD10_VS, filter: 'J06.9', displayLanguage: 'uz-Cyrl' })).body.expansion
      .contains[0]!;
    assert.match(cyrillic.display, /^[\p{Script=Cyrillic}\s,()[\]-]+$/u);
    assert.notEqual(cyrillic.display, h.server.state.seed.icd10.find((e) => e.code === 'J06.9')!.display.ru);
  });

  it('pages with count and offset, and links the next page', async () => {
    const first = (await expand({ url: ICD10_VS, count: '5' })).body.expansion;
    const second = (await expand({ url: ICD10_VS, count: '5', offset: '5' })).body.expansion;
    assert.equal(first.total, h.server.state.seed.icd10.length);
    assert.equal(first.contains.length, 5);
    assert.equal(second.offset, 5);
    assert.deepEqual(
      [...first.contains, ...second.contains].map((c) => c.code),
      h.server.state.seed.icd10.slice(0, 10).map((e) => e.code),
    );
    const next = new URL(first.next!);
    assert.equal(next.searchParams.get('offset'), '5');
    assert.equal(next.searchParams.get('url'), ICD10_VS);
  });

  it('serves the other value sets the contract names (routes) the same way', async () => {
    const oral = await codesFor("og'iz", ROUTE_VS);
    assert.deepEqual(oral, ['26643006']);
    // Russian "внутрь" (by mouth) also starts "внутривенно" and "внутримышечно": word prefixes, as typed.
    assert.ok((await codesFor('внутрь', ROUTE_VS)).includes('26643006'));
  });

  it('answers 404 for an unknown value set, 400 for a missing url or a count out of range, 401 without a token', async () => {
    const unknown = await expand({ url: 'https://example.org/ValueSet/unknown', filter: 'x' });
    assert.equal(unknown.response.status, 404);
    h.assertMatchesContract('expandValueSet', unknown.response, unknown.body);
    assert.equal(unknown.body.resourceType, 'OperationOutcome');

    const missing = await fetch(`${h.url}/fhir/ValueSet/$expand?filter=gripp`, {
      headers: { Authorization: `Bearer ${doctor}` },
    });
    assert.equal(missing.status, 400);
    assert.deepEqual((await outcomeOf(missing)).issue[0]!.expression, ['url']);

    const tooMany = await expand({ url: ICD10_VS, count: '500' });
    assert.equal(tooMany.response.status, 400);
    h.assertMatchesContract('expandValueSet', tooMany.response, tooMany.body);

    const anonymous = await fetch(`${h.url}/fhir/ValueSet/$expand?url=${encodeURIComponent(ICD10_VS)}`);
    assert.equal(anonymous.status, 401);
  });
});
