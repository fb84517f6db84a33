// The summary arrives from a server as JSON: every field is read defensively, so a malformed or hostile document
// yields missing values, never exceptions or objects of the wrong shape.
import type { TranslatableConcept } from '../display/coding.js';
import type { SummaryQuantity } from './types.js';

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asConcept(value: unknown): TranslatableConcept | undefined {
  const concept = asObject(value);
  return concept && (Array.isArray(concept.coding) || typeof concept.text === 'string')
    ? (concept as TranslatableConcept)
    : undefined;
}

export function asConcepts(value: unknown): TranslatableConcept[] {
  return asArray(value).flatMap((item) => asConcept(item) ?? []);
}

/** The codes of a CodeableConcept, optionally of one system. */
export function codesOf(concept: unknown, system?: string): string[] {
  return asArray(asObject(concept)?.coding).flatMap((coding) => {
    const c = asObject(coding);
    const code = asString(c?.code);
    return code !== undefined && (system === undefined || c?.system === system) ? [code] : [];
  });
}

export function asQuantity(value: unknown): SummaryQuantity | undefined {
  const q = asObject(value);
  if (!q) return undefined;
  const quantity: SummaryQuantity = {};
  if (typeof q.value === 'number' && Number.isFinite(q.value)) quantity.value = q.value;
  for (const key of ['comparator', 'unit', 'system', 'code'] as const) {
    const text = asString(q[key]);
    if (text !== undefined) quantity[key] = text;
  }
  return quantity.value === undefined && quantity.unit === undefined ? undefined : quantity;
}

/** Plain text of an XHTML narrative: tags dropped, entities for the five XML characters decoded. */
export function narrativeText(narrative: unknown): string | undefined {
  const div = asString(asObject(narrative)?.div);
  if (div === undefined) return undefined;
  const text = div
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? undefined : text;
}

/** The last segment of a reference (`Observation/abc` → `abc`) with its type, for lookups in the bundle. */
export function referenceKey(reference: unknown): string | undefined {
  const ref = asString(asObject(reference)?.reference);
  if (!ref) return undefined;
  const match = /([A-Za-z]+)\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(ref);
  return match ? `${match[1]}/${match[2]}` : ref;
}
