/**
 * Narrow views of untyped FHIR JSON. Resources reach the rules as plain objects that the contract has checked only
 * for shape, so every read goes through these guards instead of casts.
 */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asObjects(value: unknown): JsonObject[] {
  const objects: JsonObject[] = [];
  for (const item of asArray(value)) {
    const object = asObject(item);
    if (object) objects.push(object);
  }
  return objects;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `resource.a.b.c` for object-valued steps; undefined as soon as a step is missing. */
export function path(value: unknown, ...steps: string[]): unknown {
  let current: unknown = value;
  for (const step of steps) current = asObject(current)?.[step];
  return current;
}

/** Codings of a CodeableConcept. */
export function codings(concept: unknown): { system?: string; code?: string; display?: string }[] {
  return asObjects(asObject(concept)?.coding).map((coding) => {
    const out: { system?: string; code?: string; display?: string } = {};
    const system = asString(coding.system);
    const code = asString(coding.code);
    const display = asString(coding.display);
    if (system !== undefined) out.system = system;
    if (code !== undefined) out.code = code;
    if (display !== undefined) out.display = display;
    return out;
  });
}

/** Structural equality of JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  const objectA = asObject(a);
  const objectB = asObject(b);
  if (!objectA || !objectB) return false;
  const keysA = Object.keys(objectA).filter((key) => objectA[key] !== undefined);
  const keysB = Object.keys(objectB).filter((key) => objectB[key] !== undefined);
  return keysA.length === keysB.length && keysA.every((key) => jsonEqual(objectA[key], objectB[key]));
}
