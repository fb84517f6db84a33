/** Small helpers to address and change nodes of a JSON value by path (`['name', 0, 'family']`). */

export type JsonPath = (string | number)[];

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/** Paths of every node below the root, breadth first, at most `max` of them. */
export function nodePaths(root: unknown, max = 400): JsonPath[] {
  const found: JsonPath[] = [];
  const queue: [unknown, JsonPath][] = [[root, []]];
  while (queue.length && found.length < max) {
    const [node, path] = queue.shift()!;
    if (!isContainer(node)) continue;
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((item, index) => [index, item])
      : Object.entries(node);
    for (const [key, child] of entries) {
      const childPath = [...path, key];
      found.push(childPath);
      queue.push([child, childPath]);
    }
  }
  return found;
}

export function getAt(root: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>(
    (node, key) => (isContainer(node) ? (node as Record<string, unknown>)[key] : undefined),
    root,
  );
}

/** A copy of `root` with the node at `path` replaced (or added, when its parent exists). */
export function setAt(root: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root);
  const parent = getAt(copy, path.slice(0, -1));
  if (isContainer(parent)) (parent as Record<string, unknown>)[path.at(-1)!] = value;
  return copy;
}

/** A copy of `root` without the node at `path`. */
export function deleteAt(root: unknown, path: JsonPath): unknown {
  const copy = structuredClone(root);
  const parent = getAt(copy, path.slice(0, -1));
  const key = path.at(-1);
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else if (isContainer(parent) && key !== undefined) delete (parent as Record<string, unknown>)[key];
  return copy;
}

export function describePath(path: JsonPath): string {
  return `/${path.join('/')}`;
}
