/**
 * A request that can be sent more than once. A `Request` body is a stream that can be read only once, so the
 * body is read into memory up front and every attempt gets a fresh `Request` built from the template.
 */
export interface Outgoing {
  readonly template: Request;
  readonly body: ArrayBuffer | undefined;
}

export async function outgoingFrom(request: Request): Promise<Outgoing> {
  return { template: request, body: request.body ? await request.arrayBuffer() : undefined };
}

/** A fresh, unread `Request` for one attempt, aborted by `signal`. */
export function requestFor(outgoing: Outgoing, signal: AbortSignal): Request {
  return new Request(outgoing.template, { body: outgoing.body, signal });
}

/** The same request with one header replaced (a renewed bearer token). */
export function withHeader(outgoing: Outgoing, name: string, value: string): Outgoing {
  const headers = new Headers(outgoing.template.headers);
  headers.set(name, value);
  return { template: new Request(outgoing.template, { body: outgoing.body, headers }), body: outgoing.body };
}

export function bearerTokenOf(request: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '')?.[1];
}

/** Server-Sent Events are read as they arrive; everything else is read whole before it is handed on. */
export function isEventStream(message: Request | Response): boolean {
  const header = message instanceof Request ? 'Accept' : 'Content-Type';
  return (message.headers.get(header) ?? '').includes('text/event-stream');
}
