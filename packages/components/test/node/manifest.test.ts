// custom-elements.json is what IDEs, Storybook and the docs read: every public part of every element must be
// described there. The manifest is regenerated with the package's own build script, then checked.
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Described {
  name: string;
  description?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
}

interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  description?: string;
  members?: Described[];
  attributes?: Described[];
  events?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
  slots?: Described[];
}

interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

function buildManifest(): Manifest {
  const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    scripts: { build: string };
    customElements: string;
  };
  // Exactly the build script (same --outdir), so package.json's "customElements" is left as it is.
  execSync(packageJson.scripts.build, {
    cwd: packageDir,
    stdio: 'pipe',
    env: { ...process.env, PATH: `${join(packageDir, '..', '..', 'node_modules', '.bin')}:${process.env.PATH}` },
  });
  const after = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { customElements: string };
  assert.equal(after.customElements, packageJson.customElements, 'the build left package.json as it was');
  return JSON.parse(readFileSync(join(packageDir, packageJson.customElements), 'utf8')) as Manifest;
}

const manifest = buildManifest();
const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName),
);

function element(tagName: string): Declaration {
  const found = elements.find((declaration) => declaration.tagName === tagName);
  assert.ok(found, `${tagName} is in the manifest`);
  return found;
}

function undocumented(declaration: Declaration): string[] {
  const publicMembers = (declaration.members ?? []).filter(
    (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('_'),
  );
  const groups: [string, Described[]][] = [
    ['member', publicMembers],
    ['attribute', declaration.attributes ?? []],
    ['event', declaration.events ?? []],
    ['css part', declaration.cssParts ?? []],
    ['css property', declaration.cssProperties ?? []],
    ['slot', declaration.slots ?? []],
  ];
  return groups.flatMap(([kind, items]) =>
    items.filter((item) => !item.description?.trim()).map((item) => `${declaration.tagName} ${kind} "${item.name}"`),
  );
}

test('every element that is registered is in the manifest', () => {
  const defined = readFileSync(join(packageDir, 'src', 'define.ts'), 'utf8');
  const tags = [...defined.matchAll(/\.\/define\/([a-z-]+)\.js/g)].map((match) => match[1]!);
  assert.ok(tags.includes('shifo-patient-card') && tags.includes('shifo-provider'));
  for (const tag of tags) element(tag);
});

test('every public property, attribute, event, part, CSS property and slot of every element is described', () => {
  assert.ok(elements.length >= 2);
  for (const declaration of elements) assert.ok(declaration.description?.trim(), `${declaration.tagName} is described`);
  assert.deepEqual(elements.flatMap(undocumented), []);
});

test('the patient card documents its public API: patient-id, pinfl, view, audience, since, client', () => {
  const card = element('shifo-patient-card');
  const attributes = (card.attributes ?? []).map((a) => a.name);
  for (const name of ['patient-id', 'pinfl', 'view', 'audience', 'since']) assert.ok(attributes.includes(name), name);
  const fields = (card.members ?? []).filter((m) => m.kind === 'field').map((m) => m.name);
  for (const name of ['patientId', 'pinfl', 'view', 'audience', 'since', 'client', 'revealDurationMs']) {
    assert.ok(fields.includes(name), name);
  }
  assert.ok((card.members ?? []).some((m) => m.kind === 'method' && m.name === 'refresh'));
  const parts = (card.cssParts ?? []).map((p) => p.name);
  for (const name of ['card', 'banner', 'reveal', 'stale', 'show-more', 'error']) assert.ok(parts.includes(name), name);
  // Internal state never appears as public API.
  const internal = (card.members ?? []).filter((m) => ['load', 'providedClient', 'reveal'].includes(m.name));
  assert.ok(internal.every((m) => m.privacy === 'private'));
});

test('the provider documents its configuration and its slot', () => {
  const provider = element('shifo-provider');
  const attributes = (provider.attributes ?? []).map((a) => a.name);
  for (const name of ['base-url', 'locale', 'offline', 'offline-user', 'offline-tenant']) {
    assert.ok(attributes.includes(name), name);
  }
  assert.equal((provider.slots ?? []).length, 1);
});
