import { deleteAt, describePath, getAt, nodePaths, setAt, type JsonPath } from './json-paths.js';
import type { Prng } from './prng.js';
import type { BuiltRequest, RequestSpec } from './request-factory.js';
import type { SchemaSampler } from './schema-sample.js';

/**
 * One hostile request. `operationId` is the operation whose valid request it was derived from, if any; the
 * first word of `kind` is its category (`body.bad-json`, `path.traversal`, `header.Authorization`, …).
 */
export interface FuzzCase {
  operationId: string | undefined;
  kind: string;
  spec: RequestSpec;
}

const MB = 1024 * 1024;

/** Strings that have broken servers before: markup, SQL, paths, log4shell, NUL, bidi overrides, templates. */
export const INJECTIONS = [
  '<script>alert(1)</script>',
  "'; DROP TABLE patients; --",
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '${jndi:ldap://127.0.0.1:1/a}',
  'a\u0000b',
  '\u202Etxt.exe\u202C',
  '{{7*7}}${7*7}',
  '{"$gt": ""}',
  '\r\nX-Injected: 1',
  '\uD800',
  'ʻ'.repeat(3) + '\u{1F600}',
];

const TRAVERSALS = [
  '..',
  '%2e%2e',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5C..%5Cwindows',
  '%252e%252e%252f',
  'a%00b',
  '%2F',
];

const WRONG_VALUES: unknown[] = [123, -1, 1.5, true, null, 'text', [], {}, [1, 'a'], { a: 1 }];
const BAD_NUMBERS = ['-1', '0', '1.5', '1e308', '-1e308', '9007199254740993', '1e999'];
const BAD_JSON = [
  '{',
  '{"resourceType":',
  '{"a":1,}',
  "{'a':1}",
  'NaN',
  '{"a":1}}',
  '\uFEFF{}',
  '{"a":"\u0001"}',
  '[1,2',
  '{"a":01}',
];
const BAD_UTF8 = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80])];
const MARKER = 'FUZZ-MARKER-7f3a';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `encodeURIComponent` that does not throw on lone surrogates: they go out as their (invalid) WTF-8 bytes,
 * `%ED%A0%80`, which is exactly the kind of input a server must survive.
 */
export function encodeHostile(text: string): string {
  return Array.from(text, (char) => {
    const code = char.codePointAt(0)!;
    if (code < 0xd800 || code > 0xdfff) return encodeURIComponent(char);
    const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    return bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }).join('');
}

function nested(depth: number, open: string, close: string, core = '1'): string {
  return open.repeat(depth) + core + close.repeat(depth);
}

/** Derives hostile requests from one valid request of an operation. */
export class FuzzCaseFactory {
  constructor(
    private readonly rng: Prng,
    private readonly sampler: SchemaSampler,
  ) {}

  private make(base: BuiltRequest, kind: string, change: Partial<RequestSpec>): FuzzCase {
    const spec: RequestSpec = { ...base.spec, headers: { ...base.spec.headers }, ...change };
    return { operationId: base.operation.operationId, kind, spec };
  }

  private withBody(base: BuiltRequest, kind: string, body: string | Buffer, contentType?: string): FuzzCase {
    const headers = { ...base.spec.headers };
    if (contentType === undefined) delete headers['Content-Type'];
    else headers['Content-Type'] = contentType;
    return this.make(base, kind, { headers, body });
  }

  /** The base body as text with the node at `path` replaced by raw JSON text (may be invalid on purpose). */
  private spliceRaw(value: unknown, path: JsonPath, raw: string | Buffer): Buffer {
    const marked = JSON.stringify(setAt(value, path, MARKER));
    const [before = '', after = ''] = marked.split(`"${MARKER}"`);
    return Buffer.concat([Buffer.from(before), Buffer.isBuffer(raw) ? raw : Buffer.from(raw), Buffer.from(after)]);
  }

  private pathsOf(value: unknown, keep: (node: unknown) => boolean, fallback: JsonPath): JsonPath[] {
    const paths = nodePaths(value).filter((path) => keep(getAt(value, path)));
    return paths.length ? paths : [fallback];
  }

  jsonBodyCases(base: BuiltRequest): FuzzCase[] {
    const body = base.body;
    if (!body || body.kind !== 'json') return [];
    const value = body.value;
    const type = body.contentType;
    const cases: FuzzCase[] = [];
    const json = (kind: string, next: unknown) => this.withBody(base, kind, JSON.stringify(next), type);
    const raw = (kind: string, bytes: string | Buffer, contentType: string | undefined = type) =>
      this.withBody(base, kind, bytes, contentType);

    const all = nodePaths(value);
    const strings = this.pathsOf(value, (node) => typeof node === 'string', ['note']);
    const numbers = this.pathsOf(value, (node) => typeof node === 'number', ['count']);
    const schema = this.sampler.resolve(base.operation.requestBody?.content[type]?.schema ?? {});
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];

    for (const key of required.slice(0, 5)) cases.push(json(`body.missing-required ${key}`, deleteAt(value, [key])));
    for (let i = 0; i < 2 && all.length; i++) {
      const path = this.rng.pick(all);
      cases.push(json(`body.missing ${describePath(path)}`, deleteAt(value, path)));
    }
    for (let i = 0; i < 6 && all.length; i++) {
      const path = this.rng.pick(all);
      const current = getAt(value, path);
      const candidates = WRONG_VALUES.filter(
        (v) => typeof v !== typeof current || Array.isArray(v) !== Array.isArray(current),
      );
      cases.push(json(`body.wrong-type ${describePath(path)}`, setAt(value, path, this.rng.pick(candidates))));
    }
    const stringPath = this.rng.pick(strings);
    cases.push(json(`body.huge-string-1MB ${describePath(stringPath)}`, setAt(value, stringPath, 'A'.repeat(MB))));
    cases.push(json('body.huge-key-64KB', isRecord(value) ? { ...value, ['k'.repeat(64 * 1024)]: 1 } : value));
    // Sent with `Connection: close`: whether a refused oversized body leaves its connection usable is a
    // separate test, and a stuck connection must not slow every later case down.
    const overLimit = raw('body.over-limit-3MB', JSON.stringify({ pad: 'B'.repeat(3 * MB) }));
    overLimit.spec.headers.Connection = 'close';
    cases.push(overLimit);
    const deepPath = all.length ? this.rng.pick(all) : ['deep'];
    cases.push(
      raw(
        `body.deep-10000-arrays ${describePath(deepPath)}`,
        this.spliceRaw(value, deepPath, nested(10_000, '[', ']')),
      ),
    );
    cases.push(raw('body.deep-10000-objects', nested(10_000, '{"a":', '}', '{}')));
    for (const text of BAD_JSON) cases.push(raw(`body.bad-json ${JSON.stringify(text.slice(0, 20))}`, text));
    const cut = JSON.stringify(value);
    cases.push(raw('body.truncated', cut.slice(0, Math.max(1, this.rng.int(cut.length)))));
    for (const bytes of BAD_UTF8) {
      const path = this.rng.pick(strings);
      const text = Buffer.concat([Buffer.from('"x'), bytes, Buffer.from('y"')]);
      cases.push(
        raw(`body.bad-utf8 ${bytes.toString('hex')} ${describePath(path)}`, this.spliceRaw(value, path, text)),
      );
    }
    cases.push(raw('content-type text/plain', cut, 'text/plain'));
    cases.push(raw('content-type application/xml', '<Patient xmlns="http://hl7.org/fhir"/>', 'application/xml'));
    cases.push(
      raw(
        'content-type multipart',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
        'multipart/form-data; boundary=x',
      ),
    );
    cases.push(raw('content-type form with JSON text', cut, 'application/x-www-form-urlencoded'));
    cases.push(raw('content-type missing', cut, undefined));
    cases.push(raw('content-type garbage', cut, ';;;/'));
    for (const text of INJECTIONS) {
      const path = this.rng.pick(strings);
      cases.push(
        json(`body.injection ${JSON.stringify(text.slice(0, 12))} ${describePath(path)}`, setAt(value, path, text)),
      );
    }
    cases.push(json('body.injection-in-key', isRecord(value) ? { ...value, [this.rng.pick(INJECTIONS)]: 'x' } : value));
    for (const number of BAD_NUMBERS) {
      const path = this.rng.pick(numbers);
      cases.push(raw(`body.number ${number} ${describePath(path)}`, this.spliceRaw(value, path, number)));
    }
    // Members written in front of the base body's own (as raw text: JSON.stringify would drop `__proto__`).
    const prepend = (members: string) => (cut === '{}' ? `{${members}}` : `{${members},${cut.slice(1)}`);
    cases.push(
      raw(
        'body.proto-pollution',
        prepend('"__proto__":{"role":"admin","polluted":true},"constructor":{"prototype":{"polluted":true}}'),
      ),
    );
    cases.push(raw('body.duplicate-keys', prepend('"resourceType":"OperationOutcome"')));
    for (const top of ['[]', '"text"', 'null', '42', 'true']) cases.push(raw(`body.top-level ${top}`, top));
    return cases;
  }

  formBodyCases(base: BuiltRequest): FuzzCase[] {
    const body = base.body;
    if (!body || body.kind !== 'form') return [];
    const form = body.value;
    const cases: FuzzCase[] = [];
    const schema = this.sampler.resolve(base.operation.requestBody?.content[body.contentType]?.schema ?? {});
    const fields = Object.keys(isRecord(schema.properties) ? schema.properties : form);
    const send = (kind: string, next: Record<string, string> | string | Buffer, type = body.contentType) =>
      this.withBody(
        base,
        kind,
        typeof next === 'string' || Buffer.isBuffer(next) ? next : new URLSearchParams(next).toString(),
        type,
      );
    const field = () => (fields.length ? this.rng.pick(fields) : 'name');

    for (const text of INJECTIONS) {
      const name = field();
      cases.push(send(`form.injection ${name}=${JSON.stringify(text.slice(0, 12))}`, { ...form, [name]: text }));
    }
    for (let i = 0; i < 8; i++) {
      const name = field();
      const value = this.rng.pick(['abc', '-1', '0', '1e400', '', ' ', '2026-13-45', 'eq', 'x|y|z', '|', 'Patient/']);
      cases.push(send(`form.bad-value ${name}=${JSON.stringify(value)}`, { ...form, [name]: value }));
    }
    for (const value of ['abc', '0', '101', '-1', '1e400', '1.5', '99999999999999999999'])
      cases.push(send(`form._count ${value}`, { ...form, _count: value }));
    for (const value of ['0', '-3', '99999999999999999999'])
      cases.push(send(`form._page ${value}`, { ...form, _page: value }));
    cases.push(send('form.unknown-field', { ...form, 'no-such-parameter': 'x' }));
    cases.push(
      send('form.proto-fields', '__proto__=x&constructor=y&prototype=z&' + new URLSearchParams(form).toString()),
    );
    const name = field();
    cases.push(send(`form.repeated ${name}`, `${name}=a&${name}=b&${name}=c&` + new URLSearchParams(form).toString()));
    cases.push(send('form.repeated _count', '_count=1&_count=2&' + new URLSearchParams(form).toString()));
    cases.push(send(`form.huge-1MB ${name}`, { ...form, [name]: 'A'.repeat(MB) }));
    cases.push(send('form.many-fields-10000', Array.from({ length: 10_000 }, (_, i) => `f${i}=${i}`).join('&')));
    for (const text of ['name=%E0%A4%A', 'name=%ZZ', 'name=%00', 'name=%C0%AF', '%=&=%&&=='])
      cases.push(send(`form.bad-percent ${text}`, text));
    for (const bytes of BAD_UTF8)
      cases.push(send(`form.bad-utf8 ${bytes.toString('hex')}`, Buffer.concat([Buffer.from(`${name}=a`), bytes])));
    cases.push(send('content-type json to a form', JSON.stringify(form), 'application/json'));
    cases.push(send('content-type xml to a form', '<a/>', 'application/xml'));
    cases.push(send('content-type missing to a form', new URLSearchParams(form).toString(), ''));
    cases.push(this.make(base, 'form.empty-body', { body: '' }));
    return cases;
  }

  queryCases(base: BuiltRequest): FuzzCase[] {
    const operation = base.operation;
    const [path] = base.spec.target.split('?');
    const query = new URLSearchParams(base.query);
    const cases: FuzzCase[] = [];
    const withQuery = (kind: string, extra: string) => {
      const search = [query.toString(), extra].filter(Boolean).join('&');
      return this.make(base, kind, { target: `${path}?${search}` });
    };
    const declared = operation.parameters.filter((p) => p.in === 'query');
    for (const parameter of declared.slice(0, 8)) {
      const name = encodeURIComponent(parameter.name);
      const others = new URLSearchParams(base.query);
      others.delete(parameter.name);
      const values = [
        this.rng.pick(['abc', '-1', '0', '1e400', '', '99999999999999999999', '2026-13-45', 'zz2026']),
        encodeHostile(this.rng.pick(INJECTIONS)),
        this.rng.pick(TRAVERSALS),
      ];
      for (const value of values) {
        const search = [others.toString(), `${name}=${value}`].filter(Boolean).join('&');
        cases.push(
          this.make(base, `query.value ${parameter.name}=${value.slice(0, 24)}`, { target: `${path}?${search}` }),
        );
      }
      cases.push(withQuery(`query.repeated ${parameter.name}`, `${name}=a&${name}=b`));
    }
    const some = declared.length ? encodeURIComponent(this.rng.pick(declared).name) : 'q';
    cases.push(withQuery(`query.huge-8KB ${some}`, `${some}=${'A'.repeat(8 * 1024)}`));
    cases.push(withQuery('query.unknown', 'no-such-parameter=1'));
    cases.push(
      withQuery(
        'query.identifier-in-url',
        'identifier=https%3A%2F%2Fdhp.uz%2Ffhir%2Fcore%2Fsid%2Fpid%2Fuz%2Fni%7C40503855900021',
      ),
    );
    cases.push(withQuery('query.pinfl-as-patient', 'patient=40503855900021'));
    cases.push(withQuery('query.bad-percent', 'a=%E0%A4%A&%ZZ=1'));
    cases.push(withQuery('query.proto', '__proto__=1&constructor=2&__proto__[role]=admin'));
    cases.push(withQuery('query._count 1e400', '_count=1e400'));
    cases.push(withQuery('query.many-params', Array.from({ length: 500 }, (_, i) => `p${i}=${i}`).join('&')));
    return cases;
  }

  pathCases(base: BuiltRequest): FuzzCase[] {
    const operation = base.operation;
    if (operation.pathParamNames.length === 0) return [];
    const [, search] = base.spec.target.split('?');
    const cases: FuzzCase[] = [];
    const name = this.rng.pick(operation.pathParamNames);
    const withParam = (category: string, detail: string, raw: string) => {
      const path = operation.path.replace(/\{([^}]+)\}/g, (_, param: string) =>
        param === name ? raw : encodeURIComponent(base.pathParams[param] ?? ''),
      );
      return this.make(base, `path.${category} ${name} ${detail}`, { target: search ? `${path}?${search}` : path });
    };
    for (const traversal of TRAVERSALS) cases.push(withParam('traversal', traversal, traversal));
    for (const text of INJECTIONS.slice(0, 8))
      cases.push(withParam('injection', JSON.stringify(text.slice(0, 12)), encodeHostile(text)));
    cases.push(withParam('long', '65 chars', 'a'.repeat(65)));
    cases.push(withParam('long', '4KB', 'a'.repeat(4096)));
    cases.push(withParam('bad-percent', '%E0%A4%A', '%E0%A4%A'));
    cases.push(withParam('bad-percent', '%', '%'));
    cases.push(withParam('unicode', 'Uzbek letters', encodeURIComponent('bemor-ʻoʻgʻil-Ўзбек')));
    cases.push(withParam('unknown', 'no such record', 'no-such-record-0000'));
    cases.push(withParam('unknown', 'nil uuid', '00000000-0000-0000-0000-000000000000'));
    return cases;
  }

  headerCases(base: BuiltRequest, foreignToken: string): FuzzCase[] {
    const operation = base.operation;
    const cases: FuzzCase[] = [];
    const withHeaders = (kind: string, change: Record<string, string | undefined>) => {
      const headers: Record<string, string> = { ...base.spec.headers };
      for (const [key, value] of Object.entries(change)) {
        if (value === undefined) delete headers[key];
        else headers[key] = value;
      }
      return this.make(base, `header.${kind}`, { headers });
    };
    cases.push(withHeaders('Accept-Language 8KB', { 'Accept-Language': 'uz,'.repeat(2700) }));
    cases.push(withHeaders('Accept-Language injection', { 'Accept-Language': '../../etc/passwd;q=<script>' }));
    cases.push(withHeaders('Accept application/xml', { Accept: 'application/xml' }));
    for (const authorization of [
      'Bearer',
      'Bearer a b',
      'Basic Zm9vOmJhcg==',
      `Bearer ${'A'.repeat(8 * 1024)}`,
      'Bearer ${jndi:ldap://x/a}',
      `Bearer ${foreignToken}x`,
    ])
      cases.push(withHeaders(`Authorization ${authorization.slice(0, 20)}`, { Authorization: authorization }));
    if (!base.spec.body)
      cases.push(
        this.make(base, 'header.Content-Type body on a body-less operation', {
          body: '{"a":1}',
          headers: { ...base.spec.headers, 'Content-Type': 'application/json' },
        }),
      );
    for (const parameter of operation.parameters.filter((p) => p.in === 'header')) {
      const values =
        parameter.name === 'Idempotency-Key'
          ? ['short', 'k'.repeat(300), 'has space inside', 'clé-idempotence-été', '']
          : parameter.name === 'If-Match'
            ? ['*', 'W/"999999"', 'garbage', '"1", "2"', '']
            : ['<script>', '&&&=', 'a'.repeat(2000), 'identifier=urn:shifo:request-id|%00', ''];
      for (const value of values)
        cases.push(withHeaders(`${parameter.name} ${JSON.stringify(value.slice(0, 16))}`, { [parameter.name]: value }));
    }
    if (operation.parameters.some((p) => p.name === 'Idempotency-Key') && base.spec.body !== undefined) {
      // Same key, two different bodies: the second must be refused (422), never a 5xx.
      const key = this.rng.uuid();
      cases.push(withHeaders('Idempotency-Key first use', { 'Idempotency-Key': key }));
      const other =
        base.body?.kind === 'json' && isRecord(base.body.value) ? { ...base.body.value, fuzz: 1 } : { fuzz: 1 };
      cases.push(
        this.make(base, 'header.Idempotency-Key reused with another body', {
          headers: { ...base.spec.headers, 'Idempotency-Key': key },
          body: JSON.stringify(other),
        }),
      );
    }
    return cases;
  }

  methodCases(base: BuiltRequest, methodsOfPath: string[]): FuzzCase[] {
    const others = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !methodsOfPath.includes(m));
    return others.slice(0, 2).map((method) => this.make(base, `method ${method}`, { method }));
  }
}

/** Requests no operation matches: unknown paths (traversal, encodings), odd targets. They must get 404/405 OperationOutcomes. */
export function unroutedCases(): FuzzCase[] {
  const targets = [
    '/',
    '/fhir',
    '/fhir/',
    '/fhir/Unknown',
    '/fhir/Patient/a/b/c',
    '/../../etc/passwd',
    '/fhir/../__admin/reset',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/fhir/Patient/%2e%2e/%2e%2e/__admin/users',
    '//fhir//Patient',
    '/fhir/Patient/example-nodira/_history/1/../../../../etc/passwd',
    '/FHIR/PATIENT',
    '/fhir/Patient%00',
    '/fhir/Patient/%E0%A4%A',
    '/queue/../../../etc/shadow',
    '/__admin/../oauth/token',
    '/' + 'a'.repeat(8000),
    '/fhir/Patient/' + encodeURIComponent('<script>alert(1)</script>'),
    '*',
    'http://evil.example/fhir/Nothing',
  ];
  const cases: FuzzCase[] = [];
  for (const target of targets)
    for (const method of ['GET', 'POST', 'DELETE'])
      cases.push({
        operationId: undefined,
        kind: `unrouted ${method} ${target.slice(0, 40)}`,
        spec: { method, target, headers: {} },
      });
  return cases;
}

/** The category of a case: the first word of its kind. */
export function categoryOf(c: FuzzCase): string {
  return c.kind.split(' ')[0]!;
}

/**
 * At most `limit` of one operation's cases, keeping at least one of every category (so each operation still
 * gets every kind of abuse that applies to it) and filling up at random. Deterministic for a given PRNG.
 */
export function sampleByCategory(cases: FuzzCase[], limit: number, rng: Prng): FuzzCase[] {
  const kept = new Set<FuzzCase>();
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(categoryOf(c))) continue;
    seen.add(categoryOf(c));
    kept.add(c);
  }
  const rest = cases.filter((c) => !kept.has(c));
  while (kept.size < limit && rest.length) kept.add(rest.splice(rng.int(rest.length), 1)[0]!);
  // More categories than the limit (the small dev budget): a random subset of them.
  const chosen = cases.filter((c) => kept.has(c));
  while (chosen.length > limit) chosen.splice(rng.int(chosen.length), 1);
  return chosen;
}
