import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export type ParsedBody =
  { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'form'; value: Record<string, string | string[]> };

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw HttpError.of(413, 'too-long', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads and parses a request body by its content type; anything unreadable is a 4xx, never a crash. */
export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readRaw(req);
  if (raw.length === 0) return { kind: 'none' };
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw HttpError.of(400, 'structure', 'The body is not valid UTF-8.');
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    // A repeated key (a date range: `date=ge2020-01-01&date=lt2021-01-01`) keeps all its values.
    const form: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(text)) {
      const previous = form[key];
      form[key] = previous === undefined ? value : ([] as string[]).concat(previous, value);
    }
    return { kind: 'form', value: form };
  }
  if (type === 'application/json' || type === 'application/fhir+json' || type.endsWith('+json') || type === '') {
    try {
      return { kind: 'json', value: JSON.parse(text) as unknown };
    } catch {
      throw HttpError.of(400, 'structure', 'The body is not valid JSON.');
    }
  }
  throw HttpError.of(415, 'not-supported', `Content-Type "${type}" is not supported; send application/fhir+json.`);
}
