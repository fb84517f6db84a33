import type { OpenApiDocument } from './load-contract.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
const methods: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  /** `false` with `style: form`: an array travels as one comma-separated value (`status=waiting,called`). */
  explode?: boolean;
  style?: string;
  schema?: Record<string, unknown>;
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The contract's path template, e.g. `/fhir/Patient/{id}`. */
  path: string;
  parameters: ParameterSpec[];
  /** Request body schemas by media type. */
  requestBody?: { required: boolean; content: Record<string, { schema?: Record<string, unknown> }> };
  /** Who may call it (`x-shifo-roles`): staff roles, `patient`, `system`, or `public` / `dev`. */
  roles: string[];
  responses: Record<string, unknown>;
  matcher: RegExp;
  pathParamNames: string[];
}

/** Follows a local `$ref` (`#/components/parameters/IfMatch`) to the object it names. */
export function deref<T>(doc: OpenApiDocument, value: T): T {
  let current: unknown = value;
  for (let hops = 0; hops < 16; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return current as T;
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
  }
  throw new Error(`$ref chain too long at ${JSON.stringify(value)}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compilePath(template: string): { matcher: RegExp; names: string[] } {
  const names: string[] = [];
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (part.startsWith('{') && part.endsWith('}')) {
        names.push(part.slice(1, -1));
        return '([^/]+)';
      }
      return escapeRegExp(part);
    })
    .join('');
  return { matcher: new RegExp(`^${pattern}$`), names };
}

/** Every operation of the contract, most specific path first (literal `_search` before `{id}`). */
export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters as ParameterSpec[] | undefined) ?? [];
    for (const method of methods) {
      const raw = item[method] as Record<string, unknown> | undefined;
      if (!raw) continue;
      const own = (raw.parameters as ParameterSpec[] | undefined) ?? [];
      const parameters = [...shared, ...own].map((parameter) => deref(doc, parameter));
      const { matcher, names } = compilePath(path);
      const requestBody = raw.requestBody ? deref(doc, raw.requestBody as Operation['requestBody']) : undefined;
      operations.push({
        operationId: String(raw.operationId),
        method,
        path,
        parameters,
        ...(requestBody
          ? { requestBody: { required: requestBody.required ?? false, content: requestBody.content } }
          : {}),
        roles: (raw['x-shifo-roles'] as string[] | undefined) ?? [],
        responses: (raw.responses as Record<string, unknown> | undefined) ?? {},
        matcher,
        pathParamNames: names,
      });
    }
  }
  const specificity = (op: Operation) => op.pathParamNames.length * 1000 - op.path.length;
  return operations.sort((a, b) => specificity(a) - specificity(b));
}

export interface RouteMatch {
  operation: Operation;
  pathParams: Record<string, string>;
}

export type RouteResult = RouteMatch | { allowed: HttpMethod[] } | undefined;

/** Finds the operation for a request; `{ allowed }` when the path exists under other methods. */
export function matchRoute(operations: Operation[], method: string, pathname: string): RouteResult {
  const allowed: HttpMethod[] = [];
  for (const operation of operations) {
    const found = operation.matcher.exec(pathname);
    if (!found) continue;
    if (operation.method !== method.toLowerCase()) {
      allowed.push(operation.method);
      continue;
    }
    const pathParams: Record<string, string> = {};
    let decodable = true;
    operation.pathParamNames.forEach((name, index) => {
      try {
        pathParams[name] = decodeURIComponent(found[index + 1]!);
      } catch {
        decodable = false;
      }
    });
    if (decodable) return { operation, pathParams };
  }
  return allowed.length ? { allowed } : undefined;
}
