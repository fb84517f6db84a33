import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from './harness.js';
import { call, countByType, shifoCode, type Bundle, type Resource } from './ops-support.js';
import { dispense, formularyEntry, patientPool, prescription } from './rx-support.js';

const PATIENT = 'Patient/pt-dilnoza-yusupova';
const TYPES = ['Encounter', 'Observation', 'Condition', 'Patient', 'AuditEvent'];

interface Outcome {
  resourceType: string;
  issue: { code: string; diagnostics?: string; expression?: string[] }[];
}

function encounter(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'Encounter',
    status: 'in-progress',
    class: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }] }],
    subject: { reference: PATIENT },
    ...extra,
  };
}

function heartRate(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
    subject: { reference: PATIENT },
    effectiveDateTime: '2026-03-10T09:05:00+05:00',
    valueQuantity: { value: 72, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
    ...extra,
  };
}

function post(fullUrl: string, resource: Record<string, unknown>, request: Record<string, unknown> = {}) {
  return { fullUrl, resource, request: { method: 'POST', url: resource.resourceType, ...request } };
}

function bundle(type: string, ...entry: unknown[]): Record<string, unknown> {
  return { resourceType: 'Bundle', type, entry };
}

const urn = () => `urn:uuid:${randomUUID()}`;

describe('POST /fhir (transaction and batch Bundles)', () => {
  let h: Harness;
  let doctor: string;
  const send = async (body: unknown, token: string | null = doctor, headers: Record<string, string> = {}) => {
    const answer = await call<Bundle & Outcome>(h, '/fhir', token ?? undefined, { body, headers });
    h.assertMatchesContract('processTransaction', answer.response, answer.body);
    return answer;
  };
  const stored = (location: string) => {
    const [type, id] = location.split('/');
    return h.server.state.store.read(type!, id!)!;
  };

  before(async () => {
    h = await startHarness();
    doctor = await h.tokenFor('doctor');
  });
  after(() => h.close());

  it('creates every entry, resolving urn:uuid references at any depth and in any order', async () => {
    const encounterUrn = urn();
    const pulseUrn = urn();
    const { response, body } = await send(
      bundle(
        'transaction',
        // The observation comes first but points at the encounter created after it.
        post(
          urn(),
          heartRate({
            encounter: { reference: encounterUrn },
            derivedFrom: [{ reference: pulseUrn }],
            extension: [{ url: 'https://example.org/source-visit', valueReference: { reference: encounterUrn } }],
          }),
        ),
        post(encounterUrn, encounter()),
        post(pulseUrn, heartRate({ encounter: { reference: encounterUrn } })),
      ),
    );
    assert.equal(response.status, 200);
    assert.equal(body.type, 'transaction-response');
    const [first, second, third] = body.entry!;
    for (const entry of body.entry!) {
      assert.equal(entry.response!.status, '201 Created');
      assert.match(entry.response!.location!, /^(Observation|Encounter)\/[A-Za-z0-9-]+\/_history\/1$/);
      assert.equal(entry.response!.etag, 'W/"1"');
      assert.equal(entry.response!.lastModified, stored(entry.response!.location!).meta!.lastUpdated);
    }
    const encounterRef = second!.response!.location!.split('/_history')[0];
    const observation = stored(first!.response!.location!);
    assert.deepEqual(observation.encounter, { reference: encounterRef });
    assert.deepEqual(observation.derivedFrom, [{ reference: third!.response!.location!.split('/_history')[0] }]);
    assert.deepEqual((observation.extension as { valueReference: unknown }[])[0]!.valueReference, {
      reference: encounterRef,
    });
    assert.ok(!JSON.stringify(observation).includes('urn:uuid'));

    // Readable at the address the response gives.
    const read = await call<Resource>(h, `/fhir/${first!.response!.location!.split('/_history')[0]}`, doctor);
    assert.equal(read.response.status, 200);
    assert.equal(read.response.headers.get('etag'), 'W/"1"');
  });

  it('returns the stored resources with Prefer: return=representation', async () => {
    const { body } = await send(bundle('transaction', post(urn(), encounter())), doctor, {
      Prefer: 'return=representation',
    });
    const entry = body.entry![0]!;
    assert.equal(entry.resource?.resourceType, 'Encounter');
    assert.equal(entry.fullUrl, `${h.url}/fhir/Encounter/${entry.resource!.id}`);
  });

  it('is atomic: an invalid 3rd entry leaves the store exactly as it was', async () => {
    const before = countByType(h, TYPES);
    const size = h.server.state.store.size;
    const encounterUrn = urn();
    const { response, body } = await send(
      bundle(
        'transaction',
        post(encounterUrn, encounter()),
        post(urn(), heartRate({ encounter: { reference: encounterUrn } })),
        post(urn(), heartRate({ status: undefined })),
      ),
    );
    assert.equal(response.status, 400);
    assert.equal(body.resourceType, 'OperationOutcome');
    assert.equal(body.issue[0]!.code, 'required');
    assert.deepEqual(body.issue[0]!.expression, ['Bundle.entry[2].resource.ofType(Observation).status']);
    assert.deepEqual(countByType(h, TYPES), before);
    assert.equal(h.server.state.store.size, size);
  });

  it('rolls back entries already written when a later one is refused (stale If-Match), keeping the refusal audited', async () => {
    const patient = h.server.state.store.read('Patient', 'pt-dilnoza-yusupova')!;
    const before = countByType(h, TYPES);
    const { response, body } = await send(
      bundle('transaction', post(urn(), encounter()), post(urn(), heartRate()), {
        resource: patient,
        request: { method: 'PUT', url: PATIENT, ifMatch: 'W/"999"' },
      }),
    );
    assert.equal(response.status, 412);
    assert.deepEqual(body.issue[0]!.expression, ['Bundle.entry[2].request.ifMatch']);
    const after = countByType(h, TYPES);
    assert.deepEqual(
      { ...after, AuditEvent: 0 },
      { ...before, AuditEvent: 0 },
      'no Encounter, Observation or Patient version',
    );
    assert.equal(after.AuditEvent, before.AuditEvent! + 1, 'one AuditEvent: the refused update');
    assert.equal(h.server.state.store.read('Patient', 'pt-dilnoza-yusupova')!.meta!.versionId, patient.meta!.versionId);
  });

  it('updates with PUT and If-Match, answering 200 with the next version', async () => {
    const patient = h.server.state.store.read('Patient', 'pt-bahodir-toshmatov')!;
    const version = Number(patient.meta!.versionId);
    const { response, body } = await send(
      bundle('transaction', {
        resource: { ...patient, active: true },
        request: { method: 'PUT', url: 'Patient/pt-bahodir-toshmatov', ifMatch: `W/"${version}"` },
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(body.entry![0]!.response!.status, '200 OK');
    assert.equal(body.entry![0]!.response!.location, `Patient/pt-bahodir-toshmatov/_history/${version + 1}`);
    assert.equal(body.entry![0]!.response!.etag, `W/"${version + 1}"`);
  });

  it('replays a conditional create (ifNoneExist) without a duplicate, and points references at the existing one', async () => {
    const requestId = randomUUID();
    const conditional = () => {
      const encounterUrn = urn();
      return bundle(
        'transaction',
        post(encounterUrn, encounter({ identifier: [{ system: 'urn:shifo:request-id', value: requestId }] }), {
          ifNoneExist: `identifier=urn:shifo:request-id|${requestId}`,
        }),
        post(urn(), heartRate({ encounter: { reference: encounterUrn } })),
      );
    };
    const first = await send(conditional());
    assert.equal(first.body.entry![0]!.response!.status, '201 Created');
    const encounters = countByType(h, ['Encounter']).Encounter;
    const replay = await send(conditional());
    assert.equal(replay.response.status, 200);
    assert.equal(replay.body.entry![0]!.response!.status, '200 OK');
    assert.equal(replay.body.entry![0]!.response!.location, first.body.entry![0]!.response!.location);
    assert.equal(countByType(h, ['Encounter']).Encounter, encounters);
    const observation = stored(replay.body.entry![1]!.response!.location!);
    assert.deepEqual(observation.encounter, {
      reference: first.body.entry![0]!.response!.location!.split('/_history')[0],
    });
  });

  it('processes a batch entry by entry: a bad entry fails alone, later entries may use earlier urn:uuids', async () => {
    const encounterUrn = urn();
    const { response, body } = await send(
      bundle(
        'batch',
        post(encounterUrn, encounter()),
        post(urn(), heartRate({ code: undefined })),
        post(urn(), heartRate({ encounter: { reference: encounterUrn } })),
      ),
    );
    assert.equal(response.status, 200);
    assert.equal(body.type, 'batch-response');
    assert.deepEqual(
      body.entry!.map((e) => e.response!.status),
      ['201 Created', '400 Bad Request', '201 Created'],
    );
    const outcome = body.entry![1]!.response!.outcome as unknown as Outcome;
    assert.equal(outcome.resourceType, 'OperationOutcome');
    assert.deepEqual(outcome.issue[0]!.expression, ['Bundle.entry[1].resource.ofType(Observation).code']);
    const observation = stored(body.entry![2]!.response!.location!);
    assert.deepEqual(observation.encounter, { reference: body.entry![0]!.response!.location!.split('/_history')[0] });
  });

  it('refuses what a Bundle may not do, naming the entry, and writes nothing', async () => {
    const before = countByType(h, TYPES);
    const cases: [unknown, string, number][] = [
      [{ ...bundle('collection', post(urn(), encounter())) }, 'Bundle.type', 400],
      [
        bundle('transaction', { resource: encounter(), request: { method: 'DELETE', url: 'Encounter/x' } }),
        'Bundle.entry[0].request.method',
        400,
      ],
      [
        bundle('transaction', post(urn(), heartRate({ encounter: { reference: urn() } }))),
        'Bundle.entry[0].resource.ofType(Observation).encounter.reference',
        400,
      ],
      [
        bundle('transaction', post(urn(), encounter()), {
          resource: encounter(),
          request: { method: 'POST', url: 'Observation' },
        }),
        'Bundle.entry[1].request.url',
        400,
      ],
      [
        bundle('transaction', post(urn(), { resourceType: 'AuditEvent' })),
        'Bundle.entry[0].resource.resourceType',
        400,
      ],
    ];
    const shared = urn();
    cases.push([
      bundle('transaction', post(shared, encounter()), post(shared, encounter())),
      'Bundle.entry[1].fullUrl',
      400,
    ]);
    const a = urn();
    const b = urn();
    cases.push([
      bundle(
        'transaction',
        post(a, encounter({ partOf: { reference: b } })),
        post(b, encounter({ partOf: { reference: a } })),
      ),
      'Bundle.entry[0]',
      400,
    ]);
    for (const [body, expression, status] of cases) {
      const answer = await send(body);
      assert.equal(answer.response.status, status, expression);
      assert.equal(answer.body.resourceType, 'OperationOutcome');
      assert.deepEqual(answer.body.issue[0]!.expression, [expression]);
    }
    const unknown = await send(
      bundle('transaction', {
        resource: encounter({ id: 'no-such-encounter' }),
        request: { method: 'PUT', url: 'Encounter/no-such-encounter', ifMatch: 'W/"1"' },
      }),
    );
    assert.equal(unknown.response.status, 404);
    assert.deepEqual({ ...countByType(h, TYPES), AuditEvent: 0 }, { ...before, AuditEvent: 0 });
  });

  it('checks each entry as its own create: a role that may not write it is refused with 403', async () => {
    const before = countByType(h, TYPES);
    const registrar = await send(bundle('transaction', post(urn(), heartRate())), await h.tokenFor('registrar'));
    assert.equal(registrar.response.status, 403);
    assert.deepEqual(registrar.body.issue[0]!.expression, ['Bundle.entry[0].resource.ofType(Observation)']);
    assert.deepEqual({ ...countByType(h, TYPES), AuditEvent: 0 }, { ...before, AuditEvent: 0 });
  });

  it('runs the business rules against the entries before it: a dispense of a prescription in the same Bundle', async () => {
    const system = await h.tokenFor('his-yunusobod');
    const nextPatient = patientPool(h);
    const entry = formularyEntry(h, (e) => e.prescribable && e.strength.per.unit === 'tablet' && !e.allergyClass);
    const prescriptionWith = (dispensed: number) => {
      const requestUrn = urn();
      // A back end names the prescriber (a person signing in is one).
      const request = prescription(nextPatient(), entry, { requester: { reference: 'PractitionerRole/prole-f1-gp1' } });
      const supply = dispense({ ...request, id: 'placeholder' }, dispensed, {
        authorizingPrescription: [{ reference: requestUrn }],
      });
      return bundle('transaction', post(requestUrn, request), post(urn(), supply));
    };
    const before = countByType(h, ['MedicationRequest', 'MedicationDispense']);
    const over = await send(prescriptionWith(31), system);
    assert.equal(over.response.status, 422);
    assert.equal(shifoCode(over.body), 'over-dispense');
    assert.match(
      over.body.issue[0]!.expression?.[0] ?? '',
      /^Bundle\.entry\[1\]\.resource\.ofType\(MedicationDispense\)/,
    );
    assert.deepEqual(
      countByType(h, ['MedicationRequest', 'MedicationDispense']),
      before,
      'the prescription is gone too',
    );

    const partial = await send(prescriptionWith(10), system);
    assert.equal(partial.response.status, 200);
    const request = stored(partial.body.entry![0]!.response!.location!);
    const supply = stored(partial.body.entry![1]!.response!.location!);
    assert.deepEqual(supply.authorizingPrescription, [{ reference: `MedicationRequest/${request.id}` }]);
    assert.equal(request.status, 'active');
  });

  it('answers 401 without a token and 403 to roles that may not send Bundles', async () => {
    const anonymous = await send(bundle('transaction', post(urn(), encounter())), null);
    assert.equal(anonymous.response.status, 401);
    const patient = await send(bundle('transaction', post(urn(), encounter())), await h.tokenFor('patient'));
    assert.equal(patient.response.status, 403);
  });
});
