/** Small builders for FHIR R5 JSON fragments used across the seed. */
import { CS, EXT } from './constants.js';

/** A Coding. */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}

/** A CodeableConcept. */
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

/** A Reference. */
export interface Reference {
  reference: string;
  display?: string;
}

/** A Quantity. */
export interface Quantity {
  value: number;
  unit: string;
  system: string;
  code: string;
}

/** `meta` with the given profiles. */
export function meta(...profiles: string[]): { profile: string[] } {
  return { profile: profiles };
}

/** A Coding; `display` is left out when not given. */
export function coding(system: string, code: string, display?: string): Coding {
  return display === undefined ? { system, code } : { system, code, display };
}

/** A CodeableConcept with one coding and an optional text. */
export function concept(system: string, code: string, display?: string, text?: string): CodeableConcept {
  const cc: CodeableConcept = { coding: [coding(system, code, display)] };
  if (text !== undefined) cc.text = text;
  return cc;
}

/** A literal reference `Type/id`. */
export function ref(type: string, id: string, display?: string): Reference {
  return display === undefined ? { reference: `${type}/${id}` } : { reference: `${type}/${id}`, display };
}

/** A UCUM Quantity. */
export function ucum(value: number, code: string, unit: string = code): Quantity {
  return { value, unit, system: CS.ucum, code };
}

/** The `_element` companion carrying HL7 translation extensions, e.g. `_name: translations({ ru: '…' })`. */
export function translations(texts: Partial<Record<string, string>>): { extension: unknown[] } {
  const extension: unknown[] = [];
  for (const [lang, content] of Object.entries(texts)) {
    if (content === undefined) continue;
    extension.push({
      url: EXT.translation,
      extension: [
        { url: 'lang', valueCode: lang },
        { url: 'content', valueString: content },
      ],
    });
  }
  return { extension };
}

/** An identifier typed with a v2-0203 code. */
export function identifier(
  system: string,
  value: string,
  typeCode: string,
  use?: string,
  typeDisplay?: string,
): Record<string, unknown> {
  const id: Record<string, unknown> = {};
  if (use !== undefined) id.use = use;
  id.type = { coding: [coding(CS.v2_0203, typeCode, typeDisplay)] };
  id.system = system;
  id.value = value;
  return id;
}

/** Round to a number of decimals (keeps JSON free of float noise). */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Clamp a number into [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Normalise Uzbek Latin apostrophes written as ASCII `'` in the source tables: after o/O/g/G it is the
 * turned comma U+02BB (oʻ, gʻ); elsewhere it is the tutuq belgisi U+02BC (maʼlumot).
 */
export function uzText(text: string): string {
  return text.replace(/([oOgG])'/g, '$1\u02BB').replace(/'/g, '\u02BC');
}
