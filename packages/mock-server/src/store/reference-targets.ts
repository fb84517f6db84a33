/** `Type/id` at the end of a reference (`Type/id`, `Type/id/_history/n`, or an absolute URL ending so). */
const TARGET = /(?:^|\/)([A-Z][A-Za-z]{1,63}\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

/**
 * Every `Type/id` a resource points at through `reference` elements, at any depth. Contained (`#id`) and logical
 * references are skipped. Used to index who refers to whom, so business rules need not scan a whole type.
 */
export function referenceTargets(resource: unknown): Set<string> {
  const targets = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'reference' && typeof inner === 'string') {
        const target = TARGET.exec(inner)?.[1];
        if (target) targets.add(target);
      } else if (key !== 'text' && key !== 'contained' && typeof inner === 'object') {
        visit(inner);
      }
    }
  };
  visit(resource);
  return targets;
}
