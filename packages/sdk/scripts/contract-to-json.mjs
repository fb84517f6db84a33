// Writes openapi/shifo.openapi.json from the YAML contract. The YAML is the source of truth and what people
// edit; the JSON is what programs load, because parsing 600 KB of YAML takes about a second and JSON 20 ms.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const source = new URL('../openapi/shifo.openapi.yaml', import.meta.url);
const target = new URL('../openapi/shifo.openapi.json', import.meta.url);

export function contractJson() {
  return `${JSON.stringify(parse(readFileSync(source, 'utf8')))}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  writeFileSync(target, contractJson());
  console.log('openapi/shifo.openapi.json written');
}
